#include "scanner/cli/run_main.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include <re2/re2.h>
#include <optional>
#include <sstream>

#include "rewriters/file_writer.h"
#include "rewriters/fix.h"
#include "rewriters/unified_diff.h"
#include "scanner/cli/git_source.h"
#include "scanner/cli/build_info.h"
#include "scanner/cli/install_hook.h"
#include "scanner/cli/manual.h"
#include "scanner/cli/options.h"
#include "scanner/config/config.h"
#include "scanner/core/walk.h"
#include "scanner/engine/fixture.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/frontends/clang/lower.h"
#include "scanner/languages/languages.h"
#include "scanner/report/report.h"

namespace authshift::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

// Parsed command line of one subcommand: options by name, positional arguments in order.
struct Args {
  std::vector<std::pair<std::string, std::string>> options;  // in order; repeatable
  std::vector<std::string> positional;
  bool Has(std::string_view name) const {
    return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
  }
  std::optional<std::string> Last(std::string_view name) const {
    std::optional<std::string> v;
    for (const auto& o : options) {
      if (o.first == name) v = o.second;
    }
    return v;
  }
  std::vector<std::string> All(std::string_view name) const {
    std::vector<std::string> v;
    for (const auto& o : options) {
      if (o.first != name) continue;
      // Comma-separated lists are accepted too: --disable a,b
      std::stringstream ss(o.second);
      std::string item;
      while (std::getline(ss, item, ',')) {
        if (!item.empty()) v.push_back(item);
      }
    }
    return v;
  }
};

std::string DidYouMeanOption(std::string_view word, const OptionTable& specs) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.emplace_back(s.name);
  return engine::DidYouMean(word, names);
}

bool ParseArgs(const std::vector<std::string>& argv, size_t begin, const OptionTable& specs,
               std::string_view command, Args* out, std::ostream& err) {
  bool only_positional = false;
  for (size_t i = begin; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' ) {
      out->positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a;
    std::optional<std::string> value;
    if (size_t eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      err << "authshift " << command << ": unknown option '" << name << "'";
      std::string near = DidYouMeanOption(name, specs);
      if (!near.empty()) err << "; did you mean '" << near << "'?";
      err << "\nRun 'authshift help " << command << "' for the options.\n";
      return false;
    }
    if (!spec->value.empty() && !value) {
      if (i + 1 >= argv.size()) {
        err << "authshift " << command << ": option '" << name << "' needs a value\n";
        return false;
      }
      value = argv[++i];
    } else if (spec->value.empty() && value) {
      err << "authshift " << command << ": option '" << name << "' takes no value\n";
      return false;
    }
    out->options.emplace_back(name, value.value_or(""));
  }
  return true;
}

using config::ParseSize;

bool WantColor(const Args& args, const Io& io) {
  if (std::getenv("NO_COLOR") != nullptr && std::getenv("NO_COLOR")[0] != '\0') return false;
  if (args.Has("--no-color")) return false;
  std::string mode = args.Last("--color").value_or("auto");
  if (mode == "always") return true;
  if (mode == "never") return false;
  return io.out_is_tty;
}

// .authshift.yml: --config FILE, or found from the scan root upward; --no-config ignores it.
bool LoadProjectConfig(const Args& args, std::string_view command, config::Config* out, std::ostream& err) {
  *out = config::Config();
  if (args.Has("--no-config")) return true;
  std::optional<std::string> path = args.Last("--config");
  if (!path) path = config::FindConfig(core::ScanRootFor(args.positional));
  if (!path) return true;
  std::vector<std::string> errors;
  if (config::LoadConfig(*path, out, &errors)) return true;
  for (const auto& e : errors) err << "error: " << e << '\n';
  err << "authshift " << command << ": " << errors.size() << " configuration error" << (errors.size() == 1 ? "" : "s")
      << "; nothing was scanned\n";
  return false;
}

