#include "scanner/cli/scan_command.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include <re2/re2.h>

#include "rewriters/file_writer.h"
#include "rewriters/fix.h"
#include "scanner/core/unified_diff.h"
#include "scanner/cli/baseline.h"
#include "scanner/cli/options.h"
#include "scanner/cli/plan.h"
#include "scanner/config/config.h"
#include "scanner/core/git.h"
#include "scanner/core/profile.h"
#include "scanner/core/redact.h"
#include "scanner/core/walk.h"
#include "scanner/engine/advisories.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/frontends/clang/lower.h"
#include "scanner/report/report.h"

namespace authshift::cli {
namespace {

namespace fs = std::filesystem;
using config::ParseSize;
using core::Blob;
using core::GitChangedLines;
using core::GitReadBlobs;
using core::GitResolveCommit;
using core::GitStagedFiles;
using core::GitTopLevel;
using core::GitUntrackedFiles;
using core::LineRanges;
using core::LinesTouch;
using core::StagedEntry;

// --- scan ---------------------------------------------------------------------------------------

// The fixes as one unified diff, paths prefixed (the repository-relative prefix of the root).
std::string DiffOf(const std::vector<core::FileChange>& changes, const std::string& prefix) {
  std::vector<core::FileChange> prefixed;
  prefixed.reserve(changes.size());
  for (const auto& c : changes) prefixed.push_back({prefix + c.path, c.before, c.after, c.created});
  return core::UnifiedDiffSet(prefixed);
}

// The closing summary of `fix`: what was fixed, what was withheld and why, what is report-only.
void WriteFixSummary(const engine::ScanResult& result, std::ostream& out) {
  size_t counts[3] = {0, 0, 0};
  for (const auto& f : result.findings) {
    const core::FixOutcome& o = f.outcome;
    ++counts[static_cast<size_t>(o.status)];
    if (o.status == core::FixStatus::kReportOnly) continue;
    out << f.path << ':' << f.start.line << ':' << f.start.column << ": " << core::FixStatusName(o.status) << ": ["
        << f.rule_id << "]" << (o.detail.empty() ? "" : " " + o.detail) << '\n';
  }
  size_t files = 0;
  for (const auto& c : result.changes) {
    if (!c.created) {
      ++files;
      continue;
    }
    out << c.path << ": added (the token refresh helper the fixes call)\n";
  }
  out << counts[0] << " fixed in " << files << (files == 1 ? " file" : " files") << ", " << counts[1]
      << " withheld, " << counts[2] << " report-only (see 'authshift rules --explain ID')\n";
}

// --- git: --staged and --diff-base ----------------------------------------------------------------

// The absolute, normalised path of a reported path (relative to `root`, or absolute).
std::string AbsoluteIn(const std::string& root, std::string_view rel) {
  fs::path p{std::string(rel)};
  return (p.is_absolute() ? p : fs::path(root) / p).lexically_normal().string();
}

// What --staged and --diff-base learned from git.
struct GitView {
  std::string dir;                              // where git runs: the scan root
  std::string top;                              // the top of its work tree
  std::string base;                             // --diff-base as a commit id ("" without it)
  std::map<std::string, LineRanges> changed;    // absolute path -> lines added or modified since base
  std::set<std::string> untracked;              // absolute paths, without --staged: all lines are new
  // Whether a finding on [first, last] of the file at `abs` is on a changed line.
  bool Touches(const std::string& abs, uint32_t first, uint32_t last) const {
    if (untracked.count(abs) != 0) return true;
    auto it = changed.find(abs);
    return it != changed.end() && LinesTouch(it->second, first, last);
  }
};

// --staged: the blobs of the added, copied, modified and renamed files in the index (against
// HEAD, or against --diff-base), scanned from memory under their work-tree names. `pathspecs`
// (absolute) restrict the files.
bool ScanStaged(const GitView& git, const std::vector<std::string>& args_paths, const std::vector<std::string>& pathspecs,
                const engine::RuleSet& rules, const engine::ScanOptions& so, engine::ScanResult* result,
                std::string* error) {
  std::vector<StagedEntry> entries;
  if (!GitStagedFiles(git.dir, git.base, pathspecs, &entries, error)) return false;
  // A path argument that is neither in the work tree nor names a staged file is a typo: an error,
  // as for a normal scan (a staged file deleted from the work tree since is still scanned).
  for (size_t k = 0; k < pathspecs.size(); ++k) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(args_paths[k], ec))) continue;
    std::string spec = pathspecs[k];
    while (spec.size() > 1 && spec.back() == '/') spec.pop_back();
    bool named = std::any_of(entries.begin(), entries.end(), [&](const StagedEntry& e) {
      std::string abs = git.top + "/" + e.path;
      return abs == spec || abs.rfind(spec + "/", 0) == 0;
    });
    if (!named) {
      *error = "no such file or directory, and nothing staged there: " + args_paths[k];
      return false;
    }
  }
  std::string root = core::ScanRootFor(args_paths);
  std::vector<core::SkippedFile> skipped;
  std::vector<std::string> oids;
  std::vector<std::string> reported;
  for (const StagedEntry& e : entries) {
    std::string abs = git.top + "/" + e.path;
    std::string rel = fs::path(abs).lexically_relative(root).string();
    if (rel.empty()) rel = abs;
    if (e.mode == "160000") continue;  // a submodule's commit, not a file
    if (e.mode == "120000") {          // a symlink: its blob is the target's name
      skipped.push_back({rel, core::SkipReason::kSymlink, "staged symlink"});
      continue;
    }
    oids.push_back(e.oid);
    reported.push_back(std::move(rel));
  }
  std::vector<Blob> blobs;
  if (!GitReadBlobs(git.dir, oids, so.walk.max_file_size, &blobs, error)) return false;
  std::vector<engine::MemoryFile> files;
  for (size_t i = 0; i < blobs.size(); ++i) {
    if (blobs[i].missing) {
      skipped.push_back({reported[i], core::SkipReason::kUnreadable, "staged blob " + oids[i] + " is missing"});
    } else if (blobs[i].too_large) {
      skipped.push_back({reported[i], core::SkipReason::kTooLarge, std::to_string(blobs[i].size) + " bytes"});
    } else {
      files.push_back({reported[i], std::move(blobs[i].bytes)});
    }
  }
  *result = engine::ScanMemory(root, std::move(files), std::move(skipped), rules, so);
  return true;
}

