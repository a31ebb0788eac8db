#pragma once
// The one cheap pass every file gets: a case-insensitive search for the literals the loaded rules
// need. A file with no hit costs one scan of its bytes and goes no further. Built once; thread-safe.
#include <memory>
#include <string_view>
#include <vector>

#include <re2/set.h>

#include "scanner/engine/rule_loader.h"

namespace authshift::engine {

class Prefilter {
 public:
  explicit Prefilter(const RuleSet& rules);
  // Indices (into rules.rules) of the rules that may match `text`, ascending.
  std::vector<size_t> Candidates(std::string_view text) const;
  size_t keyword_count() const { return keyword_rules_.size(); }

 private:
  std::unique_ptr<RE2::Set> set_;                  // one pattern per distinct keyword
  std::vector<std::vector<size_t>> keyword_rules_;  // keyword index -> rules needing it
  std::vector<size_t> always_;                     // rules without keywords: run on every file
  size_t rule_count_ = 0;
};

}  // namespace authshift::engine
