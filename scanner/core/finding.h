#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/fix_outcome.h"
#include "scanner/core/source_file.h"

namespace authshift::core {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity s);  // "note", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view s);

// The IR facts an IR rule's match was made of: ids into the facts of the file's analysis
// (engine::FileAnalysis), so that the fixer finds what the matcher saw without relocating it by
// offsets. kNone where the matcher used no fact of that kind (always, for text rules).
struct FactIds {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t string = kNone;   // the string literal the match lies in (url-param, string-value)
  uint32_t entry = kNone;    // the map entry (map-entry, header)
  uint32_t binding = kNone;  // the binding (binding, binding-to-sink)
  uint32_t call = kNone;     // the call (call)
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::kWarning;
  std::string message;
  std::string path;       // relative to the scan root, '/'-separated
  size_t byte_start = 0;  // [byte_start, byte_end) in the file
  size_t byte_end = 0;
  Position start;
  Position end;           // position of byte_end (exclusive end)
  std::string snippet;    // the first source line of the match, secrets redacted
  size_t snippet_begin = 0;  // the match's byte range within `snippet` (for the caret)
  size_t snippet_end = 0;
  bool has_secret = false;  // a secret value was matched (and redacted everywhere)
  std::string fingerprint;  // stable across line moves: hex, 16 chars
  std::vector<std::string> forms;  // ZOHO.md §3 ids, e.g. "F6"
  bool fixable = false;
  std::string fix;  // the rule's rewriter name ("none" for report-only)
  bool suppressed = false;  // an `authshift: ignore` comment covers it: reported, never counted
  std::string baseline_state;  // "" (no baseline given) or "new"
  FactIds facts;       // IR rules: what the match was made of
  FixOutcome outcome;  // set when the command computes fixes (fix, diff, SARIF, text previews)
};

// Orders by path, then start offset, then rule id: the one output order.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace authshift::core