// One run of scan or fix: what the command line and the configuration asked for, filled step by
// step. Lives for the whole run: the scan options' filters point into it (cfg, git).
struct ScanCommand {
  std::string command;  // "scan" or "fix"
  bool fix_mode = false;
  Args args;
  bool staged = false;
  std::optional<std::string> diff_base;
  GitView git;
  std::vector<std::string> staged_args;        // --staged: the path arguments (or the work-tree top)
  std::vector<std::string> staged_pathspecs;   // --staged: the same, absolute
  config::Config cfg;
  std::string format = "text";
  std::optional<core::Severity> threshold;     // --fail-on; none: exit 0 whatever is found
  std::optional<std::string> output;
  engine::ScanOptions so;
  rewriters::FixOptions fo;
  engine::RuleSet rules;

  // "authshift scan: " or "authshift fix: ", the prefix of every message.
  std::string Prefix() const { return "authshift " + command + ": "; }
  bool DryRun() const { return fix_mode && args.Has("--dry-run"); }
  // Whether the report needs the fixes (so the scan runs the fixer on each file as it goes).
  bool NeedsFixes() const {
    return fix_mode || format == "diff" || format == "sarif" || (format == "text" && !args.Has("--quiet"));
  }
};

// --staged and --diff-base: the repository of the scan root, the changed lines since the base.
bool OpenGit(ScanCommand& c, std::ostream& err) {
  c.staged = c.args.Has("--staged");
  c.diff_base = c.args.Last("--diff-base");
  c.staged_args = c.args.positional;
  if (!c.staged && !c.diff_base) return true;
  const char* flag = c.staged ? "--staged" : "--diff-base";
  if (c.args.Has("--no-git")) {
    err << c.Prefix() << flag << " reads git; it cannot be combined with --no-git\n";
    return false;
  }
  GitView& git = c.git;
  git.dir = core::ScanRootFor(c.args.positional);
  std::string e;
  if (!GitTopLevel(git.dir, &git.top, &e)) {
    err << c.Prefix() << flag << " needs a git repository: " << e << '\n';
    return false;
  }
  if (c.staged) {
    for (const auto& p : c.args.positional) c.staged_pathspecs.push_back(fs::absolute(p).lexically_normal().string());
    // Without paths: everything staged in the repository, reported from its top.
    if (c.args.positional.empty()) c.args.positional = {git.top};
    c.staged_args = c.args.positional;
  }
  if (!c.diff_base) return true;
  auto fail = [&] {
    err << c.Prefix() << "--diff-base: " << e << '\n';
    return false;
  };
  if (!GitResolveCommit(git.dir, *c.diff_base, &git.base, &e)) return fail();
  std::map<std::string, LineRanges> changed;
  if (!GitChangedLines(git.dir, git.base, c.staged, &changed, &e)) return fail();
  for (auto& [path, ranges] : changed) git.changed[AbsoluteIn(git.top, path)] = std::move(ranges);
  std::set<std::string> untracked;
  if (!c.staged && !GitUntrackedFiles(git.dir, &untracked, &e)) return fail();
  for (const auto& path : untracked) git.untracked.insert(AbsoluteIn(git.top, path));
  return true;
}

