#pragma once
// `scan --format plan` / `plan-json`: the migration plan of a repository, derived from a scan's
// findings and the Zoho API calls of the files that have them (engine/endpoints.h): per data
// centre and product, the OAuth client to register and the scopes the calls need (method + path,
// as Deluge connections get them: rewriters/deluge/scopes.h), the Deluge connections to create,
// the environment variables the fixed code reads, and the secrets to revoke (where, never what).
#include <ostream>

#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"

namespace authshift::cli {

struct PlanOptions {
  bool refresh = false;  // token-source refresh (the fixed code reads a refresh token and a client)
};

void WritePlanMarkdown(const engine::ScanResult& result, const engine::RuleSet& rules, const PlanOptions& options,
                       std::ostream& out);
void WritePlanJson(const engine::ScanResult& result, const engine::RuleSet& rules, const PlanOptions& options,
                   std::ostream& out);

}  // namespace authshift::cli
