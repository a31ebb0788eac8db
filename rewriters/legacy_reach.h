// Report-only hard-coded tokens and settings whose every use in the file is a retired API.
#pragma once

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {

// After the rewriters ran: a report-only literal or setting finding (a hard-coded Authtoken, a
// setting that supplies one) whose value, followed through the names that hold it in this file,
// reaches at least one request and only requests of a legacy API (CRM v1, Creator v1, Invoice v2;
// the findings already withheld as legacy, or lines naming such a URL) is withheld the same way,
// naming those lines. A value that reaches no request, or any other one, keeps its outcome.
// Then a report-only value that nothing in the file reads (a constant never used, another class's
// attribute, a settings entry whose key the file never looks up) is withheld, saying so and that it
// should be deleted; as legacy when every other line of the file that writes the same token or
// placeholder is a legacy one (comments, notes and other unread copies aside), naming those lines.
void MarkLegacyOnlyValues(engine::FileAnalysis& analysis);
// The first half of MarkLegacyOnlyValues alone (the values that reach legacy requests).
void MarkLegacyReach(engine::FileAnalysis& analysis);

}  // namespace authshift::rewriters
