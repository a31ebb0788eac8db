// An `authtoken` option handed to a client that another file or package builds.
#pragma once

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {

// After the rewriters ran: an `authtoken` entry withheld because no request was found, whose map
// literal is an argument of a call this file does not define (`Client::getService('…',
// array('authtoken' => …))`, `new Client({authtoken: …})` of an imported class), is withheld with
// that reason instead: the client sends the token where it is defined, so that code moves to OAuth
// first, and this option then carries an access token.
void MarkEntriesHandedToClients(engine::FileAnalysis& analysis);

}  // namespace authshift::rewriters
