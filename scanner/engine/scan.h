#pragma once
// The scan pipeline: walk -> prefilter -> language -> match -> findings, on all cores.
// Files are independent; results are merged and sorted, so output is deterministic whatever the
// number of threads.
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <string_view>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/core/source_file.h"
#include "scanner/core/unified_diff.h"
#include "scanner/core/walk.h"
#include "scanner/engine/analysis.h"
#include "scanner/engine/endpoints.h"
#include "scanner/engine/prefilter.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {

// Per-file limits (README "Limits"): what one file may cost whatever its content. Findings beyond
// the caps are counted (ScanStats::findings_over_limit), not reported; a file whose structural
// stage (parse, lowering, IR rules) outlasts its budget is reported by its text rules only and
// counted under the skip reason `budget-exceeded`.
inline constexpr size_t kMaxFindingsPerFile = 1000;
inline constexpr size_t kMaxFindingsPerLine = 20;
inline constexpr std::chrono::milliseconds kDefaultFileBudget{30'000};  // CPU time (core/budget.h)

struct ScanOptions {
  unsigned jobs = 0;  // 0: all cores
  std::chrono::milliseconds file_budget = kDefaultFileBudget;  // CPU time per file; <= 0: spent at once
  core::WalkOptions walk;
  // Optional (from .authshift.yml), on paths relative to the scan root. Called from worker threads:
  // must be thread-safe (read-only captures).
  std::function<bool(std::string_view path)> path_filter;               // false: the file is dropped
  std::function<const char*(std::string_view path)> language_override;  // language id, or nullptr
  // Called about five times a second, from a monitor thread, once a scan has run for a second:
  // (files done, files in total; while a directory is still being walked, the files found so far).
  // Used for the progress line on a terminal.
  std::function<void(size_t done, size_t total)> progress;
  // Optional: called in the worker on each finding once its file's findings are final; false drops
  // it (--diff-base, --baseline). May mark the finding (baseline_state). Must be thread-safe.
  std::function<bool(core::Finding& finding)> keep_finding;
  // Optional: the command's work on each file with findings, in the worker, while its bytes and
  // facts are at hand (the fixes). See AnalysisSink.
  AnalysisSink sink;
  // Collect the Zoho API calls of every file with findings (endpoints.h) into ScanResult::endpoints
  // (the migration plan).
  bool collect_endpoints = false;
};

// The language of a file: the override when it names one, else detection. Never null.
const languages::Language& LanguageOf(const ScanOptions& options, std::string_view path, std::string_view content);

struct ScanStats {
  uint64_t files_seen = 0;       // every file the walk considered
  uint64_t files_scanned = 0;    // read and prefiltered
  uint64_t files_matched = 0;    // passed the prefilter and went to the matchers
  uint64_t files_with_findings = 0;
  uint64_t files_degraded = 0;   // C/C++ with missing headers (a Clang build lowered them with tree-sitter)
  uint64_t files_with_syntax_errors = 0;  // parsed for the IR rules with syntax errors (still scanned)
  uint64_t bytes_scanned = 0;
  uint64_t findings_over_limit = 0;  // not reported: over kMaxFindingsPerLine or kMaxFindingsPerFile
  std::array<uint64_t, static_cast<size_t>(core::SkipReason::kCount)> skipped{};
  uint64_t SkippedTotal() const;
  double duration_ms = 0;
};

struct ScanResult {
  std::string root;
  std::vector<core::Finding> findings;  // sorted by FindingLess
  std::vector<core::SkippedFile> skipped;
  std::vector<std::string> errors;      // path arguments that do not exist, ...
  // The first syntax error of each file whose frontend reports one: (path, "line:column: message"),
  // in path order (`--verbose` prints them).
  std::vector<std::pair<std::string, std::string>> first_syntax_errors;
  std::vector<core::FileChange> changes;  // the files the sink changed, sorted by path
  // What --verbose reports per parsed file, by file path: the path that lowered a C/C++ file
  // ("clang", "tree-sitter", "tree-sitter (headers missing)"), where a JavaScript file runs.
  struct FrontendPath {
    std::string path;
    std::string_view family;  // "C/C++" or "JavaScript"
    std::string_view taken;   // a static string
  };
  std::vector<FrontendPath> frontend_paths;
  ScanStats stats;
  // With ScanOptions::collect_endpoints: the Zoho API calls of the files with findings, by path.
  std::vector<std::pair<std::string, Endpoint>> endpoints;
  // Advisory findings held back from `findings` (advisories.h), counted per rule id.
  std::map<std::string, uint64_t> advisories_held;
};

// Matches every rule the prefilter lets through against one file: its findings (sorted,
// fingerprints final) with the facts they were found in. The structural stage (parse, lowering,
// IR rules) runs within `budget` of the thread's CPU time (core/budget.h).
FileAnalysis AnalyzeSource(core::SourceFile file, const languages::Language& lang, const RuleSet& rules,
                           const Prefilter& prefilter,
                           std::chrono::nanoseconds budget = std::chrono::nanoseconds::max());

// Walks `paths` and scans every file.
ScanResult ScanPaths(const std::vector<std::string>& paths, const RuleSet& rules,
                     const ScanOptions& options);

// A file held in memory (e.g. a staged git blob): `path` as reported (relative to the root).
struct MemoryFile {
  std::string path;
  std::string bytes;
};

// Scans in-memory files exactly as ScanPaths scans the files the walk lists (path_filter, binary
// check, prefilter, rules, suppressions), on all cores. `skipped` is reported and counted as given
// (e.g. blobs over the size limit); `root` is what the paths are relative to (ScanResult::root).
// options.walk is not used. Files with the same path must not repeat.
ScanResult ScanMemory(std::string root, std::vector<MemoryFile> files, std::vector<core::SkippedFile> skipped,
                      const RuleSet& rules, const ScanOptions& options);

}  // namespace authshift::engine
