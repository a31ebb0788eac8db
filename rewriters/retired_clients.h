// Clients of retired Zoho APIs, judged after the rewriters ran: Zoho Docs requests, Authtoken
// generations whose token only such APIs use, and keys whose request is in another file.
#pragma once

#include <string_view>

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {
class ProjectConstants;
}

namespace authshift::rewriters {

// True when `text` names the Zoho Docs API (`apidocs.zoho.<tld>/…`, the `files/v1` calls), which
// Zoho retired when Zoho Docs moved into Zoho WorkDrive (a different API).
bool IsZohoDocsApi(std::string_view text);

// After the rewriters and MarkLegacyOnlyValues ran, two outcomes change to the legacy one
// ("legacy API (…): … by hand", the wording score.py and the summary count as legacy):
// - a withheld or report-only token finding sent to the Zoho Docs API: its line names an
//   `apidocs.zoho.<tld>` URL, or its map carries `SCOPE: docsapi` / `ZohoPC/docsapi`;
// - a withheld Authtoken generation in a file where every other Authtoken finding is withheld as
//   legacy and every Zoho API URL (other than the accounts server) is a retired API's, with at
//   least one of either: the token is for those calls, which need a rewrite to the current API
//   (whose OAuth then replaces the generation), not a new token. When the file's other findings
//   are values whose request is elsewhere ("cannot find the request"), or the file names no API,
//   the evidence is every Zoho API URL of the project's files with the same extension (`project`,
//   when given: all retired, at least one). The outcome names those lines;
// - an `authtoken` key whose request is in another file (report-only, held `context: zoho` ones
//   included, or "cannot find the request") in a file that names no current Zoho API and whose other
//   findings are legacy, when every Zoho API URL of the project's files of its kind is a retired one;
// and a key withheld as "cannot find the request" whose map is handed to a method of its own file
// (`$this->sendRequest($url, $params)`) gets a reason naming that method and its other callers.
void MarkRetiredClients(engine::FileAnalysis& analysis, const ProjectConstants* project);

}  // namespace authshift::rewriters