// --format, --fail-on and --color.
bool ReadReportOptions(ScanCommand& c, std::ostream& err) {
  c.format = c.args.Last("--format").value_or("text");
  if (std::find(ReportFormats().begin(), ReportFormats().end(), c.format) == ReportFormats().end()) {
    err << c.Prefix() << "--format must be one of";
    for (std::string_view f : ReportFormats()) err << ' ' << f;
    err << ", got '" << c.format << "'\n";
    return false;
  }
  if (c.fix_mode && c.args.Has("--format")) {
    err << c.Prefix() << "--format is for scan; fix writes files (or a diff with --dry-run)\n";
    return false;
  }
  std::string fail_on = c.args.Last("--fail-on").value_or(c.cfg.fail_on.value_or("warning"));
  if (fail_on != "none") {
    c.threshold = core::ParseSeverity(fail_on);
    if (!c.threshold) {
      err << c.Prefix() << "--fail-on must be error, warning, note or none, got '" << fail_on << "'\n";
      return false;
    }
  }
  std::string mode = c.args.Last("--color").value_or("auto");
  if (mode != "auto" && mode != "always" && mode != "never") {
    err << c.Prefix() << "--color must be auto, always or never, got '" << mode << "'\n";
    return false;
  }
  c.output = c.args.Last("--output");
  return true;
}

