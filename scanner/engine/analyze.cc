#include "scanner/engine/analysis.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "scanner/core/budget.h"
#include "scanner/core/hash.h"
#include "scanner/core/profile.h"
#include "scanner/core/redact.h"
#include "scanner/engine/deluge_docs.h"
#include "scanner/engine/ir_matcher.h"
#include "scanner/engine/scan.h"
#include "scanner/engine/suppress.h"
#include "scanner/engine/text_matcher.h"
#include "scanner/frontends/frontends.h"
#include "scanner/ir/js_runtime.h"
#include "scanner/ir/zoho_context.h"

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

// Files larger than this are not parsed whole: the structural stage sees only windows around the
// keyword hits of the IR rules (StructuralWindows). The text rules still read every byte.
constexpr size_t kWholeParseLimit = size_t{1} << 20;
// At most this many bytes of a large file's windows are parsed (BuildFileFacts).
constexpr size_t kMaxStructuralBytes = size_t{8} << 20;
// How much of a match its fingerprint hashes: the cost per finding stays bounded.
constexpr size_t kFingerprintBytes = 4096;
// How many matches per file have their value followed to the requests that send it (ir/flow.h).
constexpr size_t kFlowBudget = 64;
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
  // The start of the line holding p when it is at `lo` or after, else npos: every search is
  // bounded, so a file that is one long line (minified code) costs linear time, not quadratic.
  auto line_start_from = [&](size_t p, size_t lo) {
    if (p == 0) return size_t{0};
    size_t nl = text.substr(lo, p - lo).rfind('\n');
    if (nl != std::string_view::npos) return lo + nl + 1;
    return lo == 0 ? size_t{0} : std::string_view::npos;
  };
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece hit;
  size_t covered = 0;  // windows are found in order; bytes before this are in one already
  while (RE2::FindAndConsume(&input, re, &hit)) {
    size_t p = static_cast<size_t>(hit.data() - text.data());
    size_t from = p > kWindowReach ? p - kWindowReach : 0;
    size_t begin = line_start_from(from, from > kWindowReach ? from - kWindowReach : 0);
    if (begin == std::string_view::npos) {
      begin = from;  // a very long line (minified code): cut inside it
    } else {
      size_t limit = begin > kWindowReach ? begin - kWindowReach : 0;
      while (begin > limit && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\n' || text[begin] == '\r')) {
        size_t prev = line_start_from(begin - 1, limit > kWindowReach ? limit - kWindowReach : 0);
        if (prev == std::string_view::npos) break;
        begin = prev;
      }
    }
    size_t end = std::min(text.size(), p + hit.size() + kWindowReach);
    // The window ends at the end of its last line when that is near (at most kWindowReach on).
    size_t eol = text.substr(end, kWindowReach + 1).find('\n');
    if (eol != std::string_view::npos) {
      end += eol;
    } else if (text.size() - end <= kWindowReach) {
      end = text.size();
    }
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


void ThrowIfBudgetSpent() {
  if (core::BudgetSpent()) throw core::BudgetExceeded();
}

// Turns matches of one file into findings: positions, snippet, secrets redacted, comment notes,
// and the content part of the fingerprint (finished by FinishFingerprints). Keeps the caps
// (README "Limits"): at most kMaxFindingsPerLine per line and kMaxFindingsPerFile per file,
// checked before any per-finding work, so a line with a million hits costs no more than one with
// kMaxFindingsPerLine.
class FindingMaker {
 public:
  FindingMaker(const core::SourceFile& file, const languages::Language& lang) : file_(file), lang_(lang) {}

  // Adds the finding of `m` to `out`, or counts it over the limits; returns it, or nullptr.
  core::Finding* Add(const Rule& rule, const TextMatch& m, std::vector<core::Finding>* out) {
    const core::Position start = file_.PositionAt(m.begin);
    uint32_t& on_line = per_line_[start.line];
    if (out->size() >= kMaxFindingsPerFile || on_line >= kMaxFindingsPerLine) {
      ++over_limit_;
      return nullptr;
    }
    ++on_line;
    out->push_back(Make(rule, m, start));
    return &out->back();
  }

  // Recounts the findings per line after some of `out` were removed.
  void Recount(const std::vector<core::Finding>& out) {
    per_line_.clear();
    for (const core::Finding& f : out) ++per_line_[f.start.line];
  }

  size_t over_limit() const { return over_limit_; }

  // A mention, not a use: a note that is never fixed, its message prefixed with `why`.
  static void MakeNote(core::Finding* f, std::string_view why) {
    f->severity = core::Severity::kNote;
    f->fixable = false;
    f->fix = "none";
    f->message = std::string(why) + f->message;
  }

 private:
  core::Finding Make(const Rule& rule, const TextMatch& m, core::Position start) const {
    std::string_view text = file_.bytes();
    core::Finding f;
    f.rule_id = rule.id;
    f.severity = rule.severity;
    f.message = !m.related.empty() && !rule.message_related.empty() ? rule.message_related : rule.message;
    f.path = file_.path();
    f.byte_start = m.begin;
    f.byte_end = m.end;
    f.start = start;
    f.end = file_.PositionAt(m.end);
    f.forms = rule.forms;
    f.match_kind = rule.kind;
    f.fixable = rule.fix != "none";
    f.fix = rule.fix;
    f.facts = m.facts;
    for (const TextMatch::Related& rel : m.related) {
      core::RelatedLocation r;
      r.byte_start = rel.begin;
      r.byte_end = rel.end;
      r.start = file_.PositionAt(rel.begin);
      r.end = file_.PositionAt(rel.end);
      r.message = std::string(rel.message);
      f.related.push_back(std::move(r));
    }
    std::vector<std::string> secrets;
    if (m.has_secret) {
      f.has_secret = true;
      secrets.emplace_back(text.substr(m.secret_begin, m.secret_end - m.secret_begin));
      if (!f.message.empty() && f.message.back() != '.') f.message += '.';
      f.message += " A hard-coded secret is present: remove it from the code and revoke it.";
    }
    std::string_view line = file_.Line(f.start.line);
    // Comments and documentation mention Authtokens without using them: a note at most, never fixed.
    if (!rule.IsIr() && languages::InLineComment(lang_, line, f.start.column - 1)) {
      MakeNote(&f, "Mentioned in a comment or documentation: ");
    }
    // A bounded part of the line around the match, redacted (a 50 MB line costs no more).
    size_t col0 = std::min<size_t>(f.start.column - 1, line.size());
    size_t end0 = f.end.line == f.start.line ? std::min<size_t>(f.end.column - 1, line.size()) : line.size();
    core::Snippet snippet = core::MaskedSnippet(line, col0, end0, secrets);
    f.snippet = std::move(snippet.text);
    f.snippet_begin = snippet.begin;
    f.snippet_end = snippet.end;
    // The fingerprint's content part: the matched text (its first kFingerprintBytes), redacted and
    // whitespace-normalised.
    std::string_view matched = text.substr(m.match_begin, m.match_end - m.match_begin);
    std::string content = core::RedactText(matched.substr(0, kFingerprintBytes), secrets);
    f.fingerprint = NormalizeSpace(content);  // finished by FinishFingerprints
    return f;
  }

  const core::SourceFile& file_;
  const languages::Language& lang_;
  std::unordered_map<uint32_t, uint32_t> per_line_;
  size_t over_limit_ = 0;
};

using RuleMatches = std::vector<std::pair<std::string, std::vector<TextMatch>>>;

// The IR rules on one set of facts, by phase (Rule::Phase): later phases read the matches of the
// earlier ones through IrContext::sink_matches.
RuleMatches MatchIrRules(const std::vector<const Rule*>& ir_rules, const ir::Facts& facts, std::string_view text,
                         bool zoho_context, std::string_view language) {
  size_t flows_left = kFlowBudget;
  RuleMatches matches;
  IrContext ctx{facts, text, zoho_context, &matches, &flows_left, language};
  for (int phase = 0; phase <= 2; ++phase) {
    for (const Rule* rule : ir_rules) {
      if (rule->Phase() != phase) continue;
      ThrowIfBudgetSpent();
      matches.emplace_back(rule->id, MatchIr(*rule, ctx));
    }
  }
  return matches;
}

// Superseded text findings go: in the whole file, or only on the lines where the IR rule itself
// reported (`supersedes-on: line`), so mentions it cannot see (comments, lone strings) are still
// caught by the text rule.
void DropSuperseded(const std::vector<const Rule*>& ir_rules, const RuleMatches& matches, const core::SourceFile& file,
                    std::vector<core::Finding>* out) {
  std::set<std::string> superseded;
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
  std::erase_if(*out, [&](const core::Finding& f) {
    return superseded.count(f.rule_id) != 0 || superseded_lines.count({f.rule_id, f.start.line}) != 0;
  });
}

// Builds the file's facts for the IR rules. A very large file is parsed only around its keyword
// hits (offsets unchanged), so its cost stays linear in bytes and small; bindings outside every
// window are not followed there. A file with syntax errors still yields the facts of its parsed parts.
void BuildFileFacts(const std::vector<const Rule*>& ir_rules, FileAnalysis* a) {
  std::string_view text = a->source.bytes();
  const std::string_view lang = a->language->id;
  if (text.size() > kWholeParseLimit) {
    std::vector<std::string> keywords;
    for (const Rule* rule : ir_rules) keywords.insert(keywords.end(), rule->keywords.begin(), rule->keywords.end());
    std::vector<ir::Span> windows = StructuralWindows(text, keywords);
    // Hits everywhere (a minified bundle, a generated file of calls): the windows cover most of the
    // file and a parse would cost memory in proportion. Past kMaxStructuralBytes the file keeps its
    // text findings only (budget-exceeded), so the parse's memory stays bounded.
    size_t covered = 0;
    for (const ir::Span& w : windows) covered += w.end - w.begin;
    if (covered > kMaxStructuralBytes) throw core::BudgetExceeded();
    a->facts = frontends::BuildFactsInWindows(lang, text, windows);
    return;
  }
  frontends::BuildContext build{a->source.path()};
  a->facts = frontends::BuildFacts(lang, text, &a->syntax_errors, &build);
  a->degraded = build.degraded;
  if (!build.frontend_path.empty()) {  // C/C++: the path that lowered it
    a->frontend_family = "C/C++";
    a->frontend_path = build.frontend_path;
  }
  a->first_syntax_error = build.first_error;
  a->whole_facts = a->facts.has_value();
}

// Samples in Markdown (deluge_docs.h): Deluge (fenced with any tag or none, or unfenced, found by content)
// and fenced JavaScript, TypeScript, Python and Ruby. Each language's rules run on the file with everything
// but its samples blanked (newlines kept), so offsets and lines stay the file's own. Documentation:
// notes, which refer to no facts of the analysis (the blanked copy's facts are dropped here). The
// Deluge fixer fixes its samples in place (rewriters/deluge/deluge_docs_fix.cc); the others are
// report-only. May throw core::BudgetExceeded, but only before it changes `out`.
void MatchDocumentSamples(const RuleSet& rules, const Prefilter& prefilter, FindingMaker& maker, std::string_view text,
                          bool zoho_context, std::vector<core::Finding>* out) {
  static const std::pair<std::string_view, std::string_view> kSamples[] = {
      {"deluge", "Deluge"}, {"javascript", "JavaScript"}, {"typescript", "TypeScript"},
      {"python", "Python"}, {"ruby", "Ruby"}};
  for (const auto& [language, name] : kSamples) {
    const std::string blanked =
        language == "deluge" ? DelugeInDocument(text) : FencedSamplesInDocument(text, language);
    if (blanked.empty()) continue;
    std::vector<const Rule*> sample_rules;
    for (size_t r : prefilter.Candidates(blanked)) {
      if (rules.rules[r]->IsIr() && rules.rules[r]->AppliesTo(language)) sample_rules.push_back(rules.rules[r].get());
    }
    if (sample_rules.empty()) continue;
    ThrowIfBudgetSpent();
    std::optional<ir::Facts> facts;
    {
      core::StageTimer timer(core::Stage::kParse, language);
      facts = frontends::BuildFacts(language, blanked);
    }
    if (!facts) continue;
    RuleMatches matches;
    {
      core::StageTimer timer(core::Stage::kMatch);
      matches = MatchIrRules(sample_rules, *facts, blanked, language == "deluge" || zoho_context, language);
    }
    ThrowIfBudgetSpent();  // nothing below may be cut short: `out` changes from here on
    // Text findings the sample's rules supersede go, inside the blocks.
    std::set<std::string> superseded;
    for (const Rule* rule : sample_rules) superseded.insert(rule->supersedes.begin(), rule->supersedes.end());
    std::erase_if(*out, [&](const core::Finding& f) {
      return superseded.count(f.rule_id) != 0 && f.byte_start < blanked.size() && text[f.byte_start] != ' ' &&
             blanked[f.byte_start] == text[f.byte_start];
    });
    maker.Recount(*out);
    for (const auto& [id, ms] : matches) {
      for (const TextMatch& m : ms) {
        const Rule& rule = *rules.Find(id);
        if (core::Finding* f = maker.Add(rule, m, out)) {
          f->facts = core::FactIds{};
          FindingMaker::MakeNote(f, "In a " + std::string(name) + " sample in documentation: ");
          if (language == "deluge") {
            f->fixable = rule.fix != "none";
            f->fix = rule.fix;
          }
        }
      }
    }
  }
}

// Suppression comments, and the notes about suppressions that name unknown rules or cover nothing.
void ApplySuppressionComments(const RuleSet& rules, const std::vector<size_t>& candidates, FindingMaker& maker,
                              const core::SourceFile& file, const languages::Language& lang,
                              std::vector<core::Finding>* out) {
  std::vector<Suppression> sups = FindSuppressions(file, lang);
  if (sups.empty()) return;
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
  ApplySuppressions(&sups, out);
  for (size_t k = 0; k < sups.size(); ++k) sups[k].ids = named[k];
  const Rule* check = nullptr;
  for (size_t r : candidates) {
    if (rules.rules[r]->kind == MatchKind::kSuppression && rules.rules[r]->AppliesTo(lang.id)) check = rules.rules[r].get();
  }
  if (check == nullptr) return;
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
    if (core::Finding* f = maker.Add(*check, m, out)) {
      f->message = "Suppression comment " + problem;
      f->severity = core::Severity::kNote;
    }
  }
}

