#include "rewriters/fix.h"

#include <algorithm>
#include <map>

#include "rewriters/client_option.h"
#include "rewriters/config/config_rename.h"
#include "rewriters/dead_entry.h"
#include "rewriters/dead_entry_fix.h"
#include "rewriters/deluge/deluge_fixer.h"
#include "rewriters/guzzle/guzzle3.h"
#include "rewriters/legacy_reach.h"
#include "rewriters/oauth/common/lifecycle.h"
#include "rewriters/oauth/oauth.h"
#include "rewriters/postman/postman_fixer.h"
#include "rewriters/retired_clients.h"
#include "scanner/core/redact.h"
#include "scanner/frontends/frontends.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters {
namespace {

// The rewriters table, sorted by name: a rule's `fix:` names one row.
const std::vector<RewriterRow>& Rewriters() {
  static const std::vector<RewriterRow> kRewriters = {
      {"authtoken-generation", oauth::FixGeneration},  // F12: apiauthtoken/nb/create -> the OAuth token
      {"authtoken-revocation", oauth::FixRevocation},  // F15: apiauthtoken/delete -> /oauth/v2/token/revoke
      {"config-rename", config_rename::Fix},  // config keys; only with options.rename_config_keys
      {"deluge-connection", deluge::Fix},
      {"guzzle-service", guzzle::Fix},  // JSON: Guzzle 3 service descriptions, with their PHP client (two files)
      {"oauth-header", oauth::Fix},
      {"postman-oauth2", postman::Fix},  // JSON: the oauth-header findings of Postman collections and HAR files
  };
  return kRewriters;
}

bool MentionsAuthtoken(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("authtoken") != std::string::npos;
}

// A report-only finding on a line that names a retired API's URL (Creator v1 `api/json/…` with the
// token in the path): no fix would make it work, so it says so.
void MarkLegacy(const engine::FileAnalysis& analysis, core::Finding* f) {
  if (!f->suppressed && f->severity != core::Severity::kNote && ir::IsLegacyApi(analysis.source.Line(f->start.line))) {
    f->outcome = {FixStatus::kWithheld, "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"};
  }
}

// A fix that edits other files too: held for after the scan, or withheld when the run holds none.
void HoldLinked(LinkedFix fix, const FixOptions& options, core::Finding* f) {
  if (!options.linked) {
    std::string others;
    for (const FileEdits& fe : fix.files) {
      if (fe.path != f->path) others += (others.empty() ? "" : ", ") + fe.path;
    }
    f->outcome = {FixStatus::kWithheld, "the fix also edits " + others +
                                            ", which is only made by `authshift fix` on the work tree (not --staged)"};
    return;
  }
  fix.path = f->path;
  fix.byte_start = f->byte_start;
  fix.rule_id = f->rule_id;
  options.linked->Add(std::move(fix), f);
}

// A Deluge hard-coded token or placeholder that no rule traced to a request (authtoken-zoho-literal,
// report-only): the Deluge rewriter deletes it when its fixes leave it unread.
bool DelugeUnsentLiteral(const engine::FileAnalysis& analysis, const core::Finding& f) {
  return analysis.language != nullptr && analysis.language->id == "deluge" &&
         f.match_kind == core::MatchKind::kZohoLiteral && !f.suppressed && f.severity != core::Severity::kNote;
}

}  // namespace

long ParseErrors(const languages::Language& lang, std::string_view text) {
  return frontends::CountSyntaxErrors(lang.id, text);
}

bool WantsFix(const core::Finding& f, const FixOptions& options) {
  if (f.fixable && f.fix != "none") return true;
  return options.rename_config_keys && !f.suppressed && f.severity != core::Severity::kNote &&
         config_rename::IsConfigKeyFinding(f);
}

const std::vector<std::string>& RewriterNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (const RewriterRow& r : Rewriters()) v.emplace_back(r.name);
    return v;
  }();
  return kNames;
}

// --- FixInput ---------------------------------------------------------------------------------

bool FixInput::OwnFacts() const { return !a_.facts || !a_.whole_facts; }

const ir::Facts& FixInput::facts() const {
  if (!OwnFacts()) return *a_.facts;
  if (!own_) {
    // The path lets C/C++ find the file's own headers, as the scan does (same facts, same offsets).
    frontends::BuildContext build{a_.source.path(), false};
    std::optional<ir::Facts> built = frontends::BuildFacts(lang().id, src(), nullptr, &build);
    own_ = built ? std::move(*built) : ir::Facts{};
    if (!own_->indexed) own_->Index();
  }
  return *own_;
}