bool LoadRuleSet(const Args& args, const config::Config& cfg, engine::RuleSet* rules, std::ostream& err) {
  engine::LoadOptions lo;
  lo.default_rules = !args.Has("--no-default-rules");
  lo.rule_paths = cfg.rule_paths;
  for (auto& p : args.All("--rules")) lo.rule_paths.push_back(p);
  lo.disabled = args.All("--disable");
  std::vector<std::string> errors;
  auto fail = [&]() {
    for (const auto& e : errors) err << "error: " << e << '\n';
    err << "authshift: " << errors.size() << " rule error" << (errors.size() == 1 ? "" : "s") << "; nothing was scanned\n";
    return false;
  };
  if (!engine::LoadRules(lo, rules, &errors)) return fail();
  std::vector<std::string> known = rules->Ids();
  known.insert(known.end(), lo.disabled.begin(), lo.disabled.end());  // dropped by --disable, still known
  if (!config::UnknownRuleIds(cfg, known, &errors).empty()) return fail();
  std::erase_if(rules->rules, [&](const auto& r) {
    return std::find(cfg.disable.begin(), cfg.disable.end(), r->id) != cfg.disable.end();
  });
  for (auto& r : rules->rules) {
    if (auto it = cfg.severity.find(r->id); it != cfg.severity.end()) r->severity = it->second;
  }
  if (rules->rules.empty()) {
    err << "authshift: no rules loaded (--no-default-rules without --rules?)\n";
    return false;
  }
  return true;
}

// --- baseline -------------------------------------------------------------------------------------
// One line per finding: fingerprint, rule id and path, tab-separated, sorted; no line numbers and
// no timestamps, so it only changes when findings do and merges cleanly. Only the first field is read.
std::string BaselineText(const engine::ScanResult& result) {
  std::set<std::string> lines;
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;
    std::string path;
    for (char c : f.path) path += c == '\n' ? std::string("\\n") : c == '\t' ? std::string("\\t") : std::string(1, c);
    lines.insert(f.fingerprint + '\t' + f.rule_id + '\t' + path);
  }
  std::string out = "# authshift baseline v1: fingerprint, rule, path (only the fingerprint is read)\n";
  for (const auto& l : lines) out += l + '\n';
  return out;
}

bool ReadBaseline(const std::string& path, std::set<std::string>* out, std::string* err) {
  std::string text;
  if (!core::ReadFile(path, &text, err)) {
    *err = "cannot read baseline " + path + ": " + *err;
    return false;
  }
  static const RE2 kFingerprint("[0-9a-f]{16}");
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::string fp = line.substr(0, line.find('\t'));
    if (!RE2::FullMatch(fp, kFingerprint)) {
      *err = path + ":" + std::to_string(line_no) + ": expected a 16-hex-digit fingerprint, got '" + fp.substr(0, 40) + "'";
      return false;
    }
    out->insert(fp);
  }
  return true;
}

// --- scan ---------------------------------------------------------------------------------------

// Fixes for every file with fixable findings, in path order.
// `contents` (reported path -> bytes), when given, is what was scanned (the staged blobs of
// --staged); otherwise the files are read from disk.
std::vector<rewriters::FileFix> ComputeFixes(const engine::ScanResult& result, const engine::ScanOptions& so,
                                             const rewriters::FixOptions& options,
                                             const std::map<std::string, std::string>* contents = nullptr) {
  std::vector<rewriters::FileFix> fixes;
  size_t i = 0;
  while (i < result.findings.size()) {
    size_t j = i;
    std::vector<core::Finding> file_findings;
    while (j < result.findings.size() && result.findings[j].path == result.findings[i].path) {
      file_findings.push_back(result.findings[j]);
      ++j;
    }
    bool any = std::any_of(file_findings.begin(), file_findings.end(),
                           [&](const core::Finding& f) { return rewriters::WantsFix(f, options); });
    if (any) {
      const std::string& rel = result.findings[i].path;
      std::string abs = rel.rfind('/', 0) == 0 ? rel : (fs::path(result.root) / rel).string();
      std::string bytes;
      std::string err;
      bool have = false;
      if (contents != nullptr) {
        auto it = contents->find(rel);
        if (it != contents->end()) bytes = it->second;
        have = it != contents->end();
      } else {
        have = core::ReadFile(abs, &bytes, &err);
      }
      if (have) {
        core::SourceFile file(rel, std::move(bytes));
        const languages::Language& lang = engine::LanguageOf(so, rel, file.bytes());
        fixes.push_back(rewriters::FixFile(file, lang, file_findings, options));
      }
    }
    i = j;
  }
  return fixes;
}

std::string DiffOf(const std::vector<rewriters::FileFix>& fixes, const std::string& prefix) {
  std::vector<rewriters::FileChange> changes;
  for (const auto& f : fixes) {
    if (f.after != f.before) changes.push_back({prefix + f.path, f.before, f.after});
  }
  return rewriters::UnifiedDiffSet(changes);
}

