#pragma once
// Advisory rules (tag `advisory`, e.g. deluge-task-without-connection) point at things that still
// work. Listed one by one they flood real reports — hundreds of SARIF alerts for a repository of
// Deluge functions — so `scan` and `fix` hold them back unless asked (`--advisories`, or
// `advisories: true` in .authshift.yml) and report them as counts in the migration plan instead
// (the text report's `plan:` lines, JSON `stats.advisories_held`). `authshift test` always runs them.
#include <string>
#include <vector>

#include "scanner/engine/rule.h"
#include "scanner/engine/scan.h"

namespace authshift::engine {

// The tag that makes a rule advisory.
inline constexpr std::string_view kAdvisoryTag = "advisory";

bool IsAdvisory(const Rule& rule);

// Moves the findings of advisory rules out of `result->findings` into per-rule counts in
// `result->advisories_held` (suppressed findings are dropped uncounted: the user already decided
// about them) and recounts `stats.files_with_findings`. Findings keep their order.
void HoldBackAdvisories(const RuleSet& rules, ScanResult* result);

// One `plan:` line per held-back rule, for the text report: "plan: N × <message> [<id>] …".
std::vector<std::string> PlanLines(const RuleSet& rules, const ScanResult& result);

}  // namespace authshift::engine
