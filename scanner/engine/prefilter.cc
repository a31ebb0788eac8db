#include "scanner/engine/prefilter.h"

#include <algorithm>
#include <map>

namespace authshift::engine {

Prefilter::Prefilter(const RuleSet& rules) {
  // One literal per distinct (keyword, exception words) pair: rules sharing a keyword but not its
  // exceptions get separate literals.
  std::map<std::string, size_t> index;
  std::vector<std::string> keywords;
  std::vector<std::vector<std::string>> except;
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = *rules.rules[r];
    if (rule.keywords.empty()) {
      always_.push_back(r);
      continue;
    }
    std::vector<std::vector<std::string>> rule_except = ExceptionsFor(rule.keywords, rule.keywords_except);
    for (size_t i = 0; i < rule.keywords.size(); ++i) {
      std::vector<std::string>& words = rule_except[i];
      std::sort(words.begin(), words.end());
      std::string key = rule.keywords[i];
      for (const auto& w : words) key += '\x1f' + w;
      auto [it, inserted] = index.emplace(key, keyword_rules_.size());
      if (inserted) {
        keywords.push_back(rule.keywords[i]);
        except.push_back(words);
        keyword_rules_.emplace_back();
      }
      keyword_rules_[it->second].push_back(r);
    }
  }
  literals_ = std::make_unique<LiteralSet>(std::move(keywords), std::move(except));
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


bool Prefilter::AnyCandidate(std::string_view text) const {
  return !always_.empty() || !literals_->Find(text).empty();
}

}  // namespace authshift::engine