// Sorts the findings and finishes their fingerprints: identical content in one file is told apart
// by its occurrence index, not its line.
void FinishFingerprints(std::vector<core::Finding>* out) {
  std::sort(out->begin(), out->end(), core::FindingLess);
  std::map<std::pair<std::string, std::string>, int> seen;
  for (auto& f : *out) {
    int n = seen[{f.rule_id, f.fingerprint}]++;
    std::string key = f.rule_id + '\0' + f.path + '\0' + f.fingerprint + '\0' + std::to_string(n);
    f.fingerprint = core::Hex64(core::Fnv1a64(key));
  }
}

// The structural stage: the IR rules on the file's facts (built once, only when an IR rule is a
// candidate), then the rules of the samples in Markdown. May throw core::BudgetExceeded,
// but only before it changes `a->findings`.
void AnalyzeStructure(const RuleSet& rules, const Prefilter& prefilter, const std::vector<const Rule*>& ir_rules,
                      FindingMaker& maker, FileAnalysis* a) {
  const core::SourceFile& src = a->source;
  std::string_view text = src.bytes();
  const languages::Language& lang = *a->language;
  if (!ir_rules.empty() && frontends::HasFrontend(lang.id)) {
    ThrowIfBudgetSpent();
    {
      core::StageTimer timer(core::Stage::kParse, lang.id);
      BuildFileFacts(ir_rules, a);
    }
    if (a->facts) {
      RuleMatches matches;
      {
        core::StageTimer timer(core::Stage::kMatch);
        matches = MatchIrRules(ir_rules, *a->facts, text, a->zoho_context, lang.id);
      }
      ThrowIfBudgetSpent();  // nothing below may be cut short: the findings change from here on
      DropSuperseded(ir_rules, matches, src, &a->findings);
      maker.Recount(a->findings);
      for (const auto& [id, ms] : matches) {
        const Rule* rule = rules.Find(id);
        for (const TextMatch& m : ms) maker.Add(*rule, m, &a->findings);
      }
      // Name where each finding sits (a Deluge function, a Creator workflow), for every report.
      for (core::Finding& f : a->findings) {
        f.location = std::string(a->facts->LocationName(static_cast<uint32_t>(f.byte_start)));
      }
    }
  }
  if (lang.id == "markdown") MatchDocumentSamples(rules, prefilter, maker, text, a->zoho_context, &a->findings);
}

}  // namespace