// The closing summary of `fix`: what was fixed, what was withheld and why, what is report-only.
void WriteFixSummary(const engine::ScanResult& result, const std::vector<rewriters::FileFix>& fixes,
                     std::ostream& out) {
  size_t counts[3] = {0, 0, 0};
  std::map<std::string, const rewriters::FileFix*> by_path;
  for (const auto& f : fixes) by_path[f.path] = &f;
  std::map<std::string, size_t> seen_in_file;
  for (const auto& f : result.findings) {
    size_t k = seen_in_file[f.path]++;
    rewriters::FixStatus status = rewriters::FixStatus::kReportOnly;
    std::string detail;
    auto it = by_path.find(f.path);
    if (it != by_path.end() && k < it->second->outcomes.size()) {
      status = it->second->outcomes[k].status;
      detail = it->second->outcomes[k].detail;
    }
    ++counts[static_cast<size_t>(status)];
    if (status == rewriters::FixStatus::kReportOnly) continue;
    out << f.path << ':' << f.start.line << ':' << f.start.column << ": " << rewriters::FixStatusName(status) << ": ["
        << f.rule_id << "]" << (detail.empty() ? "" : " " + detail) << '\n';
  }
  size_t files = 0;
  for (const auto& f : fixes) files += f.after != f.before ? size_t{1} : size_t{0};
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
// (absolute) restrict the files; `contents` receives what was scanned, by reported path.
bool ScanStaged(const GitView& git, const std::vector<std::string>& args_paths, const std::vector<std::string>& pathspecs,
                const engine::RuleSet& rules, const engine::ScanOptions& so, engine::ScanResult* result,
                std::map<std::string, std::string>* contents, std::string* error) {
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
      (*contents)[reported[i]] = blobs[i].bytes;
      files.push_back({reported[i], std::move(blobs[i].bytes)});
    }
  }
  *result = engine::ScanMemory(root, std::move(files), std::move(skipped), rules, so);
  return true;
}

