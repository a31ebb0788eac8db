#pragma once
// FileAnalysis: the engine's result for one file — its bytes, language, IR facts and findings —
// and the sink through which the command works on it inside the scan worker (the fixes), so that
// nothing is read, parsed or lowered twice. Findings of IR rules carry the ids of the facts their
// matcher used (core::FactIds), valid for this analysis's facts.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/core/source_file.h"
#include "scanner/ir/facts.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {

struct FileAnalysis {
  FileAnalysis(core::SourceFile file, const languages::Language& lang) : source(std::move(file)), language(&lang) {}

  core::SourceFile source;
  const languages::Language* language = nullptr;  // never null once analysed
  // The facts the IR rules ran on; nullopt when no IR rule was a candidate. For a file over the
  // whole-parse limit they cover only windows around keyword hits (`whole_facts` false).
  std::optional<ir::Facts> facts;
  bool whole_facts = false;
  size_t syntax_errors = 0;  // syntax errors the frontend met building `facts`
  bool degraded = false;     // the frontend fell back (C/C++ with missing headers)
  // What `--verbose` reports of the frontend: for C/C++ the path that lowered the file ("clang",
  // "tree-sitter", "tree-sitter (headers missing)"), for JavaScript/TypeScript where it runs
  // (ir/js_runtime.h); `frontend_family` names which ("C/C++", "JavaScript").
  std::string_view frontend_family;
  std::string_view frontend_path;
  // The structural stage spent the file's CPU budget (core/budget.h): only the text rules'
  // findings are reported, `facts` is empty, and no fix is made.
  bool budget_exceeded = false;
  size_t findings_over_limit = 0;  // findings not reported: over kMaxFindingsPerLine/PerFile
  std::string first_syntax_error;  // "line:column: message" when the frontend reports it (Deluge)
  std::vector<core::Finding> findings;  // sorted by FindingLess, fingerprints final
  bool zoho_context = false;  // the file is about Zoho (scanner/ir/zoho_context.h)
  // `context: zoho` findings of a file that is not itself about Zoho, kept out of `findings`: they
  // stand when another file of the scan is (ScanListed); the sink does not see them.
  std::vector<core::Finding> context_pending;
  // Files the sink's fix relies on, to be added next to this one (the refresh helper): path (in the
  // same form as source.path()) -> bytes; written only when no file of that path exists.
  std::vector<std::pair<std::string, std::string>> added_files;
};

// Called in the scan worker for each file with findings, once they are final (after
// ScanOptions::keep_finding): may set each finding's outcome, and returns the file's new text
// when it changes it (nullopt: unchanged). Must be thread-safe.
using AnalysisSink = std::function<std::optional<std::string>(FileAnalysis& analysis)>;

}  // namespace authshift::engine
