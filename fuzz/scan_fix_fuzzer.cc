// The whole scan -> fix -> rescan loop as a property, on one file whose language the first byte
// picks:
//  - a fix never adds a syntax error (the language's own parser counts them before and after);
//  - fixing the fixed file again changes nothing (re-fix is a no-op);
//  - no token-shaped secret of the input appears in any report (text with fix previews, JSON,
//    SARIF with its fixes).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "fuzz/fuzz_util.h"
#include "rewriters/fix.h"
#include "scanner/core/redact.h"
#include "scanner/engine/prefilter.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/report/report.h"

namespace {

using namespace authshift;

const engine::RuleSet& Rules() {
  static const engine::RuleSet* rules = [] {
    auto* r = new engine::RuleSet;
    std::vector<std::string> errors;
    engine::LoadOptions options;
    options.fix_names = rewriters::RewriterNames();
    fuzz::Check(engine::LoadRules(options, r, &errors), "the default rules load");
    return r;
  }();
  return *rules;
}

// The token-shaped secrets RedactText masks in `text` (an Authtoken's 32 letters and digits, a
// `1000.` OAuth token) that occur nowhere else in it unmasked (inside a longer run, say): none of
// them may be printed. Values of secret-named keys are masked too, but are not checked here: a
// "value" such as "/oauth/v2/token" legitimately appears in the rules' help.
std::vector<std::string> Secrets(std::string_view text) {
  static const RE2 kTokenShaped("[0-9A-Za-z]{32}|1000\\.[0-9A-Za-z]{8,}(?:\\.[0-9A-Za-z]{8,})?");
  std::vector<core::MaskSpan> spans = core::SecretSpans(text, {});
  std::vector<std::string> out;
  for (const core::MaskSpan& s : spans) {
    std::string value(text.substr(s.begin, s.end - s.begin));
    if (!RE2::FullMatch(value, kTokenShaped)) continue;
    bool always_masked = true;
    for (size_t pos = text.find(value); pos != std::string_view::npos && always_masked; pos = text.find(value, pos + 1)) {
      bool covered = false;
      for (const core::MaskSpan& t : spans) covered = covered || (t.begin <= pos && pos + value.size() <= t.end);
      always_masked = covered;
    }
    if (always_masked) out.push_back(value);
  }
  return out;
}

std::string PathFor(const languages::Language& lang) {
  if (!lang.extensions.empty()) return "src/f" + std::string(lang.extensions.front());
  if (!lang.file_names.empty()) return "src/" + std::string(lang.file_names.front());
  return "src/f.txt";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const engine::RuleSet& rules = Rules();
  static const engine::Prefilter prefilter(rules);
  std::string_view id = fuzz::kScanLanguages[data[0] % std::size(fuzz::kScanLanguages)];
  const languages::Language* lang = languages::ById(id);
  fuzz::Check(lang != nullptr, "the language exists");
  std::string path = PathFor(*lang);
  std::string before(reinterpret_cast<const char*>(data + 1), size - 1);
  engine::FileAnalysis analysis = engine::AnalyzeSource(core::SourceFile(path, before), *lang, rules, prefilter);
  const std::string after = rewriters::FixFile(analysis, {});
  engine::ScanResult result;
  result.root = "/repo";
  result.findings = analysis.findings;
  if (after != before) result.changes.push_back(core::FileChange{path, before, after});

  // No secret in any output.
  std::ostringstream out;
  report::TextOptions text;
  report::WriteText(result, text, out);
  report::WriteJson(result, "0", out);
  report::SarifOptions sarif;
  report::WriteSarif(result, rules, "0", sarif, out);
  std::string printed = out.str();
  for (const std::string& secret : Secrets(before)) {
    size_t at = printed.find(secret);
    if (at != std::string::npos) {
      std::fprintf(stderr, "secret %s printed in: %s\n", secret.c_str(),
                   printed.substr(at > 200 ? at - 200 : 0, 300).c_str());
    }
    fuzz::Check(at == std::string::npos, "no secret in any output");
  }

  if (after == before) return 0;
  // A fix never breaks a parse.
  long errors_before = rewriters::ParseErrors(*lang, before);
  long errors_after = rewriters::ParseErrors(*lang, after);
  if (errors_before >= 0) fuzz::Check(errors_after <= errors_before, "a fix never adds a syntax error");
  // Re-fix is a no-op.
  engine::FileAnalysis again = engine::AnalyzeSource(core::SourceFile(path, after), *lang, rules, prefilter);
  fuzz::Check(rewriters::FixFile(again, {}) == after, "fixing the fixed file changes nothing");
  return 0;
}
