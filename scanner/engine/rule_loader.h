#pragma once
// Loads rules from YAML: the default pack embedded in the binary, and files or directories given
// with --rules. Every error names file, line, column and field and says what was expected.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/strings.h"
#include "scanner/engine/rule.h"

namespace authshift::engine {

struct RuleSet {
  std::vector<std::unique_ptr<Rule>> rules;  // sorted by id
  const Rule* Find(std::string_view id) const;
  std::vector<std::string> Ids() const;
};

struct LoadOptions {
  bool default_rules = true;
  std::vector<std::string> rule_paths;   // files or directories (*.yaml, *.yml)
  std::vector<std::string> disabled;     // rule ids to drop (unknown ids are an error)
  // IR rules' examples go through a frontend (a parse, and a query compile per language): run for
  // rules given with rule_paths always, for the built-in pack only when asked (the test suite
  // checks it; it is compiled into the binary, so it cannot change after the build).
  bool check_builtin_ir_examples = false;
};

// Parses one rule. `id` is the file stem, `source` the name used in messages.
// Returns nullptr and appends messages like
//   "rules/x.yaml:4:3: field 'severity': expected one of error, warning, note, got 'fatal'"
// to `errors` on failure. Also checks the rule's own examples.
std::unique_ptr<Rule> ParseRule(std::string_view id, std::string_view source, std::string_view text,
                                std::vector<std::string>* errors);

// Loads the whole set. On any error returns false with every message in `errors` (all files are
// checked, not just the first failure). Duplicate ids across files are an error naming both files.
bool LoadRules(const LoadOptions& options, RuleSet* out, std::vector<std::string>* errors);

// The "did you mean" helper lives in core (strings.h); the engine's callers name it unqualified.
using core::DidYouMean;

}  // namespace authshift::engine
