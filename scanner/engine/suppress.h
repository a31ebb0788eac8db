#pragma once
// Suppression comments: `authshift: ignore` or `authshift: ignore[rule-id, …]` in a comment on the
// finding's line or the line before, and `authshift: ignore-file` anywhere in a comment. Suppressed
// findings stay in the results (JSON `suppressed`, SARIF `suppressions`) but never fail a run.
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/core/source_file.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {

struct Suppression {
  uint32_t line = 0;              // where the comment is
  size_t offset = 0;              // byte offset of "authshift:"
  size_t length = 0;              // of the whole directive
  bool whole_file = false;        // ignore-file
  std::vector<std::string> ids;   // empty: every rule
  bool used = false;
};

// Directives inside comments of `lang` (prose files: anywhere).
std::vector<Suppression> FindSuppressions(const core::SourceFile& file, const languages::Language& lang);

// Marks the findings the directives cover and flags the directives that were used.
void ApplySuppressions(std::vector<Suppression>* suppressions, std::vector<core::Finding>* findings);

}  // namespace authshift::engine
