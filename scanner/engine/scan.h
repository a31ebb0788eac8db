#pragma once
// The scan pipeline: walk -> prefilter -> language -> match -> findings, on all cores.
// Files are independent; results are merged and sorted, so output is deterministic whatever the
// number of threads.
#include <array>
#include <functional>
#include <string_view>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/core/source_file.h"
#include "scanner/core/walk.h"
#include "scanner/engine/prefilter.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {

struct ScanOptions {
  unsigned jobs = 0;  // 0: all cores
  core::WalkOptions walk;
  // Optional (from .authshift.yml), on paths relative to the scan root. Called from worker threads:
  // must be thread-safe (read-only captures).
  std::function<bool(std::string_view path)> path_filter;               // false: the file is dropped
  std::function<const char*(std::string_view path)> language_override;  // language id, or nullptr
  // Called about five times a second, from a monitor thread, once a scan has run for a second:
  // (files done, files in total). Used for the progress line on a terminal.
  std::function<void(size_t done, size_t total)> progress;
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
  std::array<uint64_t, static_cast<size_t>(core::SkipReason::kCount)> skipped{};
  uint64_t SkippedTotal() const;
  double duration_ms = 0;
};

struct ScanResult {
  std::string root;
  std::vector<core::Finding> findings;  // sorted by FindingLess
  std::vector<core::SkippedFile> skipped;
  std::vector<std::string> errors;      // path arguments that do not exist, ...
  // C/C++ files that went to a frontend, with the path that lowered them ("clang", "tree-sitter",
  // "tree-sitter (headers missing)"), by file path: what --verbose reports.
  std::vector<std::pair<std::string, std::string>> frontend_paths;
  ScanStats stats;
};

// What ScanSource reports about a file besides its findings (optional out-parameter).
struct SourceInfo {
  bool degraded = false;  // the frontend fell back (C/C++ with missing headers)
  std::string_view frontend_path = {};  // C/C++: "clang", "tree-sitter", "tree-sitter (headers missing)"
  size_t syntax_errors = 0;  // syntax errors the frontend met (the file is scanned all the same)
};

// Matches every rule the prefilter lets through against one file.
std::vector<core::Finding> ScanSource(const core::SourceFile& file, const languages::Language& lang,
                                      const RuleSet& rules, const Prefilter& prefilter,
                                      SourceInfo* info = nullptr);

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