int RunScanOrFix(const std::vector<std::string>& argv, Io& io, bool fix_mode) {
  const std::string command = fix_mode ? "fix" : "scan";
  const OptionTable specs = AllOptions(*FindCommandSpec(command));
  Args args;
  if (!ParseArgs(argv, 1, specs, command, &args, io.err)) return kExitUsage;
  // --staged and --diff-base ask git about the repository of the scan root.
  const bool staged = args.Has("--staged");
  const std::optional<std::string> diff_base = args.Last("--diff-base");
  GitView git;
  std::vector<std::string> staged_args = args.positional;
  std::vector<std::string> staged_pathspecs;
  if (staged || diff_base) {
    const char* flag = staged ? "--staged" : "--diff-base";
    if (args.Has("--no-git")) {
      io.err << "authshift " << command << ": " << flag << " reads git; it cannot be combined with --no-git\n";
      return kExitUsage;
    }
    git.dir = core::ScanRootFor(args.positional);
    std::string err;
    if (!GitTopLevel(git.dir, &git.top, &err)) {
      io.err << "authshift " << command << ": " << flag << " needs a git repository: " << err << '\n';
      return kExitUsage;
    }
    if (staged) {
      for (const auto& p : args.positional) staged_pathspecs.push_back(fs::absolute(p).lexically_normal().string());
      // Without paths: everything staged in the repository, reported from its top.
      if (args.positional.empty()) args.positional = {git.top};
      staged_args = args.positional;
    }
    if (diff_base) {
      if (!GitResolveCommit(git.dir, *diff_base, &git.base, &err)) {
        io.err << "authshift " << command << ": --diff-base: " << err << '\n';
        return kExitUsage;
      }
      std::map<std::string, LineRanges> changed;
      if (!GitChangedLines(git.dir, git.base, staged, &changed, &err)) {
        io.err << "authshift " << command << ": --diff-base: " << err << '\n';
        return kExitUsage;
      }
      for (auto& [path, ranges] : changed) git.changed[AbsoluteIn(git.top, path)] = std::move(ranges);
      std::set<std::string> untracked;
      if (!staged && !GitUntrackedFiles(git.dir, &untracked, &err)) {
        io.err << "authshift " << command << ": --diff-base: " << err << '\n';
        return kExitUsage;
      }
      for (const auto& path : untracked) git.untracked.insert(AbsoluteIn(git.top, path));
    }
  }
  config::Config cfg;
  if (!LoadProjectConfig(args, command, &cfg, io.err)) return kExitUsage;
  std::string format = args.Last("--format").value_or("text");
  if (std::find(ReportFormats().begin(), ReportFormats().end(), format) == ReportFormats().end()) {
    io.err << "authshift " << command << ": --format must be one of";
    for (std::string_view f : ReportFormats()) io.err << ' ' << f;
    io.err << ", got '" << format << "'\n";
    return kExitUsage;
  }
  if (fix_mode && args.Has("--format")) {
    io.err << "authshift fix: --format is for scan; fix writes files (or a diff with --dry-run)\n";
    return kExitUsage;
  }
  std::string fail_on = args.Last("--fail-on").value_or(cfg.fail_on.value_or("warning"));
  std::optional<core::Severity> threshold;
  if (fail_on != "none") {
    threshold = core::ParseSeverity(fail_on);
    if (!threshold) {
      io.err << "authshift scan: --fail-on must be error, warning, note or none, got '" << fail_on << "'\n";
      return kExitUsage;
    }
  }
  engine::ScanOptions so;
  {  // C/C++ (Clang): the compile database, and what relative file paths are relative to.
    frontends::clang_fe::Settings clang_settings;
    clang_settings.base_dir = core::ScanRootFor(args.positional);
    if (auto p = args.Last("-p")) clang_settings.compile_db_dir = fs::absolute(*p).lexically_normal().string();
    frontends::clang_fe::Configure(clang_settings);
  }
  if (auto j = args.Last("--jobs")) {
    auto n = ParseSize(*j);
    if (!n || *n == 0 || *n > 1024 || j->find_first_not_of("0123456789") != std::string::npos) {
      io.err << "authshift " << command << ": --jobs must be a number from 1 to 1024, got '" << *j << "'\n";
      return kExitUsage;
    }
    so.jobs = static_cast<unsigned>(*n);
  }
  if (auto m = args.Last("--max-file-size")) {
    auto n = ParseSize(*m);
    if (!n || *n == 0) {
      io.err << "authshift scan: --max-file-size must be a size such as 2M, 512K or 1048576, got '" << *m << "'\n";
      return kExitUsage;
    }
    so.walk.max_file_size = *n;
  } else if (cfg.max_file_size) {
    so.walk.max_file_size = *cfg.max_file_size;
  }
  if (!cfg.path.empty()) {
    const std::string root = core::ScanRootFor(args.positional);
    auto config_rel = [&cfg, root](std::string_view rel) {
      fs::path p{std::string(rel)};
      std::string abs = p.is_absolute() ? p.string() : (fs::path(root) / p).string();
      return cfg.RelativeToBase(abs).value_or(std::string(rel));
    };
    so.path_filter = [&cfg, config_rel](std::string_view rel) { return cfg.Included(config_rel(rel)); };
    so.language_override = [&cfg, config_rel](std::string_view rel) { return cfg.LanguageFor(config_rel(rel)); };
  }
  so.walk.use_git = !args.Has("--no-git");
  if (diff_base && !staged) {
    // Files not changed since the base cannot have a finding on a changed line: not even read.
    const std::string root = core::ScanRootFor(args.positional);
    so.path_filter = [inner = so.path_filter, root, &git](std::string_view rel) {
      if (inner && !inner(rel)) return false;
      std::string abs = AbsoluteIn(root, rel);
      return git.changed.count(abs) != 0 || git.untracked.count(abs) != 0;
    };
  }
  std::string mode = args.Last("--color").value_or("auto");
  if (mode != "auto" && mode != "always" && mode != "never") {
    io.err << "authshift scan: --color must be auto, always or never, got '" << mode << "'\n";
    return kExitUsage;
  }

  engine::RuleSet rules;
  if (!LoadRuleSet(args, cfg, &rules, io.err)) return kExitUsage;

  // A progress line on stderr for long scans, only when stderr is a terminal.
  if (!args.Has("--quiet") && isatty(STDERR_FILENO) == 1 && &io.err == &std::cerr) {
    so.progress = [](size_t done, size_t total) {
      std::fprintf(stderr, "\rauthshift: %zu/%zu files%s", done, total, done == total ? "\r\x1b[K" : "");
      std::fflush(stderr);
    };
  }
  engine::ScanResult result;
  std::map<std::string, std::string> staged_contents;  // --staged: what was scanned, by reported path
  if (staged) {
    std::string err;
    if (!ScanStaged(git, staged_args, staged_pathspecs, rules, so, &result, &staged_contents, &err)) {
      io.err << "authshift " << command << ": --staged: " << err << '\n';
      return kExitUsage;
    }
  } else {
    result = engine::ScanPaths(args.positional, rules, so);
  }
  if (!result.errors.empty()) {
    for (const auto& e : result.errors) io.err << "authshift scan: " << e << '\n';
    return kExitUsage;
  }
  if (diff_base) {
    // Only findings on lines added or modified since the base (any line of the finding's span).
    std::erase_if(result.findings, [&](const core::Finding& f) {
      return !git.Touches(AbsoluteIn(result.root, f.path), f.start.line, f.end.line);
    });
    std::set<std::string> with_findings;
    for (const auto& f : result.findings) with_findings.insert(f.path);
    result.stats.files_with_findings = with_findings.size();
  }
  const std::map<std::string, std::string>* contents = staged ? &staged_contents : nullptr;
  if (auto base = args.Last("--baseline")) {
    std::set<std::string> known;
    std::string err;
    if (!ReadBaseline(*base, &known, &err)) {
      io.err << "authshift " << command << ": " << err << '\n';
      return kExitUsage;
    }
    std::erase_if(result.findings, [&](const core::Finding& f) { return known.count(f.fingerprint) != 0; });
    for (auto& f : result.findings) f.baseline_state = "new";
  }
  if (auto out_base = args.Last("--write-baseline")) {
    std::string err;
    if (!rewriters::WriteFileAtomically(*out_base, BaselineText(result), &err)) {
      io.err << "authshift " << command << ": " << err << '\n';
      return kExitUsage;
    }
  }
  if (args.Has("--verbose")) {
    for (const auto& [path, frontend] : result.frontend_paths) io.err << "C/C++ " << path << ": " << frontend << '\n';
    for (const auto& s : result.skipped) {
      io.err << "skipped " << s.path << ": " << core::SkipReasonName(s.reason);
      if (!s.detail.empty()) io.err << " (" << s.detail << ")";
      io.err << '\n';
    }
  }
  std::ostringstream report;
  auto output = args.Last("--output");
  rewriters::FixOptions fo;
  fo.deluge_connection = args.Last("--deluge-connection").value_or(cfg.deluge_connection.value_or(""));
  if (!args.Has("--deluge-connection")) fo.deluge_connections = cfg.deluge_connections;  // the flag wins for all
  fo.token_source = cfg.token_source;
  fo.rename_config_keys = cfg.rename_config_keys.value_or(false);
  fo.deluge_mode = args.Last("--deluge-mode").value_or(
      cfg.deluge_mode ? std::string(config::DelugeModeName(*cfg.deluge_mode)) : "connection");
  if (fo.deluge_mode != "connection" && fo.deluge_mode != "header") {
    io.err << "authshift " << command << ": --deluge-mode must be connection or header, got '" << fo.deluge_mode << "'\n";
    return kExitUsage;
  }
  if (fix_mode || format == "diff") {
    std::vector<rewriters::FileFix> fixes = ComputeFixes(result, so, fo, contents);
    if (fix_mode && !args.Has("--dry-run") && staged) {
      // The fixes were computed on the staged content; they are written to the work tree only
      // when every file to change is identical there, or nothing is written at all.
      std::vector<std::string> differ;
      for (const auto& f : fixes) {
        if (f.after == f.before) continue;
        std::string bytes;
        std::string err;
        if (!core::ReadFile(AbsoluteIn(result.root, f.path), &bytes, &err) || bytes != f.before) differ.push_back(f.path);
      }
      if (!differ.empty()) {
        io.err << "authshift fix --staged: nothing was written: the work tree differs from the index in\n";
        for (const auto& d : differ) io.err << "  " << d << '\n';
        io.err << "Stage (or stash) those changes first, or apply the fixes to the index only:\n"
                  "  authshift fix --staged --dry-run | git apply --cached\n";
        return kExitUsage;
      }
    }
    if (fix_mode && !args.Has("--dry-run")) {
      for (const auto& f : fixes) {
        if (f.after == f.before) continue;
        std::string err;
        std::string abs = (fs::path(result.root) / f.path).string();
        if (!rewriters::WriteFileAtomically(abs, f.after, &err)) {
          io.err << "authshift fix: " << f.path << ": " << err << '\n';
          return kExitUsage;
        }
      }
      WriteFixSummary(result, fixes, report);
    } else {
      report << DiffOf(fixes, core::GitPrefix(result.root));
      if (fix_mode) WriteFixSummary(result, fixes, io.err);
    }
  } else if (format == "sarif") {
    std::vector<rewriters::FileFix> fixes = ComputeFixes(result, so, fo, contents);
    report::SarifOptions sarif;
    sarif.category = args.Last("--sarif-category").value_or("");
    sarif.uri_prefix = core::GitPrefix(result.root);
    // Line hashes are computed from the files on disk: not for --staged, whose lines are the index's.
    sarif.source_root = staged ? std::string() : result.root;
    sarif.fixes = &fixes;
    report::WriteSarif(result, rules, kVersion, sarif, report);
  } else if (format == "json") {
    report::WriteJson(result, kVersion, report);
  } else if (format == "gitlab-sast" || format == "codeclimate" || format == "junit") {
    report::CiReportOptions ci;
    ci.path_prefix = core::GitPrefix(result.root);
    if (format == "gitlab-sast") report::WriteGitLabSast(result, rules, kVersion, ci, report);
    if (format == "codeclimate") report::WriteCodeClimate(result, ci, report);
    if (format == "junit") report::WriteJunit(result, rules, ci, report);
  } else {
    report::TextOptions to;
    to.color = !output && WantColor(args, io);
    to.quiet = args.Has("--quiet");
    std::vector<rewriters::FileFix> fixes;
    if (!to.quiet) {
      fixes = ComputeFixes(result, so, fo, contents);
      to.fixes = &fixes;
    }
    report::WriteText(result, to, report);
  }
  struct stat out_st {};
  if (output && stat(output->c_str(), &out_st) == 0 && !S_ISREG(out_st.st_mode) && !S_ISDIR(out_st.st_mode)) {
    // A device or a FIFO (/dev/null, /dev/stdout, a pipe): write to it; there is nothing to rename over.
    std::ofstream stream(*output, std::ios::binary);
    stream << report.str();
    if (!stream) {
      io.err << "authshift " << command << ": cannot write " << *output << '\n';
      return kExitUsage;
    }
  } else if (output) {
    std::string err;
    if (!rewriters::WriteFileAtomically(*output, report.str(), &err)) {
      io.err << "authshift scan: " << err << '\n';
      return kExitUsage;
    }
  } else {
    io.out << report.str();
    io.out.flush();
  }
  if (threshold && !args.Has("--write-baseline")) {
    for (const auto& f : result.findings) {
      if (!f.suppressed && f.severity >= *threshold) return kExitFindings;
    }
  }
  return kExitOk;
}

