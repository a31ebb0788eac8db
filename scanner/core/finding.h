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

// What a finding was matched on: its rule's `match.kind`. A rewriter reads it (and the forms) to
// know what the finding's span is — a URL parameter, a parameter-map entry, a header, a literal
// bound to a name that reaches a request — never the rule id.
enum class MatchKind : uint8_t {
  kText,           // a regex over the file text
  kUrlParam,       // url-param: a query parameter of a URL string
  kMapEntry,       // map-entry: a parameter-map entry
  kHeader,         // header: a header entry
  kStringValue,    // string-value: a whole string value
  kCall,           // call: a call
  kBindingToSink,  // binding-to-sink: a literal bound to a name whose value other rules matched
  kBinding,        // binding: a literal bound to a (data file) key
  kSuppression,    // suppression: an `authshift: ignore` comment
};
std::string_view MatchKindName(MatchKind k);  // the `match.kind` spelling: "url-param", …
std::optional<MatchKind> ParseMatchKind(std::string_view s);

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
  MatchKind match_kind = MatchKind::kText;  // the rule's `match.kind`
  bool fixable = false;
  std::string fix;  // the rule's rewriter name ("none" for report-only)
  bool suppressed = false;  // an `authshift: ignore` comment covers it: reported, never counted
  std::string baseline_state;  // "" (no baseline given) or "new"
};

// Orders by path, then start offset, then rule id: the one output order.
bool FindingLess(const Finding& a, const Finding& b);

// True when the finding's rule lists form `form` ("F13").
bool HasForm(const Finding& f, std::string_view form);

}  // namespace authshift::core
