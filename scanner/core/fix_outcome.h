#pragma once
// What became of a finding when the command asked for fixes: the neutral vocabulary the fixer
// writes and the reporters read (neither depends on the other).
#include <string>
#include <string_view>

namespace authshift::core {

// The order is the order of the fix summary's counts.
enum class FixStatus { kFixed, kWithheld, kReportOnly };
std::string_view FixStatusName(FixStatus s);  // "fixed", "withheld", "report-only"

struct FixOutcome {
  FixStatus status = FixStatus::kReportOnly;
  std::string detail;  // fixed: what the user must still do; withheld: why (secrets redacted)
};

}  // namespace authshift::core
