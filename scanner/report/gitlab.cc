// GitLab's report formats: the security report (artifacts:reports:sast, schema 15.0.7, the copy in
// tests/data/gitlab/) and Code Quality (artifacts:reports:codequality, the Code Climate issue subset
// GitLab reads). See report.h for the contract and README "GitLab".
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "scanner/core/hash.h"
#include "scanner/report/report.h"

namespace authshift::report {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSastSchemaVersion = "15.0.7";
constexpr std::string_view kSastSchemaUri =
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/dist/"
    "sast-report-format.json";

// "yyyy-mm-ddThh:mm:ss" in UTC, the only time format the schema accepts.
std::string IsoSeconds(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string_view GitLabSeverity(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "High";
    case core::Severity::kWarning: return "Medium";
    case core::Severity::kNote: return "Low";
  }
  return "Unknown";
}

std::string_view CodeQualitySeverity(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "critical";
    case core::Severity::kWarning: return "major";
    case core::Severity::kNote: return "minor";
  }
  return "info";
}

// A UUID-shaped id derived from the finding's fingerprint and rule: stable across runs like the
// fingerprint, unique per finding (the fingerprint already counts identical occurrences).
std::string VulnerabilityId(const core::Finding& f) {
  std::string hex = f.fingerprint + core::Hex64(core::Fnv1a64(f.rule_id + '\0' + f.fingerprint));
  hex.resize(32, '0');
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
         hex.substr(20, 12);
}

// At most `n` bytes of `s`, cut at a UTF-8 character boundary.
std::string Clip(std::string s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

json SastVulnerability(const core::Finding& f, const engine::Rule* rule, const CiReportOptions& options) {
  const std::string path = options.path_prefix + f.path;
  std::string help = rule != nullptr ? rule->help : std::string();
  std::string description = f.message;
  if (!help.empty()) description += "\n\n" + help;
  std::string solution = f.fixable ? "Run `authshift fix " + path + "` to rewrite this to OAuth (review the diff " +
                                         "with `authshift fix --dry-run` first)."
                                   : "authshift reports this without a fix: " +
                                         (help.empty() ? std::string("see `authshift rules --explain ") + f.rule_id + "`"
                                                       : help);
  json v = {
      {"id", VulnerabilityId(f)},
      {"category", "sast"},
      {"name", Clip(rule != nullptr ? rule->message : f.rule_id, 255)},
      {"description", Clip(description, 1048576)},
      {"severity", GitLabSeverity(f.severity)},
      {"solution", Clip(solution, 7000)},
      {"identifiers", json::array({{{"type", "authshift_rule_id"},
                                    {"name", "authshift " + f.rule_id},
                                    {"value", f.rule_id}}})},
      {"location", {{"file", path}, {"start_line", f.start.line}, {"end_line", f.end.line}}},
      {"details",
       {{"fingerprint", {{"name", "authshift fingerprint"}, {"type", "text"}, {"value", f.fingerprint}}},
        {"forms", {{"name", "Authtoken forms (docs/forms.md)"}, {"type", "text"}, {"value", json(f.forms).dump()}}}}},
  };
  return v;
}

}  // namespace

void WriteGitLabSast(const engine::ScanResult& result, const engine::RuleSet& rules, std::string_view tool_version,
                     const CiReportOptions& options, std::ostream& out) {
  auto end = options.end_time.value_or(std::chrono::system_clock::now());
  auto start = end - std::chrono::milliseconds(static_cast<int64_t>(result.stats.duration_ms));
  json vulnerabilities = json::array();
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;  // an in-source `authshift: ignore` is a decision, not a vulnerability
    vulnerabilities.push_back(SastVulnerability(f, rules.Find(f.rule_id), options));
  }
  json component = {{"id", "authshift"},
                    {"name", "authshift"},
                    {"url", "https://github.com/authshift/authshift"},
                    {"vendor", {{"name", "authshift"}}},
                    {"version", tool_version}};
  json scan = {{"analyzer", component},
               {"scanner", component},
               {"type", "sast"},
               {"start_time", IsoSeconds(std::chrono::time_point_cast<std::chrono::system_clock::duration>(start))},
               {"end_time", IsoSeconds(end)},
               {"status", "success"}};
  json messages = json::array();
  for (const auto& e : result.errors) messages.push_back({{"level", "warn"}, {"value", e.empty() ? "error" : e}});
  if (!messages.empty()) scan["messages"] = messages;
  json doc = {{"schema", kSastSchemaUri},
              {"version", kSastSchemaVersion},
              {"scan", scan},
              {"vulnerabilities", vulnerabilities}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void WriteCodeClimate(const engine::ScanResult& result, const CiReportOptions& options, std::ostream& out) {
  json issues = json::array();
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;
    issues.push_back({
        {"type", "issue"},
        {"check_name", f.rule_id},
        {"description", f.message},
        {"categories", json::array({"Security"})},
        {"severity", CodeQualitySeverity(f.severity)},
        {"fingerprint", f.fingerprint},
        {"location",
         {{"path", options.path_prefix + f.path},
          {"positions",
           {{"begin", {{"line", f.start.line}, {"column", f.start.column}}},
            {"end", {{"line", f.end.line}, {"column", f.end.column}}}}}}},
        {"engine_name", "authshift"},
    });
  }
  out << issues.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace authshift::report