// --- test ---------------------------------------------------------------------------------------

void CollectFixtures(const std::string& path, std::vector<std::string>* out, std::vector<std::string>* missing) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string name = it->path().filename().string();
      if (name.rfind("README", 0) == 0 || name.find(".fixed") != std::string::npos) continue;
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out->insert(out->end(), found.begin(), found.end());
  } else if (fs::exists(path, ec)) {
    out->push_back(path);
  } else {
    missing->push_back(path);
  }
}

// `<name>.fixed.<ext>` beside a fixture is the whole expected file after `fix`. It must match
// byte for byte, a fixture whose findings change the file must have one, and fixing the fixed file
// again must change nothing (idempotence).
std::string FixedPathFor(const std::string& path) {
  fs::path p(path);
  std::string ext = p.extension().string();
  return (p.parent_path() / (p.stem().string() + ".fixed" + ext)).string();
}

void CheckFixedFile(const std::string& path, const core::SourceFile& file, const languages::Language& lang,
                    const std::vector<core::Finding>& findings, const engine::RuleSet& rules,
                    const engine::Prefilter& prefilter, bool update, engine::FixtureOutcome* outcome) {
  rewriters::FileFix fix = rewriters::FixFile(file, lang, findings, {});
  std::string fixed_path = FixedPathFor(path);
  std::error_code ec;
  if (update) {
    std::string err;
    if (fix.after != fix.before) {
      rewriters::WriteFileAtomically(fixed_path, fix.after, &err);
    } else {
      fs::remove(fixed_path, ec);
    }
  }
  bool has_fixed = fs::exists(fixed_path, ec);
  auto fail = [&](const std::string& what) {
    outcome->passed = false;
    outcome->problems.push_back("line 0: " + what);
  };
  if (!has_fixed) {
    if (fix.after != fix.before) fail("the fixes change this file but " + fixed_path + " does not exist (write the expected result there)");
    return;
  }
  std::string expected;
  std::string err;
  if (!core::ReadFile(fixed_path, &expected, &err)) {
    fail("cannot read " + fixed_path + ": " + err);
    return;
  }
  if (fix.after != expected) {
    std::string diff = rewriters::UnifiedDiff(fixed_path, expected, fix.after);
    fail("the fixed file differs from " + fixed_path + " (- expected, + actual):\n" + diff);
    return;
  }
  core::SourceFile again(fixed_path, expected);
  const languages::Language& lang2 = languages::Detect(path, again.bytes());
  auto findings2 = engine::ScanSource(again, lang2, rules, prefilter);
  rewriters::FileFix second = rewriters::FixFile(again, lang2, findings2, {});
  if (second.after != second.before) fail("fixing " + fixed_path + " again changes it: the fix is not idempotent");
  for (const auto& o : second.outcomes) {
    if (o.status == rewriters::FixStatus::kFixed) fail("the fixed file still has a fixable finding");
  }
}