// The scan options: Clang settings, --jobs, --max-file-size, git, the configuration's path
// filters and languages, and (--diff-base) only the files changed since the base.
bool ReadScanOptions(ScanCommand& c, const Io& io) {
  const Args& args = c.args;
  engine::ScanOptions& so = c.so;
  {  // C/C++ (Clang): the compile database, and what relative file paths are relative to.
    frontends::clang_fe::Settings clang_settings;
    clang_settings.base_dir = core::ScanRootFor(args.positional);
    if (auto p = args.Last("-p")) clang_settings.compile_db_dir = fs::absolute(*p).lexically_normal().string();
    // Fixes are written with Clang's types by default (`fix`, `--format diff`); a scan that only
    // reports uses Clang where a compile database covers the file.
    const bool writes_fixes = c.fix_mode || c.format == "diff";
    if (!ReadCFamilyMode(args, c.cfg, c.Prefix(), writes_fixes ? "clang" : "auto", &clang_settings.mode, io.err)) {
      return false;
    }
    frontends::clang_fe::Configure(clang_settings);
  }
  if (auto j = args.Last("--jobs")) {
    auto n = ParseSize(*j);
    if (!n || *n == 0 || *n > 1024 || j->find_first_not_of("0123456789") != std::string::npos) {
      io.err << c.Prefix() << "--jobs must be a number from 1 to 1024, got '" << *j << "'\n";
      return false;
    }
    so.jobs = static_cast<unsigned>(*n);
  }
  if (auto m = args.Last("--max-file-size")) {
    auto n = ParseSize(*m);
    if (!n || *n == 0) {
      io.err << c.Prefix() << "--max-file-size must be a size such as 2M, 512K or 1048576, got '" << *m << "'\n";
      return false;
    }
    so.walk.max_file_size = *n;
  } else if (c.cfg.max_file_size) {
    so.walk.max_file_size = *c.cfg.max_file_size;
  }
  const std::string root = core::ScanRootFor(args.positional);
  if (!c.cfg.path.empty()) {
    const config::Config& cfg = c.cfg;
    auto config_rel = [&cfg, root](std::string_view rel) {
      fs::path p{std::string(rel)};
      std::string abs = p.is_absolute() ? p.string() : (fs::path(root) / p).string();
      return cfg.RelativeToBase(abs).value_or(std::string(rel));
    };
    so.path_filter = [&cfg, config_rel](std::string_view rel) { return cfg.Included(config_rel(rel)); };
    so.language_override = [&cfg, config_rel](std::string_view rel) { return cfg.LanguageFor(config_rel(rel)); };
  }
  so.walk.use_git = !args.Has("--no-git");
  if (c.diff_base && !c.staged) {
    // Files not changed since the base cannot have a finding on a changed line: not even read.
    so.path_filter = [inner = so.path_filter, root, &git = c.git](std::string_view rel) {
      if (inner && !inner(rel)) return false;
      std::string abs = AbsoluteIn(root, rel);
      return git.changed.count(abs) != 0 || git.untracked.count(abs) != 0;
    };
  }
  // A progress line on stderr for long scans, only when stderr is a terminal.
  if (!args.Has("--quiet") && isatty(STDERR_FILENO) == 1 && &io.err == &std::cerr) {
    so.progress = [](size_t done, size_t total) {
      std::fprintf(stderr, "\rauthshift: %zu/%zu files%s", done, total, done == total ? "\r\x1b[K" : "");
      std::fflush(stderr);
    };
  }
  return true;
}

// What the fixes do (Deluge connections or header mode, token sources, config-key renames).
bool ReadFixOptions(ScanCommand& c, std::ostream& err) {
  const Args& args = c.args;
  const config::Config& cfg = c.cfg;
  rewriters::FixOptions& fo = c.fo;
  fo.deluge_connection = args.Last("--deluge-connection").value_or(cfg.deluge_connection.value_or(""));
  if (!args.Has("--deluge-connection")) fo.deluge_connections = cfg.deluge_connections;  // the flag wins for all
  fo.token_source = cfg.token_source;
  fo.token_helper = cfg.token_helper;
  if (auto mode = args.Last("--token-source")) {
    if (*mode != "env" && *mode != "refresh") {
      err << c.Prefix() << "--token-source must be env or refresh, got '" << *mode << "'\n";
      return false;
    }
    // The flag wins for every language: no per-language mode is left, expressions stay (env).
    std::erase_if(fo.token_source, [](const auto& kv) { return kv.second == "refresh" || kv.second == "env"; });
    fo.token_source["*"] = *mode;
  }
  fo.rename_config_keys = cfg.rename_config_keys.value_or(false);
  fo.rename_options = cfg.rename_options.value_or(false);
  const std::string deluge_mode = args.Last("--deluge-mode").value_or(
      cfg.deluge_mode ? std::string(config::DelugeModeName(*cfg.deluge_mode)) : "connection");
  if (deluge_mode != "connection" && deluge_mode != "header") {
    err << c.Prefix() << "--deluge-mode must be connection or header, got '" << deluge_mode << "'\n";
    return false;
  }
  fo.deluge_mode = deluge_mode == "header" ? rewriters::DelugeMode::kHeader : rewriters::DelugeMode::kConnection;
  return true;
}

