#pragma once
// From findings to fixes: the rewriters table (rule `fix:` name -> rewriter), run per file. A
// rewriter returns edits for the findings it can fix completely and a reason for each one it
// withholds; a fix is never partial. The edits of a file are resolved in one EditSet, applied to
// the original bytes, and the result is re-parsed: a fix that adds a parse error is withheld.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/edit.h"
#include "scanner/core/finding.h"
#include "scanner/core/source_file.h"
#include "scanner/languages/languages.h"

namespace authshift::rewriters {

// How Deluge fixes authenticate: a `connection:` (Zoho's recipe), or an
// `Authorization: Zoho-oauthtoken <the variable that held the token>` header.
enum class DelugeMode { kConnection, kHeader };

struct FixOptions {
  std::string deluge_connection;  // connection link name for every Deluge call; empty = per product
  std::map<std::string, std::string> deluge_connections;  // per product key (books, crm, …)
  DelugeMode deluge_mode = DelugeMode::kConnection;
  // Language id -> the expression a hard-coded token literal becomes (`.authshift.yml`
  // token-source); a language not listed uses its rewriter's default lookup of ZOHO_OAUTH_TOKEN.
  std::map<std::string, std::string> token_source;
  // `.authshift.yml` fix.rename-config-keys: config-key findings (zoho-authtoken-config,
  // authtoken-config-key) are renamed to their OAuth name (rewriters/config/config_rename.h);
  // false (the default): they stay report-only.
  bool rename_config_keys = false;
};

enum class FixStatus { kFixed, kWithheld, kReportOnly };
std::string_view FixStatusName(FixStatus s);  // "fixed", "withheld", "report-only"

struct FindingOutcome {
  size_t finding = 0;  // index into the findings passed in
  FixStatus status = FixStatus::kReportOnly;
  std::string detail;  // fixed: what the user must still do; withheld: why
};

struct FileFix {
  std::string path;
  std::string before;
  std::string after;  // == before when nothing was fixed
  std::vector<FindingOutcome> outcomes;  // one per finding of the file, in the order given
};

// True when FixFile hands `f` to a rewriter: a fixable finding, or (options.rename_config_keys) a
// config-key finding that is not suppressed and not a note (in a comment or documentation).
bool WantsFix(const core::Finding& f, const FixOptions& options);

// Names the rule pack may use in `fix:` (sorted).
const std::vector<std::string>& RewriterNames();

// Fixes what it can among `findings` (all of one file, whose bytes are `file`). Thread-safe.
FileFix FixFile(const core::SourceFile& file, const languages::Language& lang,
                const std::vector<core::Finding>& findings, const FixOptions& options);

// What one rewriter returns for one file.
struct RewriteResult {
  long source_parse_errors = -1;  // syntax errors of the original, when the rewriter parsed it
  std::vector<Edit> edits;
  std::vector<FindingOutcome> outcomes;  // for the findings handed to it
};

// One row of a rewriters table: a rule's `fix:` name and the function that fixes its findings.
using Rewriter = RewriteResult (*)(const core::SourceFile&, const languages::Language&,
                                   const std::vector<const core::Finding*>&, const FixOptions&);
struct RewriterRow {
  std::string_view name;
  Rewriter run;
};

// FixFile with another rewriters table (a seam for tests: a row that emits a broken fix exercises
// the re-parse check). FixFile uses the built-in table.
FileFix FixFileWith(const core::SourceFile& file, const languages::Language& lang,
                    const std::vector<core::Finding>& findings, const FixOptions& options,
                    const std::vector<RewriterRow>& table);

// Syntax errors of the language's own parser (Deluge, or tree-sitter's ERROR/MISSING nodes), or
// -1 when there is no parser to ask. `path` (C/C++: Clang's error count) locates the file's headers.
long ParseErrors(const languages::Language& lang, std::string_view text, std::string_view path = {});

}  // namespace authshift::rewriters
