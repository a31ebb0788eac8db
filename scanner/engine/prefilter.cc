#include "scanner/engine/prefilter.h"

#include <algorithm>
#include <map>

namespace authshift::engine {

Prefilter::Prefilter(const RuleSet& rules) {
  std::map<std::string, size_t> index;
  std::vector<std::string> keywords;
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = *rules.rules[r];
    if (rule.keywords.empty()) {
      always_.push_back(r);
      continue;
    }
    for (const auto& k : rule.keywords) {
      auto [it, inserted] = index.emplace(k, keyword_rules_.size());
      if (inserted) {
        keywords.push_back(k);
        keyword_rules_.emplace_back();
      }
      keyword_rules_[it->second].push_back(r);
    }
  }
  literals_ = std::make_unique<LiteralSet>(std::move(keywords));
}

std::vector<size_t> Prefilter::Candidates(std::string_view text) const {
  std::vector<size_t> out = always_;
  for (size_t h : literals_->Find(text)) {
    const auto& rs = keyword_rules_[h];
    out.insert(out.end(), rs.begin(), rs.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace authshift::engine