int RunTest(const std::vector<std::string>& argv, Io& io) {
  const OptionTable specs = AllOptions(*FindCommandSpec("test"));
  Args args;
  if (!ParseArgs(argv, 1, specs, "test", &args, io.err)) return kExitUsage;
  config::Config cfg;
  if (!LoadProjectConfig(args, "test", &cfg, io.err)) return kExitUsage;
  engine::RuleSet rules;
  if (!LoadRuleSet(args, cfg, &rules, io.err)) return kExitUsage;
  std::vector<std::string> files;
  std::vector<std::string> missing;
  std::vector<std::string> roots = args.positional.empty() ? std::vector<std::string>{"fixtures/rules"} : args.positional;
  for (const auto& p : roots) CollectFixtures(p, &files, &missing);
  for (const auto& m : missing) io.err << "authshift test: no such file or directory: " << m << '\n';
  if (!missing.empty()) return kExitUsage;
  if (files.empty()) {
    io.err << "authshift test: no fixture files found under the given paths\n";
    return kExitUsage;
  }
  bool color = WantColor(args, io);
  engine::Prefilter prefilter(rules);
  std::vector<std::string> ids = rules.Ids();
  size_t passed = 0;
  size_t failed = 0;
  for (const auto& path : files) {
    std::string bytes;
    std::string err;
    if (!core::ReadFile(path, &bytes, &err)) {
      io.out << "FAIL " << path << "\n  cannot read: " << err << '\n';
      ++failed;
      continue;
    }
    core::SourceFile file(path, std::move(bytes));
    const languages::Language& lang = languages::Detect(path, file.bytes());
    auto findings = engine::ScanSource(file, lang, rules, prefilter);
    engine::FixtureOutcome outcome = engine::CheckFixture(file.bytes(), lang, findings, ids);
    CheckFixedFile(path, file, lang, findings, rules, prefilter, args.Has("--update-fixed"), &outcome);
    if (outcome.passed) {
      ++passed;
      if (args.Has("--verbose")) io.out << (color ? "\x1b[32mPASS\x1b[0m " : "PASS ") << path << " (" << lang.id << ", " << outcome.expected << " expected)\n";
    } else {
      ++failed;
      io.out << (color ? "\x1b[31mFAIL\x1b[0m " : "FAIL ") << path << " (" << lang.id << ")\n";
      for (const auto& p : outcome.problems) io.out << "  " << path << ": " << p << '\n';
    }
  }
  io.out << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitFindings;
}

