#include "scanner/engine/scan.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <thread>

#include "scanner/core/hash.h"
#include "scanner/core/redact.h"
#include "scanner/engine/ir_matcher.h"
#include "scanner/engine/suppress.h"
#include "scanner/engine/text_matcher.h"
#include "scanner/frontends/frontends.h"

namespace authshift::engine {
namespace {

// Whitespace runs collapse to one space, so re-indenting a line keeps its fingerprint.
std::string NormalizeSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}


// The file with every byte outside fenced code blocks that hold Deluge (info string deluge/dg, or
// content that reads like Deluge) replaced by a space, newlines kept; empty when there is none.
std::string DelugeFences(std::string_view text) {
  std::string out(text.size(), ' ');
  bool any = false;
  size_t pos = 0;
  std::vector<std::pair<size_t, size_t>> blocks;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    size_t indent = line.find_first_not_of(' ');
    if (indent != std::string_view::npos && indent < 4 && (line.substr(indent, 3) == "```" || line.substr(indent, 3) == "~~~")) {
      std::string_view fence = line.substr(indent, 3);
      std::string info(line.substr(indent + 3));
      for (char& c : info) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t body = eol + 1;
      size_t close = body;
      size_t end = text.size();
      while (close < text.size()) {
        size_t e2 = text.find('\n', close);
        if (e2 == std::string_view::npos) e2 = text.size();
        std::string_view l2 = text.substr(close, e2 - close);
        size_t i2 = l2.find_first_not_of(' ');
        if (i2 != std::string_view::npos && l2.substr(i2, 3) == fence) {
          end = close;
          break;
        }
        close = e2 + 1;
      }
      if (body < text.size()) {
        std::string_view content = text.substr(body, end > body ? end - body : 0);
        bool tagged = info.find("deluge") != std::string::npos || info.rfind("dg", 0) == 0;
        if (tagged || (info.find_first_not_of(" \r\t") == std::string::npos && languages::LooksLikeDeluge(content))) {
          blocks.emplace_back(body, body + content.size());
        }
      }
      pos = close < text.size() ? text.find('\n', close) : text.size();
      pos = pos == std::string_view::npos ? text.size() : pos + 1;
      continue;
    }
    pos = eol + 1;
  }
  for (auto [b, e] : blocks) {
    any = true;
    for (size_t i = b; i < e; ++i) out[i] = text[i];
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') out[i] = '\n';
  }
  return any ? out : std::string();
}

// Files larger than this are not parsed whole: the structural stage sees only windows around the
// keyword hits of the IR rules (StructuralWindows). The text rules still read every byte.
constexpr size_t kWholeParseLimit = size_t{1} << 20;
// How far a window reaches on each side of a hit, and how much further its start may move back to
// reach a line that starts a top-level statement (no indentation), so enclosing code is whole.
constexpr size_t kWindowReach = size_t{16} * 1024;

// The windows around `keywords` hits (case-insensitive), sorted and disjoint. A window runs from a
// line start at most kWindowReach before a hit (moved back to an unindented line when one is within
// another kWindowReach) to the line end at most kWindowReach after it; on lines longer than that
// (minified code) it is cut inside the line.
std::vector<ir::Span> StructuralWindows(std::string_view text, const std::vector<std::string>& keywords) {
  std::string pattern = "(?i)(";
  for (size_t i = 0; i < keywords.size(); ++i) {
    if (i != 0) pattern += '|';
    pattern += RE2::QuoteMeta(keywords[i]);
  }
  pattern += ')';
  RE2 re(pattern);
  std::vector<ir::Span> out;
  if (!re.ok() || keywords.empty()) return out;
  auto line_start = [&](size_t p) {  // start of the line holding p
    size_t nl = p == 0 ? std::string_view::npos : text.rfind('\n', p - 1);
    return nl == std::string_view::npos ? size_t{0} : nl + 1;
  };
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece hit;
  size_t covered = 0;  // windows are found in order; bytes before this are in one already
  while (RE2::FindAndConsume(&input, re, &hit)) {
    size_t p = static_cast<size_t>(hit.data() - text.data());
    size_t from = p > kWindowReach ? p - kWindowReach : 0;
    size_t begin = line_start(from);
    if (from - begin > kWindowReach) {
      begin = from;  // a very long line (minified code): cut inside it
    } else {
      size_t limit = begin > kWindowReach ? begin - kWindowReach : 0;
      while (begin > limit && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\n' || text[begin] == '\r')) {
        begin = line_start(begin - 1);
      }
    }
    size_t end = std::min(text.size(), p + hit.size() + kWindowReach);
    size_t eol = text.find('\n', end);
    if (eol == std::string_view::npos) eol = text.size();
    if (eol - end <= kWindowReach) end = eol;
    begin = std::max(begin, covered);
    if (end > begin) {
      if (!out.empty() && out.back().end == begin) {
        out.back().end = static_cast<uint32_t>(end);
      } else {
        out.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
      }
    }
    covered = std::max(covered, end);
    if (end >= text.size()) break;
    input = re2::StringPiece(text.data() + end, text.size() - end);
  }
  return out;
}

}  // namespace

