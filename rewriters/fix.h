#pragma once
// From findings to fixes: the rewriters table (rule `fix:` name -> rewriter), run per file on the
// scan's own analysis of it (engine::FileAnalysis: bytes, language, facts, findings), inside the
// scan worker through FixSink. A rewriter returns edits for the findings it can fix completely and
// a reason for each one it withholds; a fix is never partial. The edits of a file are resolved in
// one EditSet, applied to the original bytes, and the new text is parsed: a fix that adds a syntax
// error is withheld. Each finding's outcome is written on the finding itself.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rewriters/edit.h"
#include "rewriters/linked_fix.h"
#include "rewriters/project_constants.h"
#include "scanner/core/finding.h"
#include "scanner/core/fix_outcome.h"
#include "scanner/core/source_file.h"
#include "scanner/engine/analysis.h"
#include "scanner/ir/facts.h"
#include "scanner/ir/js_runtime.h"
#include "scanner/languages/languages.h"

namespace authshift::rewriters {

// How Deluge fixes authenticate: a `connection:` (Zoho's recipe), or an
// `Authorization: Zoho-oauthtoken <the variable that held the token>` header.
enum class DelugeMode { kConnection, kHeader };
using core::FixStatus;
using core::FixStatusName;

struct FixOptions {
  std::string deluge_connection;  // connection link name for every Deluge call; empty = per product
  std::map<std::string, std::string> deluge_connections;  // per product key (books, crm, …)
  DelugeMode deluge_mode = DelugeMode::kConnection;
  // Language id -> the expression a hard-coded token literal becomes (`.authshift.yml`
  // token-source); a language not listed uses its rewriter's default lookup of ZOHO_OAUTH_TOKEN.
  // The value "refresh" puts the language in refresh mode (every fixed request sends the access
  // token of a helper file added next to the code, rewriters/oauth/common/refresh.h); "env" is
  // the default lookup. Key "*" (`token-source: refresh`, --token-source): every language's mode.
  std::map<std::string, std::string> token_source;
  // Language id -> "<module>:<function>": in refresh mode, the existing helper the fixes import and
  // call instead of adding one (`token-source: {python: {helper: "myapp.auth:get_token"}}`).
  std::map<std::string, std::string> token_helper;
  // `.authshift.yml` fix.rename-config-keys: config-key findings (zoho-authtoken-config,
  // authtoken-config-key) are renamed to their OAuth name (rewriters/config/config_rename.h);
  // false (the default): they stay report-only.
  bool rename_config_keys = false;
  // `.authshift.yml` fix.rename-options: a client option slot (`ZohoBooks(authtoken=t)`) is renamed
  // to `access_token` (rewriters/oauth/common/option_rename.cc); false (the default): report-only.
  bool rename_options = false;
  // The constants of the scan's other files (Java `Cls.NAME`), read on first use: what tells a
  // parameter map's `scope` key and value when they are declared elsewhere. Null: not consulted.
  std::shared_ptr<const ProjectConstants> project;
  // Where fixes that edit other files too are held until the scan ends (rewriters/linked_fix.h);
  // null (fix --staged, `authshift test`): such fixes are withheld.
  std::shared_ptr<LinkedFixes> linked;
};

// What a rewriter says about one of the findings handed to it.
struct FindingOutcome {
  size_t finding = 0;  // index into the findings handed to the rewriter
  FixStatus status = FixStatus::kReportOnly;
  std::string detail;  // fixed: what the user must still do; withheld: why
};

// True when FixFile hands `f` to a rewriter: a fixable finding, or (options.rename_config_keys) a
// config-key finding that is not suppressed and not a note (in a comment or documentation).
bool WantsFix(const core::Finding& f, const FixOptions& options);

// Names the rule pack may use in `fix:` (sorted): what the CLI gives the rule loader.
const std::vector<std::string>& RewriterNames();

// What a rewriter works on: one file's analysis, with whole-file facts. Not thread-safe (one file,
// one worker).
class FixInput {
 public:
  explicit FixInput(const engine::FileAnalysis& analysis) : a_(analysis) {}
  const core::SourceFile& file() const { return a_.source; }
  std::string_view src() const { return a_.source.bytes(); }
  const languages::Language& lang() const { return *a_.language; }
  // A JavaScript/TypeScript file the scan judged to run in a browser (scanner/ir/js_runtime.h).
  bool InBrowser() const { return a_.frontend_path == ir::kRuntimeBrowser; }
  // The whole file's facts: the scan's, or — when the scan built none or parsed only windows of a
  // very large file — built here once. Indexed.
  const ir::Facts& facts() const;

  // Where a finding sits in facts(): the fact its matcher recorded (core::FactIds). When the facts
  // were built here (the findings' ids refer to the scan's), the same fact found by its offsets.
  // The string literal a url-param / string-value finding lies in:
  std::optional<ir::ExprId> StringOf(const core::Finding& f) const;
  // The entry a map-entry / header finding reports:
  std::optional<uint32_t> EntryOf(const core::Finding& f) const;
  // The binding of a binding / binding-to-sink finding (one that binds a string literal):
  const ir::Binding* BindingOf(const core::Finding& f) const;
  // The concatenation `e` is a direct part of, and the outermost one it is part of; `e` itself
  // when it is part of none.
  ir::ExprId ParentOf(ir::ExprId e) const;
  ir::ExprId RootOf(ir::ExprId e) const;

 private:
  bool OwnFacts() const;  // facts() are built here, not the scan's
  const engine::FileAnalysis& a_;
  mutable std::optional<ir::Facts> own_;
  mutable std::optional<std::unordered_map<ir::ExprId, ir::ExprId>> parent_;  // part -> concatenation
};

// A file a fix adds next to the fixed one (the refresh helper): its base name and bytes.
struct AddedFile {
  std::string name;
  std::string data;
};

// What one rewriter returns for one file.
struct RewriteResult {
  std::vector<Edit> edits;
  std::vector<FindingOutcome> outcomes;  // for the findings handed to it
  std::vector<AddedFile> added;          // files the edits rely on (written unless they exist)
  // Findings whose fix edits other files too (no entry in `outcomes`, no edits in `edits`): held
  // in FixOptions::linked and made after the scan.
  std::vector<LinkedFix> linked;
};

// One row of a rewriters table: a rule's `fix:` name and the function that fixes its findings.
using Rewriter = RewriteResult (*)(const FixInput&, const std::vector<const core::Finding*>&, const FixOptions&);
struct RewriterRow {
  std::string_view name;
  Rewriter run;
};

// Fixes what it can among the analysis's findings: sets every finding's outcome (report-only for
// those it does not hand to a rewriter) and returns the file's text after the fixes (the original
// when nothing was fixed). Thread-safe for distinct analyses.
std::string FixFile(engine::FileAnalysis& analysis, const FixOptions& options);

// FixFile with another rewriters table (a seam for tests: a row that emits a broken fix exercises
// the re-parse check). FixFile uses the built-in table.
std::string FixFileWith(engine::FileAnalysis& analysis, const FixOptions& options,
                        const std::vector<RewriterRow>& table);

// The scan's sink for commands that need fixes: FixFile on each file with a finding to fix; the
// other files are left alone (their findings stay report-only).
engine::AnalysisSink FixSink(const FixOptions& options);

// Syntax errors of the language's own parser (frontends::CountSyntaxErrors: Deluge's, tree-sitter's
// ERROR/MISSING nodes for every tree-sitter language, C and C++ included), or -1 when there is no
// parser to ask. What FixFile's check compares, before and after.
long ParseErrors(const languages::Language& lang, std::string_view text);

}  // namespace authshift::rewriters