// --- rules --------------------------------------------------------------------------------------

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

int RunRules(const std::vector<std::string>& argv, Io& io) {
  const OptionTable specs = AllOptions(*FindCommandSpec("rules"));
  Args args;
  if (!ParseArgs(argv, 1, specs, "rules", &args, io.err)) return kExitUsage;
  if (!args.positional.empty()) {
    io.err << "authshift rules: unexpected argument '" << args.positional[0] << "' (did you mean --explain " << args.positional[0] << "?)\n";
    return kExitUsage;
  }
  config::Config cfg;
  if (!LoadProjectConfig(args, "rules", &cfg, io.err)) return kExitUsage;
  engine::RuleSet rules;
  if (!LoadRuleSet(args, cfg, &rules, io.err)) return kExitUsage;
  if (auto id = args.Last("--explain")) {
    const engine::Rule* r = rules.Find(*id);
    if (r == nullptr) {
      io.err << "authshift rules: unknown rule id '" << *id << "'";
      std::string near = engine::DidYouMean(*id, rules.Ids());
      if (!near.empty()) io.err << "; did you mean '" << near << "'?";
      io.err << "\nRun 'authshift rules' for the list.\n";
      return kExitUsage;
    }
    io.out << r->id << "\n"
           << "  severity:   " << core::SeverityName(r->severity) << "\n"
           << "  forms:      " << Join(r->forms, ", ") << "\n"
           << "  languages:  " << (r->languages.empty() ? "any" : Join(r->languages, ", ")) << "\n"
           << "  precision:  " << r->precision << "\n"
           << "  fix:        " << r->fix << "\n"
           << "  matcher:    " << r->kind << "\n"
           << "  keywords:   " << (r->keywords.empty() ? "(none: runs on every file)" : Join(r->keywords, ", ")) << "\n"
           << "  source:     " << r->source << "\n\n"
           << r->message << "\n\n"
           << r->help;
    if (!r->help.empty() && r->help.back() != '\n') io.out << '\n';
    return kExitOk;
  }
  size_t width = 4;
  for (const auto& r : rules.rules) width = std::max(width, r->id.size());
  io.out << std::left << std::setw(static_cast<int>(width + 2)) << "ID" << std::setw(10) << "SEVERITY"
         << std::setw(14) << "FORMS" << "FIX\n";
  for (const auto& r : rules.rules) {
    io.out << std::left << std::setw(static_cast<int>(width + 2)) << r->id << std::setw(10)
           << core::SeverityName(r->severity) << std::setw(14) << Join(r->forms, ",") << r->fix << '\n';
  }
  return kExitOk;
}

