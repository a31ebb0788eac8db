#include <cmath>

#include <nlohmann/json.hpp>

#include "scanner/report/report.h"

namespace authshift::report {
namespace {

nlohmann::ordered_json PositionJson(const core::Position& p, size_t offset) {
  return nlohmann::ordered_json{{"line", p.line}, {"column", p.column}, {"column_utf16", p.column_utf16}, {"offset", offset}};
}

}  // namespace

void WriteJson(const engine::ScanResult& result, std::string_view tool_version, std::ostream& out) {
  using json = nlohmann::ordered_json;
  json findings = json::array();
  size_t counts[3] = {0, 0, 0};
  for (const auto& f : result.findings) {
    if (!f.suppressed) ++counts[static_cast<size_t>(f.severity)];
    findings.push_back({
        {"rule_id", f.rule_id},
        {"severity", core::SeverityName(f.severity)},
        {"message", f.message},
        {"path", f.path},
        {"start", PositionJson(f.start, f.byte_start)},
        {"end", PositionJson(f.end, f.byte_end)},
        {"snippet", f.snippet},
        {"has_secret", f.has_secret},
        {"forms", f.forms},
        {"fixable", f.fixable},
        {"fingerprint", f.fingerprint},
        {"suppressed", f.suppressed},
    });
    if (f.baseline_state != core::BaselineState::kNone) {
      findings.back()["baseline_state"] = std::string(core::BaselineStateName(f.baseline_state));
    }
  }
  json skipped = json::array();
  for (const auto& s : result.skipped) {
    json item = {{"path", s.path}, {"reason", core::SkipReasonName(s.reason)}};
    if (!s.detail.empty()) item["detail"] = s.detail;
    skipped.push_back(item);
  }
  json by_reason = json::object();
  for (size_t r = 0; r < result.stats.skipped.size(); ++r) {
    by_reason[std::string(core::SkipReasonName(static_cast<core::SkipReason>(r)))] = result.stats.skipped[r];
  }
  const auto& s = result.stats;
  json doc = {
      {"schema_version", kJsonSchemaVersion},
      {"tool", {{"name", "authshift"}, {"version", tool_version}}},
      {"findings", findings},
      {"skipped", skipped},
      {"errors", result.errors},
      {"stats",
       {{"files_seen", s.files_seen},
        {"files_scanned", s.files_scanned},
        {"files_matched", s.files_matched},
        {"files_with_findings", s.files_with_findings},
        {"files_skipped", s.SkippedTotal()},
        {"skipped_by_reason", by_reason},
        {"bytes_scanned", s.bytes_scanned},
        {"duration_ms", std::llround(s.duration_ms)},
        {"findings_by_severity", {{"error", counts[2]}, {"warning", counts[1]}, {"note", counts[0]}}}}},
  };
  // Only when some C/C++ file was lowered without its headers (keeps other reports unchanged).
  if (s.files_degraded > 0) doc["stats"]["files_degraded"] = s.files_degraded;
  // Only when some file parsed for the IR rules had syntax errors (it was scanned all the same).
  if (s.files_with_syntax_errors > 0) doc["stats"]["files_with_syntax_errors"] = s.files_with_syntax_errors;
  // Paths and snippets may hold invalid UTF-8: replace it (U+FFFD) rather than fail the report.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace authshift::report
