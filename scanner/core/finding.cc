#include "scanner/core/finding.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace authshift::core {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "warning";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  if (s == "note") return Severity::kNote;
  if (s == "warning") return Severity::kWarning;
  if (s == "error") return Severity::kError;
  return std::nullopt;
}

namespace {

constexpr std::pair<MatchKind, std::string_view> kMatchKindNames[] = {
    {MatchKind::kText, "text"},
    {MatchKind::kUrlParam, "url-param"},
    {MatchKind::kMapEntry, "map-entry"},
    {MatchKind::kHeader, "header"},
    {MatchKind::kStringValue, "string-value"},
    {MatchKind::kCall, "call"},
    {MatchKind::kBindingToSink, "binding-to-sink"},
    {MatchKind::kBinding, "binding"},
    {MatchKind::kSuppression, "suppression"},
};

}  // namespace

std::string_view MatchKindName(MatchKind k) {
  for (const auto& [kind, name] : kMatchKindNames) {
    if (kind == k) return name;
  }
  return "text";
}

std::optional<MatchKind> ParseMatchKind(std::string_view s) {
  for (const auto& [kind, name] : kMatchKindNames) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

bool HasForm(const Finding& f, std::string_view form) {
  return std::find(f.forms.begin(), f.forms.end(), form) != f.forms.end();
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.byte_start, a.rule_id, a.byte_end) <
         std::tie(b.path, b.byte_start, b.rule_id, b.byte_end);
}

}  // namespace authshift::core
