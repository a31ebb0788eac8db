#include "scanner/engine/scan.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <thread>

#include "scanner/core/profile.h"
#include "scanner/core/walk_parallel.h"

namespace authshift::engine {

const languages::Language& LanguageOf(const ScanOptions& options, std::string_view path, std::string_view content) {
  if (options.language_override) {
    if (const char* id = options.language_override(path)) {
      if (const languages::Language* lang = languages::ById(id)) return *lang;
    }
  }
  return languages::Detect(path, content);
}

uint64_t ScanStats::SkippedTotal() const { return std::accumulate(skipped.begin(), skipped.end(), uint64_t{0}); }

namespace {

// The end of a file's analysis in the worker: the command's filter, then its sink (which sees the
// findings that are kept, and may give the held `context: zoho` ones an outcome); `findings` and
// `change` receive what goes into the result.
void Finish(const ScanOptions& options, FileAnalysis* analysis, std::vector<core::Finding>* findings,
            std::optional<core::FileChange>* change, std::vector<core::FileChange>* added) {
  if (options.keep_finding) {
    std::erase_if(analysis->findings, [&](core::Finding& f) { return !options.keep_finding(f); });
    std::erase_if(analysis->context_pending, [&](core::Finding& f) { return !options.keep_finding(f); });
  }
  if (options.sink && (!analysis->findings.empty() || !analysis->context_pending.empty())) {
    core::StageTimer timer(core::Stage::kFix);
    if (std::optional<std::string> after = options.sink(*analysis); after && *after != analysis->source.bytes()) {
      *change = core::FileChange{analysis->source.path(), std::string(analysis->source.bytes()), std::move(*after)};
      for (auto& [path, data] : analysis->added_files) added->push_back({path, "", std::move(data), true});
    }
  }
  *findings = std::move(analysis->findings);
}

// Reads the bytes of one listed file (from worker threads: must be thread-safe).
using FileReader = std::function<bool(const core::WalkedFile& file, std::string* bytes, std::string* err)>;

// What a worker learnt about one listed file, merged into the result in path order.
struct PerFile {
  std::vector<core::Finding> findings;
  std::optional<core::FileChange> change;  // what the sink changed
  std::vector<core::FileChange> added;     // files the sink's change relies on (created)
  core::SkipReason skip = core::SkipReason::kCount;  // kCount: not skipped
  std::string error;
  bool matched = false;
  bool degraded = false;
  std::string_view frontend_family;
  std::string_view frontend_path;
  bool syntax_errors = false;
  std::string first_syntax_error;
  bool zoho_context = false;
  std::vector<core::Finding> context_pending;
  bool budget_exceeded = false;
  uint64_t findings_over_limit = 0;
  uint64_t bytes = 0;
  std::vector<Endpoint> endpoints;  // ScanOptions::collect_endpoints
};

// The part of a file's work after the read: binary check, prefilter, analysis, then the command's
// filter and sink. `owned` holds `data` when the caller can give it up (moved into the analysis,
// then left empty); nullptr: the bytes are copied if the file passes the prefilter.
void ScanRead(const std::string& path, std::string_view data, std::string* owned, const RuleSet& rules,
              const Prefilter& prefilter, const ScanOptions& options, PerFile* pf) {
  {
    core::StageTimer timer(core::Stage::kPrefilter);
    if (core::LooksBinary(data)) {
      pf->skip = core::SkipReason::kBinary;
      return;
    }
    pf->bytes = data.size();
    if (!prefilter.AnyCandidate(data)) return;
  }
  pf->matched = true;
  const languages::Language& lang = LanguageOf(options, path, data);
  std::string bytes = owned != nullptr ? std::move(*owned) : std::string(data);
  if (owned != nullptr) *owned = std::string();
  FileAnalysis analysis =
      AnalyzeSource(core::SourceFile(path, std::move(bytes)), lang, rules, prefilter, options.file_budget);
  pf->degraded = analysis.degraded;
  pf->frontend_family = analysis.frontend_family;
  pf->frontend_path = analysis.frontend_path;
  pf->syntax_errors = analysis.syntax_errors > 0 && !analysis.degraded;  // degraded C/C++ is counted apart
  pf->first_syntax_error = std::move(analysis.first_syntax_error);
  pf->zoho_context = analysis.zoho_context;
  pf->budget_exceeded = analysis.budget_exceeded;
  pf->findings_over_limit = analysis.findings_over_limit;
  // The plan's Zoho API calls: of a file with findings (held `context: zoho` ones included).
  if (options.collect_endpoints && analysis.facts &&
      (!analysis.findings.empty() || !analysis.context_pending.empty())) {
    pf->endpoints = ZohoEndpoints(*analysis.facts, analysis.source);
  }
  Finish(options, &analysis, &pf->findings, &pf->change, &pf->added);
  pf->context_pending = std::move(analysis.context_pending);
}

// One listed file in a worker: read once, then ScanRead. `bytes` is the worker's buffer.
void ScanOne(const core::WalkedFile& wf, const FileReader& read, const RuleSet& rules, const Prefilter& prefilter,
             const ScanOptions& options, std::string& bytes, PerFile* pf) {
  std::string err;
  bytes.clear();
  {
    core::StageTimer timer(core::Stage::kRead);
    if (!read(wf, &bytes, &err)) {
      pf->skip = core::SkipReason::kUnreadable;
      pf->error = err;
      return;
    }
  }
  ScanRead(wf.path, bytes, &bytes, rules, prefilter, options, pf);
}

unsigned JobsFor(const ScanOptions& options) {
  return options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
}

// The progress line's feed: while it lives, a thread reports (done, total) through
// options.progress about five times a second once the run has taken a second, and (total, total)
// at the end if it reported anything. `total` may grow while files are still being found.
class ProgressMonitor {
 public:
  ProgressMonitor(const ScanOptions& options, const std::atomic<size_t>& done, const std::atomic<size_t>& total)
      : options_(options), done_(done), total_(total) {
    if (options.progress) thread_ = std::thread([this] { Run(); });
  }
  ~ProgressMonitor() {
    finished_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  ProgressMonitor(const ProgressMonitor&) = delete;
  ProgressMonitor& operator=(const ProgressMonitor&) = delete;

 private:
  void Run() {
    auto start = std::chrono::steady_clock::now();
    bool shown = false;
    while (!finished_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (finished_.load()) break;
      if (!shown && std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
      shown = true;
      const size_t total = total_.load();
      options_.progress(std::min(done_.load(), total), total);
    }
    if (shown) options_.progress(total_.load(), total_.load());
  }
  const ScanOptions& options_;
  const std::atomic<size_t>& done_;
  const std::atomic<size_t>& total_;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

// Runs `work(k)` for k in [0, n) on options.jobs threads (all cores by default), taking k from an
// atomic counter, with the progress line fed.
void RunParallel(size_t n, const ScanOptions& options, const std::function<void(size_t, std::string&)>& work) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  const std::atomic<size_t> total{n};
  auto worker = [&] {
    std::string buffer;
    for (size_t k = next++; k < n; k = next++, ++done) work(k, buffer);
  };
  unsigned jobs = static_cast<unsigned>(std::min<size_t>(JobsFor(options), std::max<size_t>(1, n)));
  ProgressMonitor monitor(options, done, total);
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

// Adds one file's outcome to the result. `zoho_repository`: some file of the scan is about Zoho,
// so the file's `context: zoho` findings stand (ir/zoho_context.h).
void Merge(const std::string& path, PerFile& pf, bool zoho_repository, const ScanOptions& options,
           ScanResult* result) {
  if (zoho_repository) {
    for (auto& f : pf.context_pending) pf.findings.push_back(std::move(f));
  }
  ScanStats& stats = result->stats;
  if (pf.skip != core::SkipReason::kCount) {
    result->skipped.push_back({path, pf.skip, pf.error});
    ++stats.skipped[static_cast<size_t>(pf.skip)];
    return;
  }
  ++stats.files_scanned;
  stats.bytes_scanned += pf.bytes;
  if (pf.matched) ++stats.files_matched;
  if (!pf.findings.empty()) ++stats.files_with_findings;
  if (pf.degraded) ++stats.files_degraded;
  if (!pf.frontend_path.empty()) result->frontend_paths.push_back({path, pf.frontend_family, pf.frontend_path});
  if (pf.syntax_errors) ++stats.files_with_syntax_errors;
  stats.findings_over_limit += pf.findings_over_limit;
  if (pf.budget_exceeded) {
    // Scanned, by the text rules only: counted and listed like a skip.
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(options.file_budget).count();
    result->skipped.push_back({path, core::SkipReason::kBudgetExceeded,
                               "parse and IR rules stopped after " + std::to_string(ms) + " ms of CPU time; text rules only"});
    ++stats.skipped[static_cast<size_t>(core::SkipReason::kBudgetExceeded)];
  }
  if (!pf.first_syntax_error.empty()) result->first_syntax_errors.emplace_back(path, std::move(pf.first_syntax_error));
  for (auto& e : pf.endpoints) result->endpoints.emplace_back(path, std::move(e));
  for (auto& f : pf.findings) result->findings.push_back(std::move(f));
  if (pf.change) result->changes.push_back(std::move(*pf.change));
  // An added file is created once, and never over a file that exists (that one is reused).
  for (auto& a : pf.added) {
    std::error_code ec;
    if (std::filesystem::symlink_status(std::filesystem::path(result->root) / a.path, ec).type() !=
            std::filesystem::file_type::not_found ||
        std::any_of(result->changes.begin(), result->changes.end(),
                    [&](const core::FileChange& c) { return c.path == a.path; })) {
      continue;
    }
    result->changes.push_back(std::move(a));
  }
}

// The result's lists in their deterministic order, and the duration.
void Finalize(std::chrono::steady_clock::time_point t0, ScanResult* result) {
  std::sort(result->changes.begin(), result->changes.end(),
            [](const core::FileChange& a, const core::FileChange& b) { return a.path < b.path; });
  std::sort(result->findings.begin(), result->findings.end(), core::FindingLess);
  std::sort(result->skipped.begin(), result->skipped.end(),
            [](const core::SkippedFile& a, const core::SkippedFile& b) { return a.path < b.path; });
  result->stats.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Scans the files a walk (or an in-memory listing) produced; `read` gets each file's bytes once.
ScanResult ScanListed(core::WalkResult walk, const FileReader& read, const RuleSet& rules, const ScanOptions& options,
                      std::chrono::steady_clock::time_point t0) {
  ScanResult result;
  if (options.path_filter) {
    size_t before = walk.files.size() + walk.skipped.size();
    std::erase_if(walk.files, [&](const core::WalkedFile& f) { return !options.path_filter(f.path); });
    std::erase_if(walk.skipped, [&](const core::SkippedFile& sk) { return !options.path_filter(sk.path); });
    walk.seen -= before - (walk.files.size() + walk.skipped.size());
  }
  result.root = walk.root;
  result.errors = walk.errors;
  result.skipped = walk.skipped;
  result.stats.files_seen = walk.seen;
  for (const auto& s : walk.skipped) ++result.stats.skipped[static_cast<size_t>(s.reason)];

  Prefilter prefilter(rules);
  std::vector<PerFile> per_file(walk.files.size());
  // Large files first, so one big file does not finish last on one core.
  std::vector<size_t> order(walk.files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return walk.files[a].size > walk.files[b].size; });
  RunParallel(order.size(), options, [&](size_t k, std::string& buffer) {
    const size_t i = order[k];
    ScanOne(walk.files[i], read, rules, prefilter, options, buffer, &per_file[i]);
  });

  const bool zoho_repository =
      std::any_of(per_file.begin(), per_file.end(), [](const PerFile& pf) { return pf.zoho_context; });
  for (size_t i = 0; i < per_file.size(); ++i) Merge(walk.files[i].path, per_file[i], zoho_repository, options, &result);
  Finalize(t0, &result);
  return result;
}

// Merges what the streaming scan's workers kept, in path order, and the files they only counted.
void MergeKept(std::vector<std::pair<std::string, PerFile>> kept, const ScanOptions& options, ScanResult* result) {
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const bool zoho_repository =
      std::any_of(kept.begin(), kept.end(), [](const auto& k) { return k.second.zoho_context; });
  for (auto& [path, pf] : kept) Merge(path, pf, zoho_repository, options, result);
}

// ScanPaths for one directory argument: the streaming walk (core/walk_parallel.h) hands each file
// to the worker that found it, which reads it into its own buffer and goes on with ScanRead. A
// file that only passed through (read, no keyword) is counted, not kept.
ScanResult ScanStreaming(const std::vector<std::string>& paths, const core::WalkOptions& walk_options,
                         const RuleSet& rules, const ScanOptions& options, std::chrono::steady_clock::time_point t0) {
  struct Worker {
    core::ReadBuffer buffer;
    std::vector<std::pair<std::string, PerFile>> kept;
    uint64_t scanned = 0;
    uint64_t bytes = 0;
  };
  std::vector<Worker> workers(JobsFor(options));
  Prefilter prefilter(rules);
  std::atomic<size_t> found{0};
  std::atomic<size_t> done{0};
  auto on_file = [&](unsigned w, const core::FoundFile& file) {
    if (options.path_filter && !options.path_filter(file.path)) return;
    ++found;
    Worker& me = workers[w];
    PerFile pf;
    core::ReadOutcome outcome = core::ReadOutcome::kOk;
    {
      core::StageTimer timer(core::Stage::kRead);
      outcome = core::ReadFound(file, walk_options.max_file_size, &me.buffer, &pf.error);
    }
    if (outcome == core::ReadOutcome::kOk) {
      ScanRead(file.path, me.buffer.view(), nullptr, rules, prefilter, options, &pf);
    } else {
      pf.skip = outcome == core::ReadOutcome::kTooLarge ? core::SkipReason::kTooLarge : core::SkipReason::kUnreadable;
    }
    ++done;
    if (pf.skip == core::SkipReason::kCount && !pf.matched) {
      ++me.scanned;
      me.bytes += pf.bytes;
      return;
    }
    me.kept.emplace_back(file.path, std::move(pf));
  };
  core::StreamedWalk walk;
  {
    ProgressMonitor monitor(options, done, found);
    walk = core::WalkStreaming(paths, walk_options, static_cast<unsigned>(workers.size()), on_file);
  }
  ScanResult result;
  result.root = std::move(walk.root);
  result.errors = std::move(walk.errors);
  if (options.path_filter) {
    std::erase_if(walk.skipped, [&](const core::SkippedFile& sk) { return !options.path_filter(sk.path); });
  }
  result.skipped = std::move(walk.skipped);
  for (const auto& sk : result.skipped) ++result.stats.skipped[static_cast<size_t>(sk.reason)];
  result.stats.files_seen = found.load() + result.skipped.size();
  std::vector<std::pair<std::string, PerFile>> kept;
  for (Worker& w : workers) {
    result.stats.files_scanned += w.scanned;
    result.stats.bytes_scanned += w.bytes;
    std::move(w.kept.begin(), w.kept.end(), std::back_inserter(kept));
  }
  MergeKept(std::move(kept), options, &result);
  Finalize(t0, &result);
  return result;
}

}  // namespace

ScanResult ScanPaths(const std::vector<std::string>& paths, const RuleSet& rules,
                     const ScanOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  // The walk only lists files; each worker reads a file once and does the binary check on it.
  core::WalkOptions walk_options = options.walk;
  walk_options.probe_content = false;
  if (core::CanWalkStreaming(paths)) return ScanStreaming(paths, walk_options, rules, options, t0);
  core::WalkResult walk;
  {
    core::StageTimer timer(core::Stage::kWalk);
    walk = core::Walk(paths, walk_options);
  }
  auto read = [](const core::WalkedFile& wf, std::string* bytes, std::string* err) {
    return core::ReadFile(wf.abs_path, bytes, err);
  };
  return ScanListed(std::move(walk), read, rules, options, t0);
}

ScanResult ScanMemory(std::string root, std::vector<MemoryFile> files, std::vector<core::SkippedFile> skipped,
                      const RuleSet& rules, const ScanOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  std::sort(files.begin(), files.end(), [](const MemoryFile& a, const MemoryFile& b) { return a.path < b.path; });
  core::WalkResult walk;
  walk.root = std::move(root);
  walk.seen = files.size() + skipped.size();
  walk.skipped = std::move(skipped);
  // Read-only once the workers start: each looks its file's bytes up by path.
  std::map<std::string, const std::string*, std::less<>> by_path;
  for (const MemoryFile& f : files) {
    walk.files.push_back({std::string(), f.path, f.bytes.size()});
    by_path.emplace(f.path, &f.bytes);
  }
  auto read = [&by_path](const core::WalkedFile& wf, std::string* bytes, std::string* err) {
    auto it = by_path.find(wf.path);
    if (it == by_path.end()) {
      *err = "no content";
      return false;
    }
    bytes->assign(*it->second);
    return true;
  };
  return ScanListed(std::move(walk), read, rules, options, t0);
}

}  // namespace authshift::engine