FileAnalysis AnalyzeSource(core::SourceFile file, const languages::Language& lang, const RuleSet& rules,
                           const Prefilter& prefilter, std::chrono::nanoseconds budget) {
  FileAnalysis a(std::move(file), lang);
  const core::SourceFile& src = a.source;
  std::string_view text = src.bytes();
  FindingMaker maker(src, lang);
  std::vector<size_t> candidates = prefilter.Candidates(text);
  // Zoho context (ir/zoho_context.h), computed once per file: for `host: zoho` and `context: zoho`.
  {
    core::StageTimer timer(core::Stage::kText);
    a.zoho_context = lang.id == "deluge" || ir::ComputeZohoContext(text, src.path()).zoho;
    if (lang.id == "javascript" || lang.id == "typescript" || lang.id == "tsx") {
      // Decided once per file: --verbose reports it, and the fixer withholds browser code (FixInput).
      a.frontend_family = "JavaScript";
      a.frontend_path = ir::JsRuntime(text);
    }
  }
  std::vector<const Rule*> ir_rules;
  {
  core::StageTimer timer(core::Stage::kText);
  for (size_t r : candidates) {
    const Rule& rule = *rules.rules[r];
    if (!rule.AppliesTo(lang.id)) continue;
    if (rule.kind == MatchKind::kSuppression) continue;  // runs after the others, on their findings
    if (rule.IsIr()) {
      ir_rules.push_back(&rule);
      continue;
    }
    for (const TextMatch& m : MatchText(rule, text)) maker.Add(rule, m, &a.findings);
  }
  }
  // The structural stage runs within the file's time budget: the frontends and matchers check the
  // thread's CPU-time budget (core/budget.h); once spent, the file keeps its text findings only,
  // and no facts (the fixer leaves such a file alone).
  {
    core::BudgetScope scope(budget);
    try {
      AnalyzeStructure(rules, prefilter, ir_rules, maker, &a);
    } catch (const core::BudgetExceeded&) {
      a.budget_exceeded = true;
      a.facts.reset();
      a.whole_facts = false;
    }
  }
  ApplySuppressionComments(rules, candidates, maker, src, lang, &a.findings);
  FinishFingerprints(&a.findings);
  a.findings_over_limit = maker.over_limit();
  // `context: zoho` findings of a file that is not about Zoho wait for the scan's verdict.
  if (!a.zoho_context) {
    auto held = std::stable_partition(a.findings.begin(), a.findings.end(), [&](const core::Finding& f) {
      const Rule* r = rules.Find(f.rule_id);
      return r == nullptr || !r->needs_zoho_context;
    });
    std::move(held, a.findings.end(), std::back_inserter(a.context_pending));
    a.findings.erase(held, a.findings.end());
  }
  return a;
}

}  // namespace authshift::engine
