#include "scanner/core/finding.h"

#include <tuple>

namespace authshift::core {

std::string_view BaselineStateName(BaselineState s) { return s == BaselineState::kNew ? "new" : ""; }

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

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.byte_start, a.rule_id, a.byte_end) <
         std::tie(b.path, b.byte_start, b.rule_id, b.byte_end);
}

}  // namespace authshift::core