std::optional<ir::ExprId> FixInput::StringOf(const core::Finding& f) const {
  const ir::Facts& fs = facts();
  if (!OwnFacts() && f.facts.string != core::FactIds::kNone) return f.facts.string;
  // The innermost string literal that holds the finding's first byte.
  std::optional<ir::ExprId> best;
  for (ir::ExprId i = 0; i < fs.exprs.size(); ++i) {
    const ir::Expr& e = fs.exprs[i];
    if (e.kind != ir::ExprKind::kString || e.span.begin > f.byte_start || f.byte_start >= e.span.end) continue;
    if (!best || e.span.end - e.span.begin < fs.exprs[*best].span.end - fs.exprs[*best].span.begin) best = i;
  }
  return best;
}

std::optional<uint32_t> FixInput::EntryOf(const core::Finding& f) const {
  const ir::Facts& fs = facts();
  // Several entries can share one span (Bash `-d "a=1&authtoken=…"`, one word; a Qt
  // `addQueryItem` that is both a put and an argument pair): the rewriters work on the first one
  // over the span of the entry the matcher recorded (or, facts built here, the finding's span)
  // whose key names the Authtoken, else the first.
  ir::Span span{static_cast<uint32_t>(f.byte_start), static_cast<uint32_t>(f.byte_end)};
  if (!OwnFacts() && f.facts.entry != core::FactIds::kNone) span = fs.entries[f.facts.entry].span;
  std::optional<uint32_t> first;
  for (uint32_t i = 0; i < fs.entries.size(); ++i) {
    const ir::MapEntry& e = fs.entries[i];
    if (e.span.begin != span.begin || e.span.end != span.end) continue;
    if (!first) first = i;
    if (e.key != ir::kNoExpr && fs.exprs[e.key].kind == ir::ExprKind::kString && MentionsAuthtoken(fs.exprs[e.key].text))
      return i;
  }
  return first;
}

const ir::Binding* FixInput::BindingOf(const core::Finding& f) const {
  const ir::Facts& fs = facts();
  if (!OwnFacts() && f.facts.binding != core::FactIds::kNone) return &fs.bindings[f.facts.binding];
  // The binding of a string literal that starts where the finding does.
  for (const ir::Binding& b : fs.bindings) {
    if (b.span.begin == f.byte_start && b.value != ir::kNoExpr && fs.exprs[b.value].kind == ir::ExprKind::kString)
      return &b;
  }
  return nullptr;
}

ir::ExprId FixInput::ParentOf(ir::ExprId e) const {
  if (!parent_) {
    const ir::Facts& fs = facts();
    parent_.emplace();
    for (ir::ExprId i = 0; i < fs.exprs.size(); ++i) {
      if (fs.exprs[i].kind != ir::ExprKind::kConcat) continue;
      for (ir::ExprId c : fs.exprs[i].children) (*parent_)[c] = i;
    }
  }
  auto it = parent_->find(e);
  return it == parent_->end() ? e : it->second;
}

ir::ExprId FixInput::RootOf(ir::ExprId e) const {
  for (int guard = 0; guard < 16; ++guard) {
    ir::ExprId up = ParentOf(e);
    if (up == e) return e;
    e = up;
  }
  return e;
}

// --- FixFile ----------------------------------------------------------------------------------

std::string FixFile(engine::FileAnalysis& analysis, const FixOptions& options) {
  return FixFileWith(analysis, options, Rewriters());
}

