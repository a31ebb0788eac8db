// Report-only hard-coded tokens and settings whose every use in the file is a retired API.
#pragma once

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {

// After the rewriters ran: a report-only literal or setting finding (a hard-coded Authtoken, a
// setting that supplies one) whose value, followed through the names that hold it in this file,
// reaches at least one request and only requests of a legacy API (CRM v1, Creator v1, Invoice v2;
// the findings already withheld as legacy, or lines naming such a URL) is withheld the same way,
// naming those lines. A value that reaches no request, or any other one, keeps its outcome.
void MarkLegacyOnlyValues(engine::FileAnalysis& analysis);

}  // namespace authshift::rewriters
