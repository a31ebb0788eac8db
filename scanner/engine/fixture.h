#pragma once
// The rule-fixture model (semgrep-style): annotations in the fixture's own comment syntax on the
// line before the code they talk about.
//   ruleid: <id>[, <id>...]   the next code line must be reported by each rule
//   ok: <id>                  the next code line must not be reported by the rule
//   todoruleid: <id>          known miss: should be reported, is not yet (expected absent today)
//   todook: <id>              known false positive: should not be reported, is today (expected present)
// Strict: any finding that no annotation expects fails the fixture. Findings on annotation lines
// themselves are ignored (an annotation names rule ids, which may look like what they match).
#include <string>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {

struct Annotation {
  enum class Kind { kRuleId, kOk, kTodoRuleId, kTodoOk };
  Kind kind;
  std::string rule_id;
  uint32_t annotation_line = 0;  // where it is written
  uint32_t target_line = 0;      // the code line it applies to
};

struct FixtureOutcome {
  bool passed = true;
  std::vector<std::string> problems;  // "line 12: expected zoho-x, not reported"
  size_t expected = 0;                // number of ruleid/todook expectations checked
};

// Parses annotations from `text` for a file of language `lang`.
std::vector<Annotation> ParseAnnotations(std::string_view text, const languages::Language& lang,
                                         std::vector<uint32_t>* annotation_lines);

// Compares findings (of one file) with the annotations. Unknown rule ids in annotations are
// problems too (a typo would otherwise make an `ok:` pass vacuously).
FixtureOutcome CheckFixture(std::string_view text, const languages::Language& lang,
                            const std::vector<core::Finding>& findings,
                            const std::vector<std::string>& known_rule_ids);

}  // namespace authshift::engine