// What happens to each file's findings in the scan worker: --diff-base and --baseline drop some
// (before the fixes, which see only the findings that are reported), and the fixer runs when the
// report needs fixes.
bool SetUpFindingWork(ScanCommand& c, std::ostream& err) {
  std::function<bool(const core::Finding&)> changed_line;
  if (c.diff_base) {
    // Only findings on lines added or modified since the base (any line of the finding's span).
    changed_line = [root = core::ScanRootFor(c.args.positional), &git = c.git](const core::Finding& f) {
      return git.Touches(AbsoluteIn(root, f.path), f.start.line, f.end.line);
    };
  }
  std::optional<std::set<std::string>> known;  // --baseline: the fingerprints it accepts
  if (auto base = c.args.Last("--baseline")) {
    std::string e;
    known.emplace();
    if (!ReadBaseline(*base, &*known, &e)) {
      err << c.Prefix() << e << '\n';
      return false;
    }
  }
  if (changed_line || known) {
    c.so.keep_finding = [changed_line, known = std::move(known)](core::Finding& f) {
      if (changed_line && !changed_line(f)) return false;
      if (!known) return true;
      if (known->count(f.fingerprint) != 0) return false;
      f.baseline_state = core::BaselineState::kNew;
      return true;
    };
  }
  if (c.NeedsFixes()) {
    // The constants of the other files, for values a file's fix cannot tell alone (the work tree's:
    // not with --staged, whose files are the index's).
    // Fixes that edit other files too are held until the scan ends (not with --staged either).
    if (!c.staged) {
      c.fo.project = std::make_shared<rewriters::ProjectConstants>(c.args.positional, c.so.walk);
      c.fo.linked = std::make_shared<rewriters::LinkedFixes>();
    }
    c.so.sink = rewriters::FixSink(c.fo);
  }
  c.so.collect_endpoints = c.format == "plan" || c.format == "plan-json";
  return true;
}

// The scan itself (the work tree, or --staged the index), the fixes included when needed.
bool Scan(ScanCommand& c, engine::ScanResult* result, std::ostream& err) {
  if (c.staged) {
    std::string e;
    if (!ScanStaged(c.git, c.staged_args, c.staged_pathspecs, c.rules, c.so, result, &e)) {
      err << c.Prefix() << "--staged: " << e << '\n';
      return false;
    }
  } else {
    *result = engine::ScanPaths(c.args.positional, c.rules, c.so);
  }
  if (!result->errors.empty()) {
    for (const auto& e : result->errors) err << c.Prefix() << e << '\n';
    return false;
  }
  // Advisories (nothing broken) are counted into the migration plan unless asked for.
  if (!c.args.Has("--advisories") && !c.cfg.advisories.value_or(false)) engine::HoldBackAdvisories(c.rules, result);
  return true;
}

// --write-baseline records the findings the scan kept; --verbose lists the skipped files.
bool RecordFindings(ScanCommand& c, const engine::ScanResult& result, std::ostream& err) {
  const Args& args = c.args;
  if (auto out_base = args.Last("--write-baseline")) {
    std::string e;
    if (!rewriters::WriteFileAtomically(*out_base, BaselineText(result), &e)) {
      err << c.Prefix() << e << '\n';
      return false;
    }
  }
  if (args.Has("--verbose")) {
    for (const auto& [path, error] : result.first_syntax_errors) {
      err << path << ':' << error << " (syntax error; the file is still scanned)\n";
    }
    bool no_plugin = false;
    for (const auto& [path, family, taken] : result.frontend_paths) {
      err << family << ' ' << path << ": " << taken << '\n';
      no_plugin = no_plugin || taken == frontends::clang_fe::kPathTreeSitterNoPlugin;
    }
    // Why Clang could not be used, once.
    if (no_plugin) err << "C/C++: " << frontends::clang_fe::PluginError() << '\n';
    for (const auto& s : result.skipped) {
      err << "skipped " << s.path << ": " << core::SkipReasonName(s.reason);
      if (!s.detail.empty()) err << " (" << s.detail << ")";
      err << '\n';
    }
  }
  return true;
}

// fix --staged: the fixes were computed on the staged content; they are written to the work tree
// only when every file to change is identical there, or nothing is written at all.
bool StagedMatchesWorkTree(const engine::ScanResult& result, std::ostream& err) {
  std::vector<std::string> differ;
  for (const auto& f : result.changes) {
    std::string bytes;
    std::string e;
    if (f.created) continue;  // a new file: nothing to compare
    if (!core::ReadFile(AbsoluteIn(result.root, f.path), &bytes, &e) || bytes != f.before) differ.push_back(f.path);
  }
  if (differ.empty()) return true;
  err << "authshift fix --staged: nothing was written: the work tree differs from the index in\n";
  for (const auto& d : differ) err << "  " << d << '\n';
  err << "Stage (or stash) those changes first, or apply the fixes to the index only:\n"
         "  authshift fix --staged --dry-run | git apply --cached\n";
  return false;
}