// --- help / version / completion ---------------------------------------------------------------

struct Command {
  std::string_view name;
  std::function<int(const std::vector<std::string>&, Io&)> run;
};

int RunHelp(const std::vector<std::string>& argv, Io& io);

int RunVersion(const std::vector<std::string>&, Io& io) {
  io.out << "authshift " << kVersion << " (commit " << BuildCommit() << ")\n";
  return kExitOk;
}

int RunCompletion(const std::vector<std::string>& argv, Io& io) {
  std::string script = argv.size() == 2 ? Completion(argv[1]) : std::string();
  if (script.empty()) {
    io.err << "authshift completion: expected one shell name: bash, zsh or fish\n";
    return kExitUsage;
  }
  io.out << script;
  return kExitOk;
}

// What each subcommand of CommandSpecs() (options.cc) runs.
const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"completion", RunCompletion},
      {"fix", [](const std::vector<std::string>& a, Io& io) { return RunScanOrFix(a, io, true); }},
      {"help", RunHelp},
      {"install-hook", [](const std::vector<std::string>& a, Io& io) { return RunInstallHook(a, io.out, io.err); }},
      {"rules", RunRules},
      {"scan", [](const std::vector<std::string>& a, Io& io) { return RunScanOrFix(a, io, false); }},
      {"test", RunTest},
      {"version", RunVersion},
  };
  return kCommands;
}

void PrintUsage(std::ostream& out) {
  out << "authshift " << kVersion << " - " << kTagline << "\n\nUsage: authshift COMMAND [options] [PATH...]\n\nCommands:\n";
  constexpr size_t kSummaryColumn = 16;
  for (const auto& c : CommandSpecs()) {
    std::string left = "  " + std::string(c.name);
    out << left << Wrap(c.summary, kSummaryColumn, 80).substr(left.size());
  }
  out << "\n" << Wrap(kExitCodesHelp, 0, 80) << "Run 'authshift help COMMAND' for a command's options.\n";
}

int RunHelp(const std::vector<std::string>& argv, Io& io) {
  if (argv.size() < 2) {
    PrintUsage(io.out);
    return kExitOk;
  }
  const CommandSpec* c = FindCommandSpec(argv[1]);
  if (c == nullptr) {
    io.err << "authshift help: unknown command '" << argv[1] << "'\n";
    return kExitUsage;
  }
  io.out << "Usage: " << c->usage << "\n\n" << Wrap(c->summary, 0, 80);
  if (!c->options.empty()) io.out << "\nOptions:\n";
  for (const OptionTable* t : c->options) PrintOptionTable(*t, io.out);
  return kExitOk;
}

}  // namespace

int RunMain(const std::vector<std::string>& args, Io io) {
  if (args.empty()) {
    PrintUsage(io.err);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h") return RunHelp({"help"}, io);
  if (name == "--version") return RunVersion(args, io);
  for (const auto& c : Commands()) {
    if (c.name == name) {
      try {
        return c.run(args, io);
      } catch (const std::exception& e) {
        // The one place an exception is caught: a bug or resource exhaustion, never a finding.
        io.err << "authshift " << name << ": internal error: " << e.what() << '\n';
        return kExitUsage;
      }
    }
  }
  std::vector<std::string> names;
  for (const auto& c : Commands()) names.emplace_back(c.name);
  io.err << "authshift: unknown command '" << name << "'";
  std::string near = engine::DidYouMean(name, names);
  if (!near.empty()) io.err << "; did you mean '" << near << "'?";
  io.err << "\nRun 'authshift help' for the commands.\n";
  return kExitUsage;
}

}  // namespace authshift::cli
