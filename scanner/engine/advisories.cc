#include "scanner/engine/advisories.h"

#include <algorithm>
#include <set>

namespace authshift::engine {

bool IsAdvisory(const Rule& rule) {
  return std::find(rule.tags.begin(), rule.tags.end(), kAdvisoryTag) != rule.tags.end();
}

void HoldBackAdvisories(const RuleSet& rules, ScanResult* result) {
  std::set<std::string> advisory;
  for (const auto& r : rules.rules) {
    if (IsAdvisory(*r)) advisory.insert(r->id);
  }
  if (advisory.empty()) return;
  std::erase_if(result->findings, [&](const core::Finding& f) {
    if (advisory.count(f.rule_id) == 0) return false;
    if (!f.suppressed) ++result->advisories_held[f.rule_id];
    return true;
  });
  std::set<std::string> with_findings;
  for (const auto& f : result->findings) with_findings.insert(f.path);
  result->stats.files_with_findings = with_findings.size();
}

std::vector<std::string> PlanLines(const RuleSet& rules, const ScanResult& result) {
  std::vector<std::string> out;
  for (const auto& [id, n] : result.advisories_held) {
    const Rule* r = rules.Find(id);
    std::string what = r != nullptr ? r->message : id;
    out.push_back("plan: " + std::to_string(n) + " x " + what + " [" + id +
                  "] (advisory, nothing is broken: --advisories lists them; 'authshift rules --explain " + id +
                  "' says why)");
  }
  return out;
}

}  // namespace authshift::engine
