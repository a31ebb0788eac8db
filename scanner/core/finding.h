#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/core/fix_outcome.h"
#include "scanner/core/source_file.h"

namespace authshift::core {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity s);  // "note", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view s);

// What a finding was matched on: its rule's `match.kind`, parsed once by the rule loader (the YAML
// spelling is only read there and printed back). kText and kSuppression are the text matcher and
// the engine's own suppression check; the others are the IR matcher kinds (engine/rule.h). A
// rewriter reads it (and the forms) to know what the finding's span is — a URL parameter, a
// parameter-map entry, a header, a literal bound to a name that reaches a request — never the
// rule id.
enum class MatchKind {
  kText, kUrlParam, kMapEntry, kHeader, kStringValue, kCall, kBindingToSink, kBinding, kZohoKey, kZohoLiteral,
  kSuppression
};

inline constexpr std::array<std::pair<MatchKind, std::string_view>, 11> kMatchKindNames = {{
    {MatchKind::kText, "text"},
    {MatchKind::kUrlParam, "url-param"},
    {MatchKind::kMapEntry, "map-entry"},
    {MatchKind::kHeader, "header"},
    {MatchKind::kStringValue, "string-value"},
    {MatchKind::kCall, "call"},
    {MatchKind::kBindingToSink, "binding-to-sink"},
    {MatchKind::kBinding, "binding"},
    {MatchKind::kZohoKey, "zoho-key"},
    {MatchKind::kZohoLiteral, "zoho-literal"},
    {MatchKind::kSuppression, "suppression"},
}};

// The YAML spelling of `kind` ("url-param", ...).
constexpr std::string_view MatchKindName(MatchKind kind) {
  for (const auto& [k, name] : kMatchKindNames) {
    if (k == kind) return name;
  }
  return "?";
}

// The kind spelled `name`, or nullopt for an unknown spelling.
constexpr std::optional<MatchKind> ParseMatchKind(std::string_view name) {
  for (const auto& [k, n] : kMatchKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

// Where a finding stands against `--baseline`: kNone without a baseline; with one, every reported
// finding is kNew (findings in the baseline are not reported).
enum class BaselineState { kNone, kNew };
std::string_view BaselineStateName(BaselineState s);  // "" for kNone, "new"

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

// Another place in the same file that belongs to a finding: the request call that sends the map
// or URL holding the token (SARIF relatedLocations).
struct RelatedLocation {
  size_t byte_start = 0;
  size_t byte_end = 0;
  Position start;
  Position end;
  std::string message;  // what the place is ("sent by this call")
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
  std::vector<std::string> forms;  // docs/forms.md ids, e.g. "F6"
  MatchKind match_kind = MatchKind::kText;  // the rule's `match.kind`
  bool fixable = false;
  std::string fix;  // the rule's rewriter name ("none" for report-only)
  bool suppressed = false;  // an `authshift: ignore` comment covers it: reported, never counted
  BaselineState baseline_state = BaselineState::kNone;
  std::string location;  // the named part of the file it is in, when the frontend knows one:
                         // "function pushContact", "workflow Order_on_success in form Order"
  FactIds facts;       // IR rules: what the match was made of
  FixOutcome outcome;  // set when the command computes fixes (fix, diff, SARIF, text previews)
  std::vector<RelatedLocation> related;  // in the same file, source order
};

// Orders by path, then start offset, then rule id: the one output order.
bool FindingLess(const Finding& a, const Finding& b);

// True when the finding's rule lists form `form` ("F13").
bool HasForm(const Finding& f, std::string_view form);

}  // namespace authshift::core