std::string FixFileWith(engine::FileAnalysis& analysis, const FixOptions& options,
                        const std::vector<RewriterRow>& table) {
  std::vector<core::Finding>& findings = analysis.findings;
  for (core::Finding& f : findings) f.outcome = core::FixOutcome{};
  std::map<std::string_view, std::vector<size_t>> by_rewriter;
  for (size_t i = 0; i < findings.size(); ++i) {
    // Deluge: a hard-coded token the Connection fix may leave unread (deleted then, else report-only).
    if (DelugeUnsentLiteral(analysis, findings[i])) {
      by_rewriter["deluge-connection"].push_back(i);
      continue;
    }
    if (!WantsFix(findings[i], options)) {
      MarkLegacy(analysis, &findings[i]);
      continue;
    }
    // The scan gave up on the file's structure (its CPU budget): a fix would parse it again.
    if (analysis.budget_exceeded) {
      findings[i].outcome = {FixStatus::kWithheld,
                             "the file took longer than the scan's per-file budget to analyse; fix it by hand"};
      continue;
    }
    // Config keys are report-only rules; `.authshift.yml` fix.rename-config-keys opts in to renames.
    if (!findings[i].fixable && config_rename::IsConfigKeyFinding(findings[i])) {
      by_rewriter["config-rename"].push_back(i);
      continue;
    }
    // JSON files have no requests in code: their header, URL and parameter findings are Postman
    // collection (or HAR) parts, which the Postman rewriter moves to the collection's OAuth 2.0.
    // Guzzle service descriptions go with the PHP client that fills them (guzzle/guzzle3.h).
    const bool json = analysis.language != nullptr && analysis.language->id == "json";
    std::string_view name = findings[i].fix;
    if (json && name == "oauth-header") {
      name = guzzle::IsServiceDescription(analysis.source.bytes()) ? "guzzle-service" : "postman-oauth2";
    }
    by_rewriter[name].push_back(i);
  }
  analysis.added_files.clear();
  const FixInput input(analysis);
  std::vector<AddedFile> added;
  EditSet edits;
  std::vector<size_t> fixed;
  for (const auto& [name, indices] : by_rewriter) {
    auto row = std::find_if(table.begin(), table.end(), [&n = name](const RewriterRow& r) { return r.name == n; });
    if (row == table.end()) {
      for (size_t i : indices) findings[i].outcome = {FixStatus::kWithheld, "unknown rewriter '" + std::string(name) + "'"};
      continue;
    }
    std::vector<const core::Finding*> subset;
    for (size_t i : indices) subset.push_back(&findings[i]);
    RewriteResult r = row->run(input, subset, options);
    for (const auto& o : r.outcomes) {
      size_t i = indices[o.finding];
      // Details quote source text (a token expression, a constant's name); whatever a rewriter
      // writes, no secret-shaped value leaves through them.
      findings[i].outcome = {o.status, core::RedactAll(o.detail)};
      if (o.status == FixStatus::kFixed) fixed.push_back(i);
    }
    for (auto& e : r.edits) edits.Add(std::move(e));
    for (auto& a : r.added) added.push_back(std::move(a));
    for (auto& l : r.linked) {
      core::Finding* f = &findings[indices[l.finding]];
      HoldLinked(std::move(l), options, f);
    }
  }
  // An entry put into its map too late (never sent): deleted, and its request gets the header.
  for (size_t i : FixEntriesSetTooLate(analysis, input, findings, &edits)) fixed.push_back(i);
  std::string before(analysis.source.bytes());
  if (fixed.empty()) return before;
  auto withhold_all = [&](const std::string& why) {
    for (size_t i : fixed) findings[i].outcome = {FixStatus::kWithheld, why};
    return before;
  };
  std::string err;
  if (!edits.Resolve(&err)) return withhold_all("conflicting edits: " + err);
  std::vector<Edit> own = edits.edits();
  std::string after = edits.Apply(before);
  // A fix that adds a syntax error is withheld. The new text is parsed, and the original only when
  // the new text has errors (C and C++ by tree-sitter: a syntax check, no second compile).
  const long after_errors = ParseErrors(input.lang(), after);
  if (after_errors > 0 && after_errors > ParseErrors(input.lang(), before)) {
    return withhold_all("the fix would add a syntax error; fix it by hand");
  }
  // The helper files go next to the file (one per name: two rewriters never add different ones).
  const std::string& path = analysis.source.path();
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  for (auto& a : added) {
    auto same = [&](const auto& kv) { return kv.first == dir + a.name; };
    if (std::none_of(analysis.added_files.begin(), analysis.added_files.end(), same))
      analysis.added_files.emplace_back(dir + a.name, std::move(a.data));
  }
  if (options.linked) options.linked->AddOwn(path, std::move(own));
  return after;
}

engine::AnalysisSink FixSink(const FixOptions& options) {
  return [options](engine::FileAnalysis& analysis) -> std::optional<std::string> {
    if (std::none_of(analysis.findings.begin(), analysis.findings.end(),
                     [&](const core::Finding& f) { return WantsFix(f, options); })) {
      for (core::Finding& f : analysis.findings) MarkLegacy(analysis, &f);
      MarkLegacyOnlyValues(analysis);
      MarkRetiredClients(analysis, options.project.get());
      return std::nullopt;
    }
    std::string fixed = FixFile(analysis, options);
    MarkLegacyOnlyValues(analysis);
    MarkEntriesSetTooLate(analysis);
    MarkRetiredClients(analysis, options.project.get());
    MarkEntriesHandedToClients(analysis);
    return fixed;
  };
}

}  // namespace authshift::rewriters
