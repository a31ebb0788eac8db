#include "scanner/engine/prefilter.h"

#include <algorithm>
#include <map>

namespace authshift::engine {

Prefilter::Prefilter(const RuleSet& rules) : rule_count_(rules.rules.size()) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_literal(true);
  opts.set_log_errors(false);
  // A generous DFA budget: the keyword set is small, and running out would fail the match.
  opts.set_max_mem(64 << 20);
  set_ = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  std::map<std::string, size_t> index;
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = *rules.rules[r];
    if (rule.keywords.empty()) {
      always_.push_back(r);
      continue;
    }
    for (const auto& k : rule.keywords) {
      auto [it, inserted] = index.emplace(k, keyword_rules_.size());
      if (inserted) {
        set_->Add(k, nullptr);
        keyword_rules_.emplace_back();
      }
      keyword_rules_[it->second].push_back(r);
    }
  }
  if (!keyword_rules_.empty()) set_->Compile();
}

std::vector<size_t> Prefilter::Candidates(std::string_view text) const {
  std::vector<size_t> out = always_;
  if (!keyword_rules_.empty()) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo info{};
    if (!set_->Match(re2::StringPiece(text.data(), text.size()), &hits, &info) &&
        info.kind != RE2::Set::kNoError) {
      // Out of DFA memory or similar: be safe and let every rule look at the file.
      for (size_t r = 0; r < rule_count_; ++r) out.push_back(r);
    }
    for (int h : hits) {
      const auto& rs = keyword_rules_[static_cast<size_t>(h)];
      out.insert(out.end(), rs.begin(), rs.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace authshift::engine