const languages::Language& LanguageOf(const ScanOptions& options, std::string_view path, std::string_view content) {
  if (options.language_override) {
    if (const char* id = options.language_override(path)) {
      if (const languages::Language* lang = languages::ById(id)) return *lang;
    }
  }
  return languages::Detect(path, content);
}

uint64_t ScanStats::SkippedTotal() const { return std::accumulate(skipped.begin(), skipped.end(), uint64_t{0}); }

// NOLINTNEXTLINE(readability-function-size): split by the FileAnalysis rework (issue #13, item 1)
std::vector<core::Finding> ScanSource(const core::SourceFile& file, const languages::Language& lang,
                                      const RuleSet& rules, const Prefilter& prefilter, SourceInfo* info) {
  std::vector<core::Finding> out;
  std::string_view text = file.bytes();
  auto add = [&](const Rule& rule, const TextMatch& m) {
    core::Finding f;
    f.rule_id = rule.id;
    f.severity = rule.severity;
    f.message = rule.message;
    f.path = file.path();
    f.byte_start = m.begin;
    f.byte_end = m.end;
    f.start = file.PositionAt(m.begin);
    f.end = file.PositionAt(m.end);
    f.forms = rule.forms;
    f.fixable = rule.fix != "none";
    f.fix = rule.fix;
    std::vector<std::string> secrets;
    if (m.has_secret) {
      f.has_secret = true;
      secrets.emplace_back(text.substr(m.secret_begin, m.secret_end - m.secret_begin));
      if (!f.message.empty() && f.message.back() != '.') f.message += '.';
      f.message += " A hard-coded secret is present: remove it from the code and revoke it.";
    }
    std::string_view line = file.Line(f.start.line);
    // Comments and documentation mention Authtokens without using them: a note at most, never fixed.
    if (!rule.IsIr() && languages::InLineComment(lang, line, f.start.column - 1)) {
      f.severity = core::Severity::kNote;
      f.fixable = false;
      f.fix = "none";
      f.message = "Mentioned in a comment or documentation: " + f.message;
    }
    f.snippet = core::RedactText(line, secrets);
    // Where the match sits in the redacted line: redact the prefixes too, so the caret stays
    // under the right text when a secret before or inside the match got shorter.
    size_t col0 = std::min<size_t>(f.start.column - 1, line.size());
    size_t end0 = f.end.line == f.start.line ? std::min<size_t>(f.end.column - 1, line.size()) : line.size();
    f.snippet_begin = std::min(core::RedactText(line.substr(0, col0), secrets).size(), f.snippet.size());
    f.snippet_end = std::min(core::RedactText(line.substr(0, end0), secrets).size(), f.snippet.size());
    if (f.snippet_end < f.snippet_begin) f.snippet_end = f.snippet_begin;
    // The fingerprint's content part: the matched text, redacted and whitespace-normalised.
    std::string content = core::RedactText(text.substr(m.match_begin, m.match_end - m.match_begin), secrets);
    f.fingerprint = NormalizeSpace(content);  // finished below, once occurrences are known
    out.push_back(std::move(f));
  };

  std::vector<size_t> candidates = prefilter.Candidates(text);
  std::vector<const Rule*> ir_rules;
  for (size_t r : candidates) {
    const Rule& rule = *rules.rules[r];
    if (!rule.AppliesTo(lang.id)) continue;
    if (rule.kind == MatchKind::kSuppression) continue;  // runs after the others, on their findings
    if (rule.IsIr()) {
      ir_rules.push_back(&rule);
      continue;
    }
    for (const TextMatch& m : MatchText(rule, text)) add(rule, m);
  }
  // IR rules run on the file's facts, built once and only when an IR rule is a candidate.
  if (!ir_rules.empty() && frontends::HasFrontend(lang.id)) {
    // A very large file is parsed only around its keyword hits (offsets unchanged), so its cost
    // stays linear in bytes and small; bindings outside every window are not followed there.
    std::optional<ir::Facts> facts;
    if (text.size() > kWholeParseLimit) {
      std::vector<std::string> keywords;
      for (const Rule* rule : ir_rules) keywords.insert(keywords.end(), rule->keywords.begin(), rule->keywords.end());
      facts = frontends::BuildFactsInWindows(lang.id, text, StructuralWindows(text, keywords));
    } else {
      frontends::BuildContext build{file.path()};
      // A file with syntax errors is still scanned: facts of its parsed parts, text rules as ever.
      size_t syntax_errors = 0;
      facts = frontends::BuildFacts(lang.id, text, &syntax_errors, &build);
      if (info != nullptr) info->degraded = build.degraded;
      if (info != nullptr) info->frontend_path = build.frontend_path;
      if (info != nullptr) info->syntax_errors = syntax_errors;
    }
    if (facts) {
      static const RE2 kZohoHost(R"((?i)([a-z0-9-]+\.)*zoho(apis|cloud)?\.(com(\.au|\.cn)?|eu|in|jp|ca|sa|uk|ae)\b)");
      IrContext ctx{*facts, text, lang.id == "deluge" || RE2::PartialMatch(text, kZohoHost), nullptr};
      std::vector<std::pair<std::string, std::vector<TextMatch>>> matches;
      std::set<std::string> superseded;
      for (const Rule* rule : ir_rules) {
        if (rule->kind == MatchKind::kBindingToSink) continue;
        matches.emplace_back(rule->id, MatchIr(*rule, ctx));
      }
      ctx.sink_matches = &matches;
      for (const Rule* rule : ir_rules) {
        if (rule->kind == MatchKind::kBindingToSink) matches.emplace_back(rule->id, MatchIr(*rule, ctx));
      }
      // Superseded text findings go: in the whole file, or only on the lines where the IR rule
      // itself reported (`supersedes-on: line`), so mentions it cannot see (comments, lone
      // strings) are still caught by the text rule.
      std::set<std::pair<std::string, uint32_t>> superseded_lines;
      for (const Rule* rule : ir_rules) {
        if (!rule->supersede_lines) {
          superseded.insert(rule->supersedes.begin(), rule->supersedes.end());
          continue;
        }
        for (const auto& [id, ms] : matches) {
          if (id != rule->id) continue;
          for (const TextMatch& m : ms) {
            uint32_t first = file.PositionAt(m.begin).line;
            uint32_t last = file.PositionAt(m.end).line;
            for (const auto& sup : rule->supersedes) {
              for (uint32_t l = first; l <= last; ++l) superseded_lines.insert({sup, l});
            }
          }
        }
      }
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const core::Finding& f) {
                                 return superseded.count(f.rule_id) != 0 ||
                                        superseded_lines.count({f.rule_id, f.start.line}) != 0;
                               }),
                out.end());
      for (const auto& [id, ms] : matches) {
        const Rule* rule = rules.Find(id);
        for (const TextMatch& m : ms) add(*rule, m);
      }
    }
  }
  // Deluge in fenced Markdown blocks: the Deluge rules run on the file with everything outside the
  // blocks blanked (newlines kept), so offsets and lines stay the file's own. Documentation: notes.
  if (lang.id == "markdown") {
    std::string blanked = DelugeFences(text);
    if (!blanked.empty()) {
      std::vector<size_t> cands = prefilter.Candidates(blanked);
      std::vector<const Rule*> deluge_rules;
      for (size_t r : cands) {
        if (rules.rules[r]->IsIr() && rules.rules[r]->AppliesTo("deluge")) deluge_rules.push_back(rules.rules[r].get());
      }
      if (!deluge_rules.empty()) {
        if (auto facts = frontends::BuildFacts("deluge", blanked)) {
          IrContext ctx{*facts, blanked, true, nullptr};
          std::vector<std::pair<std::string, std::vector<TextMatch>>> matches;
          for (const Rule* rule : deluge_rules) {
            if (rule->kind != MatchKind::kBindingToSink) matches.emplace_back(rule->id, MatchIr(*rule, ctx));
          }
          ctx.sink_matches = &matches;
          for (const Rule* rule : deluge_rules) {
            if (rule->kind == MatchKind::kBindingToSink) matches.emplace_back(rule->id, MatchIr(*rule, ctx));
          }
          // Text findings the Deluge rules supersede go, inside the blocks.
          std::set<std::string> superseded;
          for (const Rule* rule : deluge_rules) superseded.insert(rule->supersedes.begin(), rule->supersedes.end());
          out.erase(std::remove_if(out.begin(), out.end(),
                                   [&](const core::Finding& f) {
                                     return superseded.count(f.rule_id) != 0 && f.byte_start < blanked.size() &&
                                            text[f.byte_start] != ' ' && blanked[f.byte_start] == text[f.byte_start];
                                   }),
                    out.end());
          size_t first = out.size();
          for (const auto& [id, ms] : matches) {
            for (const TextMatch& m : ms) add(*rules.Find(id), m);
          }
          for (size_t k = first; k < out.size(); ++k) {
            out[k].severity = core::Severity::kNote;
            out[k].fixable = false;
            out[k].fix = "none";
            out[k].message = "In a Deluge sample in documentation: " + out[k].message;
          }
        }
      }
    }
  }
  // Suppression comments, and the notes about suppressions that name unknown rules or cover nothing.
  std::vector<Suppression> sups = FindSuppressions(file, lang);
  if (!sups.empty()) {
    // Naming a text rule also covers the IR rules that supersede it: the user cannot know which of
    // the two reports a line in a given language.
    std::vector<std::vector<std::string>> named(sups.size());
    for (size_t k = 0; k < sups.size(); ++k) {
      named[k] = sups[k].ids;
      for (const auto& id : named[k]) {
        for (const auto& r : rules.rules) {
          if (std::find(r->supersedes.begin(), r->supersedes.end(), id) != r->supersedes.end()) {
            sups[k].ids.push_back(r->id);
          }
        }
      }
    }
    ApplySuppressions(&sups, &out);
    for (size_t k = 0; k < sups.size(); ++k) sups[k].ids = named[k];
    const Rule* check = nullptr;
    for (size_t r : candidates) {
      if (rules.rules[r]->kind == MatchKind::kSuppression && rules.rules[r]->AppliesTo(lang.id)) check = rules.rules[r].get();
    }
    if (check != nullptr) {
      std::vector<std::string> ids = rules.Ids();
      for (const auto& sup : sups) {
        std::string problem;
        for (const auto& id : sup.ids) {
          if (rules.Find(id) == nullptr) {
            std::string near = DidYouMean(id, ids);
            problem = "names unknown rule '" + id + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?");
          }
        }
        if (problem.empty() && !sup.used) problem = "suppresses nothing: remove it";
        if (problem.empty()) continue;
        TextMatch m;
        m.begin = m.match_begin = sup.offset;
        m.end = m.match_end = sup.offset + sup.length;
        add(*check, m);
        out.back().message = "Suppression comment " + problem;
        out.back().severity = core::Severity::kNote;
      }
    }
  }
  std::sort(out.begin(), out.end(), core::FindingLess);
  // Identical content in one file is told apart by its occurrence index, not its line.
  std::map<std::pair<std::string, std::string>, int> seen;
  for (auto& f : out) {
    int n = seen[{f.rule_id, f.fingerprint}]++;
    std::string key = f.rule_id + '\0' + f.path + '\0' + f.fingerprint + '\0' + std::to_string(n);
    f.fingerprint = core::Hex64(core::Fnv1a64(key));
  }
  return out;
}

