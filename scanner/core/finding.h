#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/source_file.h"

namespace authshift::core {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity s);  // "note", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view s);

// Where a finding stands against `--baseline`: kNone without a baseline; with one, every reported
// finding is kNew (findings in the baseline are not reported).
enum class BaselineState { kNone, kNew };
std::string_view BaselineStateName(BaselineState s);  // "" for kNone, "new"

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
  std::vector<std::string> forms;  // docs/forms.md ids, e.g. "F6"
  bool fixable = false;
  std::string fix;  // the rule's rewriter name ("none" for report-only)
  bool suppressed = false;  // an `authshift: ignore` comment covers it: reported, never counted
  BaselineState baseline_state = BaselineState::kNone;
};

// Orders by path, then start offset, then rule id: the one output order.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace authshift::core
