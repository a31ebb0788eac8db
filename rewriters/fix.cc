#include "rewriters/fix.h"

#include <map>

#include "rewriters/config/config_rename.h"
#include "rewriters/deluge/deluge_fixer.h"
#include "rewriters/oauth/oauth.h"
#include "scanner/core/redact.h"
#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/frontends.h"
#include "scanner/frontends/treesitter/lower.h"

namespace authshift::rewriters {
namespace {

RewriteResult DelugeFix(const core::SourceFile& file, const languages::Language&,
                        const std::vector<const core::Finding*>& findings, const FixOptions& options) {
  return deluge::Fix(file, findings, options);
}

// The rewriters table, sorted by name: a rule's `fix:` names one row.
const std::vector<RewriterRow>& Rewriters() {
  static const std::vector<RewriterRow> kRewriters = {
      {"config-rename", config_rename::Fix},  // config keys; only with options.rename_config_keys
      {"deluge-connection", DelugeFix},
      {"oauth-header", oauth::Fix},
  };
  return kRewriters;
}

}  // namespace

long ParseErrors(const languages::Language& lang, std::string_view text, std::string_view path) {
  if (lang.id == "deluge") return static_cast<long>(frontends::deluge::Parse(text).errors.size());
  // Tree-sitter languages: a parse and a count, no lowering (the facts are not needed here). C/C++
  // go through their frontend below even though tree-sitter has rows for them.
  const bool cfamily = lang.id == "c" || lang.id == "cpp";
  if (!cfamily && frontends::treesitter::HasLowering(lang.id))
    return frontends::treesitter::CountSyntaxErrors(lang.id, text);
  size_t errors = 0;
  // C/C++: Clang's error count, with the file's path so its own headers are found; in a build
  // without Clang, tree-sitter's syntax errors (the fix check is then syntax only).
  frontends::BuildContext build{path, false, {}};
  if (frontends::HasFrontend(lang.id) && frontends::BuildFacts(lang.id, text, &errors, &build))
    return static_cast<long>(errors);
  return -1;
}

std::string_view FixStatusName(FixStatus s) {
  switch (s) {
    case FixStatus::kFixed:
      return "fixed";
    case FixStatus::kWithheld:
      return "withheld";
    case FixStatus::kReportOnly:
      return "report-only";
  }
  return "report-only";
}

bool WantsFix(const core::Finding& f, const FixOptions& options) {
  if (f.fixable && f.fix != "none") return true;
  return options.rename_config_keys && !f.suppressed && f.severity != core::Severity::kNote &&
         config_rename::IsConfigKeyRule(f.rule_id);
}

const std::vector<std::string>& RewriterNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (const RewriterRow& r : Rewriters()) v.emplace_back(r.name);
    return v;
  }();
  return kNames;
}

FileFix FixFile(const core::SourceFile& file, const languages::Language& lang,
                const std::vector<core::Finding>& findings, const FixOptions& options) {
  return FixFileWith(file, lang, findings, options, Rewriters());
}

FileFix FixFileWith(const core::SourceFile& file, const languages::Language& lang,
                    const std::vector<core::Finding>& findings, const FixOptions& options,
                    const std::vector<RewriterRow>& table) {
  FileFix out;
  out.path = file.path();
  out.before = std::string(file.bytes());
  out.after = out.before;
  out.outcomes.resize(findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    out.outcomes[i] = {i, FixStatus::kReportOnly, ""};
  }
  std::map<std::string_view, std::vector<size_t>> by_rewriter;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (!WantsFix(findings[i], options)) continue;
    // Config keys are report-only rules; `.authshift.yml` fix.rename-config-keys opts in to renames.
    if (!findings[i].fixable && config_rename::IsConfigKeyRule(findings[i].rule_id)) {
      by_rewriter["config-rename"].push_back(i);
      continue;
    }
    by_rewriter[findings[i].fix].push_back(i);
  }
  EditSet edits;
  std::vector<size_t> fixed;
  long before_errors = -1;  // from the rewriter's own parse when it did one: no second parse
  for (const auto& [name, indices] : by_rewriter) {
    const RewriterRow* row = nullptr;
    for (const RewriterRow& r : table) {
      if (r.name == name) row = &r;
    }
    if (row == nullptr) {
      for (size_t i : indices) out.outcomes[i] = {i, FixStatus::kWithheld, "unknown rewriter '" + std::string(name) + "'"};
      continue;
    }
    std::vector<const core::Finding*> subset;
    for (size_t i : indices) subset.push_back(&findings[i]);
    RewriteResult r = row->run(file, lang, subset, options);
    if (r.source_parse_errors >= 0) before_errors = r.source_parse_errors;
    for (const auto& o : r.outcomes) {
      size_t i = indices[o.finding];
      // Details quote source text (a token expression, a constant's name); whatever a rewriter
      // writes, no secret-shaped value leaves through them.
      out.outcomes[i] = {i, o.status, core::RedactAll(o.detail)};
      if (o.status == FixStatus::kFixed) fixed.push_back(i);
    }
    for (auto& e : r.edits) edits.Add(std::move(e));
  }
  if (fixed.empty()) return out;
  auto withhold_all = [&](const std::string& why) {
    for (size_t i : fixed) out.outcomes[i] = {i, FixStatus::kWithheld, why};
    out.after = out.before;
  };
  std::string err;
  if (!edits.Resolve(&err)) {
    withhold_all("conflicting edits: " + err);
    return out;
  }
  out.after = edits.Apply(out.before);
  // A fix that adds a parse error is withheld.
  if (before_errors < 0) before_errors = ParseErrors(lang, out.before, file.path());
  long after_errors = ParseErrors(lang, out.after, file.path());
  if (after_errors > before_errors) withhold_all("the fix would add a syntax error; fix it by hand");
  return out;
}

}  // namespace authshift::rewriters