namespace {

// Reads the bytes of one listed file (from worker threads: must be thread-safe).
using FileReader = std::function<bool(const core::WalkedFile& file, std::string* bytes, std::string* err)>;

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
  struct PerFile {
    std::vector<core::Finding> findings;
    bool unreadable = false;
    bool binary = false;
    std::string error;
    bool matched = false;
    bool degraded = false;
    std::string_view frontend_path;
    bool syntax_errors = false;
    uint64_t bytes = 0;
  };
  std::vector<PerFile> per_file(walk.files.size());
  // Large files first, so one big file does not finish last on one core.
  std::vector<size_t> order(walk.files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return walk.files[a].size > walk.files[b].size; });
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  auto worker = [&] {
    std::string bytes;
    for (size_t k = next++; k < order.size(); k = next++, ++done) {
      size_t i = order[k];
      const core::WalkedFile& wf = walk.files[i];
      PerFile& pf = per_file[i];
      std::string err;
      bytes.clear();
      if (!read(wf, &bytes, &err)) {
        pf.unreadable = true;
        pf.error = err;
        continue;
      }
      if (core::LooksBinary(bytes)) {
        pf.binary = true;
        continue;
      }
      pf.bytes = bytes.size();
      if (prefilter.Candidates(bytes).empty()) continue;
      pf.matched = true;
      core::SourceFile file(wf.path, std::move(bytes));
      const languages::Language& lang = LanguageOf(options, wf.path, file.bytes());
      SourceInfo info;
      pf.findings = ScanSource(file, lang, rules, prefilter, &info);
      pf.degraded = info.degraded;
      pf.frontend_path = info.frontend_path;
      pf.syntax_errors = info.syntax_errors > 0 && !info.degraded;  // degraded C/C++ is counted apart
      bytes = std::string();
    }
  };
  unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(1, order.size())));
  std::atomic<bool> finished{false};
  std::thread monitor;
  if (options.progress) {
    monitor = std::thread([&] {
      auto start = std::chrono::steady_clock::now();
      bool shown = false;
      while (!finished.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (finished.load()) break;
        if (!shown && std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
        shown = true;
        options.progress(std::min(done.load(), order.size()), order.size());
      }
      if (shown) options.progress(order.size(), order.size());
    });
  }
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  finished.store(true);
  if (monitor.joinable()) monitor.join();

  for (size_t i = 0; i < per_file.size(); ++i) {
    PerFile& pf = per_file[i];
    if (pf.unreadable || pf.binary) {
      core::SkipReason why = pf.binary ? core::SkipReason::kBinary : core::SkipReason::kUnreadable;
      result.skipped.push_back({walk.files[i].path, why, pf.error});
      ++result.stats.skipped[static_cast<size_t>(why)];
      continue;
    }
    ++result.stats.files_scanned;
    result.stats.bytes_scanned += pf.bytes;
    if (pf.matched) ++result.stats.files_matched;
    if (!pf.findings.empty()) ++result.stats.files_with_findings;
    if (pf.degraded) ++result.stats.files_degraded;
    if (!pf.frontend_path.empty()) result.frontend_paths.emplace_back(walk.files[i].path, pf.frontend_path);
    if (pf.syntax_errors) ++result.stats.files_with_syntax_errors;
    for (auto& f : pf.findings) result.findings.push_back(std::move(f));
  }
  std::sort(result.findings.begin(), result.findings.end(), core::FindingLess);
  std::sort(result.skipped.begin(), result.skipped.end(),
            [](const core::SkippedFile& a, const core::SkippedFile& b) { return a.path < b.path; });
  result.stats.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace

ScanResult ScanPaths(const std::vector<std::string>& paths, const RuleSet& rules,
                     const ScanOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  // The walk only lists files; each worker reads a file once and does the binary check on it.
  core::WalkOptions walk_options = options.walk;
  walk_options.probe_content = false;
  core::WalkResult walk = core::Walk(paths, walk_options);
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