// fix (writes the files, then the summary) or fix --dry-run / --format diff (the diff).
// A diff shown on a terminal (`mask`) is for reading: masked like every report. Redirected, it
// is a patch to apply, exact.
bool WriteFixes(const ScanCommand& c, const engine::ScanResult& result, std::ostream& report, std::ostream& err,
                bool mask) {
  if (c.fix_mode && !c.DryRun()) {
    if (c.staged && !StagedMatchesWorkTree(result, err)) return false;
    // Added files (the helpers the fixed files call) first, then the fixed files. When one cannot be
    // written, the fixed files already written get their old bytes back and the helpers written go
    // again: no file is changed (a fix across files is made in all of them or in none).
    std::vector<std::string> created;
    std::vector<const core::FileChange*> written;
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& f : result.changes) {
        if (f.created != (pass == 0)) continue;
        std::string e;
        std::string abs = (fs::path(result.root) / f.path).string();
        std::error_code ec;
        if (f.created && fs::symlink_status(abs, ec).type() != fs::file_type::not_found) continue;  // reused
        if (!rewriters::WriteFileAtomically(abs, f.after, &e)) {
          err << c.Prefix() << f.path << ": " << e << '\n';
          for (const core::FileChange* w : written) {
            std::string undo;
            rewriters::WriteFileAtomically((fs::path(result.root) / w->path).string(), w->before, &undo);
          }
          for (const auto& p : created) fs::remove(p, ec);
          return false;
        }
        if (f.created) created.push_back(abs);
        if (!f.created) written.push_back(&f);
      }
    }
    WriteFixSummary(result, report);
  } else {
    std::string diff = DiffOf(result.changes, core::GitPrefix(result.root));
    report << (mask ? core::RedactAll(diff) : diff);
    if (c.fix_mode) WriteFixSummary(result, err);
  }
  return true;
}

// The report (or the fixes) of the run, into `report`.
bool BuildReport(const ScanCommand& c, const engine::ScanResult& result, std::ostream& report, const Io& io) {
  if (c.fix_mode || c.format == "diff") return WriteFixes(c, result, report, io.err, !c.output && io.out_is_tty);
  if (c.format == "sarif") {
    report::SarifOptions sarif;
    sarif.category = c.args.Last("--sarif-category").value_or("");
    sarif.uri_prefix = core::GitPrefix(result.root);
    // Line hashes are computed from the files on disk: not for --staged, whose lines are the index's.
    sarif.source_root = c.staged ? std::string() : result.root;
    report::WriteSarif(result, c.rules, kVersion, sarif, report);
  } else if (c.format == "json") {
    report::WriteJson(result, kVersion, report);
  } else if (c.format == "plan" || c.format == "plan-json") {
    PlanOptions po;
    po.refresh = std::any_of(c.fo.token_source.begin(), c.fo.token_source.end(),
                             [](const auto& kv) { return kv.second == "refresh"; });
    if (c.format == "plan") WritePlanMarkdown(result, c.rules, po, report);
    if (c.format == "plan-json") WritePlanJson(result, c.rules, po, report);
  } else if (c.format == "gitlab-sast" || c.format == "codeclimate" || c.format == "junit") {
    report::CiReportOptions ci;
    ci.path_prefix = core::GitPrefix(result.root);
    if (c.format == "gitlab-sast") report::WriteGitLabSast(result, c.rules, kVersion, ci, report);
    if (c.format == "codeclimate") report::WriteCodeClimate(result, ci, report);
    if (c.format == "junit") report::WriteJunit(result, c.rules, ci, report);
  } else {
    report::TextOptions to;
    to.color = !c.output && WantColor(c.args, io);
    to.quiet = c.args.Has("--quiet");
    to.plan = engine::PlanLines(c.rules, result);
    report::WriteText(result, to, report);
  }
  return true;
}

