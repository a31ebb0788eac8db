// A parameter entry set after the parameters' last use: the token it puts in is never sent.
#pragma once

#include <functional>

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {

// After the rewriters ran: an `authtoken` entry withheld because no request was found
// (`$params['authtoken'] = …`) whose map variable nothing reads afterwards in its function (only
// `isset`/`empty` checks and more entries put into it) is withheld with that reason instead,
// naming the map's last use before it (the URL built from it).
void MarkEntriesSetTooLate(engine::FileAnalysis& analysis);

// Calls `visit` with each map-entry finding of `analysis` withheld because no request was found
// ("cannot find the request this value is sent with"), the file's facts and its entry.
void ForEachUnsentEntry(engine::FileAnalysis& analysis,
                        const std::function<void(core::Finding&, const ir::Facts&, const ir::MapEntry&)>& visit);

}  // namespace authshift::rewriters
