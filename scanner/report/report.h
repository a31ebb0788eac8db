#pragma once
// Reporters: one function per format, all reading the same ScanResult. Each writes the whole
// report to a stream; the caller decides where (stdout, or a temp file renamed into place).
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/fix.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"

namespace authshift::report {

inline constexpr int kJsonSchemaVersion = 1;

struct TextOptions {
  bool color = false;
  bool quiet = false;  // findings only, no snippet and no summary
  // When given, a fixed finding shows a small preview of its fix (the diff lines around it).
  const std::vector<rewriters::FileFix>* fixes = nullptr;
};

void WriteText(const engine::ScanResult& result, const TextOptions& options, std::ostream& out);
// The JSON report, schema version kJsonSchemaVersion (documented in scanner/report/report.schema.json).
void WriteJson(const engine::ScanResult& result, std::string_view tool_version, std::ostream& out);

// SARIF 2.1.0 for GitHub code scanning (README "SARIF"). Result URIs are `uri_prefix` + the
// finding's path under uriBaseId %SRCROOT%; regions are 1-based with UTF-16 columns. Each file with
// findings is read from `source_root` to compute GitHub's primaryLocationLineHash (omitted when it
// cannot be read); nothing of the file's text goes into the log except the replacements of `fixes`,
// and a replacement that could carry a secret is left out. Thread-compatible; never throws on bad
// input.
struct SarifOptions {
  std::string category;     // runAutomationDetails.id is "<category>/"; empty: none
  std::string uri_prefix;   // repository-relative prefix of result paths, e.g. "fixtures/demo/"
  std::string source_root;  // absolute dir the paths are relative to (read for line hashes)
  const std::vector<rewriters::FileFix>* fixes = nullptr;  // per file, as the CLI computes them
};

void WriteSarif(const engine::ScanResult& result, const engine::RuleSet& rules,
                std::string_view tool_version, const SarifOptions& options, std::ostream& out);

// The formats CI systems read natively. Paths are `path_prefix` + the finding's path (repository-
// relative, as SARIF's). Like every format they carry only the redacted message and snippet, and
// the finding's fingerprint; suppressed findings are left out of the GitLab reports and reported
// as skipped tests in JUnit. Thread-compatible; never throw on bad input (invalid UTF-8 becomes
// U+FFFD).
struct CiReportOptions {
  std::string path_prefix;
  // The scan's end time in the GitLab security report (start = end - duration); default: now.
  std::optional<std::chrono::system_clock::time_point> end_time;
};

// GitLab security report (artifacts:reports:sast), schema version 15.0.7: one vulnerability per
// finding, id derived from its fingerprint, identifier type "authshift_rule_id".
void WriteGitLabSast(const engine::ScanResult& result, const engine::RuleSet& rules, std::string_view tool_version,
                     const CiReportOptions& options, std::ostream& out);
// GitLab Code Quality (artifacts:reports:codequality): a JSON array of Code Climate issues.
void WriteCodeClimate(const engine::ScanResult& result, const CiReportOptions& options, std::ostream& out);
// JUnit XML: a <testsuite> per loaded rule, a failing <testcase> per finding (skipped when
// suppressed), a passing "no findings" case for a rule without findings.
void WriteJunit(const engine::ScanResult& result, const engine::RuleSet& rules, const CiReportOptions& options,
                std::ostream& out);

// GitHub's primaryLocationLineHash of every line of `text` (element i is line i + 1), computed as
// github/codeql-action's fingerprints.ts does: "<hex>:<occurrence>". Exposed for tests.
std::vector<std::string> GitHubLineHashes(std::string_view text);

}  // namespace authshift::report