// The report to --output (atomically, or straight into a device or FIFO) or to stdout.
bool EmitReport(const ScanCommand& c, const std::string& text, Io& io) {
  struct stat out_st {};
  if (c.output && stat(c.output->c_str(), &out_st) == 0 && !S_ISREG(out_st.st_mode) && !S_ISDIR(out_st.st_mode)) {
    // A device or a FIFO (/dev/null, /dev/stdout, a pipe): write to it; there is nothing to rename over.
    std::ofstream stream(*c.output, std::ios::binary);
    stream << text;
    if (!stream) {
      io.err << c.Prefix() << "cannot write " << *c.output << '\n';
      return false;
    }
  } else if (c.output) {
    std::string e;
    if (!rewriters::WriteFileAtomically(*c.output, text, &e)) {
      io.err << c.Prefix() << e << '\n';
      return false;
    }
  } else {
    io.out << text;
    io.out.flush();
  }
  return true;
}

// --profile: CPU milliseconds per stage (core/profile.h), the process's CPU and the scan's wall time.
void WriteProfile(const engine::ScanResult& result, std::ostream& err) {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double cpu_ms = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                        static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  std::vector<core::ProfileLine> lines = core::ProfileLines();
  double staged = 0;
  for (const auto& l : lines) {
    if (l.name.find(' ') == std::string::npos) staged += l.cpu_ms;
  }
  char buf[160];
  err << "profile: CPU time per stage (milliseconds; stages exclude the stages nested in them)\n";
  for (const auto& l : lines) {
    const bool sub = l.name.find(' ') != std::string::npos;
    std::snprintf(buf, sizeof buf, "  %-22s %10.1f %5.1f%% %8llu\n", (sub ? "  " + l.name : l.name).c_str(), l.cpu_ms,
                  cpu_ms > 0 ? 100.0 * l.cpu_ms / cpu_ms : 0.0, static_cast<unsigned long long>(l.count));
    err << buf;
  }
  std::snprintf(buf, sizeof buf, "  %-22s %10.1f %5.1f%%\n", "other", cpu_ms - staged,
                cpu_ms > 0 ? 100.0 * (cpu_ms - staged) / cpu_ms : 0.0);
  err << buf;
  std::snprintf(buf, sizeof buf, "  %-22s %10.1f  (scan wall time %.1f ms, peak RSS %ld MB)\n", "process CPU", cpu_ms,
                result.stats.duration_ms, ru.ru_maxrss / 1024);
  err << buf;
}

int ExitCode(const ScanCommand& c, const engine::ScanResult& result) {
  if (c.threshold && !c.args.Has("--write-baseline")) {
    for (const auto& f : result.findings) {
      if (!f.suppressed && f.severity >= *c.threshold) return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace

int RunScanOrFix(const std::vector<std::string>& argv, Io& io, bool fix_mode) {
  ScanCommand c;
  c.fix_mode = fix_mode;
  c.command = fix_mode ? "fix" : "scan";
  if (!ParseArgs(argv, 1, AllOptions(*FindCommandSpec(c.command)), c.command, &c.args, io.err)) return kExitUsage;
  // Git first: --staged without paths scans from the work-tree top, where the config is found.
  if (!OpenGit(c, io.err)) return kExitUsage;
  if (!LoadProjectConfig(c.args, c.command, &c.cfg, io.err)) return kExitUsage;
  if (!ReadReportOptions(c, io.err) || !ReadScanOptions(c, io) || !ReadFixOptions(c, io.err)) return kExitUsage;
  core::StartProfile(c.args.Has("--profile"));
  {
    core::StageTimer timer(core::Stage::kRules);
    if (!LoadRuleSet(c.args, c.cfg, &c.rules, io.err)) return kExitUsage;
  }
  if (!SetUpFindingWork(c, io.err)) return kExitUsage;
  engine::ScanResult result;
  if (!Scan(c, &result, io.err)) return kExitUsage;
  if (c.fo.linked) c.fo.linked->Apply(&result);
  if (!RecordFindings(c, result, io.err)) return kExitUsage;
  {
    core::StageTimer timer(core::Stage::kReport);
    std::ostringstream report;
    if (!BuildReport(c, result, report, io)) return kExitUsage;
    if (!EmitReport(c, report.str(), io)) return kExitUsage;
  }
  if (core::ProfileEnabled()) WriteProfile(result, io.err);
  return ExitCode(c, result);
}

}  // namespace authshift::cli
