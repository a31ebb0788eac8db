#pragma once
// The one cheap pass every file gets: an ASCII case-insensitive search for the literals (keywords)
// the loaded rules need (LiteralSet). A file with no hit costs one scan of its bytes and goes no
// further. Built once; thread-safe.
#include <memory>
#include <string_view>
#include <vector>

#include "scanner/engine/literal_set.h"
#include "scanner/engine/rule_loader.h"

namespace authshift::engine {

class Prefilter {
 public:
  explicit Prefilter(const RuleSet& rules);
  // Indices (into rules.rules) of the rules that may match `text`, ascending.
  std::vector<size_t> Candidates(std::string_view text) const;
  // True when some rule may match `text` (Candidates would not be empty), without listing them.
  bool AnyCandidate(std::string_view text) const;
  size_t keyword_count() const { return keyword_rules_.size(); }

 private:
  std::unique_ptr<LiteralSet> literals_;           // one literal per distinct keyword
  std::vector<std::vector<size_t>> keyword_rules_;  // keyword index -> rules needing it
  std::vector<size_t> always_;                     // rules without keywords: run on every file
};

}  // namespace authshift::engine
