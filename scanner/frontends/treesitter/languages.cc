#include <algorithm>
#include <array>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "scanner/core/embedded.h"
#include "scanner/core/profile.h"
#include "scanner/frontends/treesitter/grammars.h"
#include "scanner/frontends/treesitter/language.h"
#include "scanner/languages/languages.h"

namespace authshift::frontends::treesitter {

// Generated from lang/*.scm by cmake/EmbedFiles.cmake (see CMakeLists.txt).
const std::vector<core::EmbeddedFile>& LoweringQueryFiles();

// Each defined in lang/<file>.cc, next to its decoder.
namespace lang {
extern const LanguageRow kBash;        // bash.cc
extern const LanguageRow kC;           // c.cc
extern const LanguageRow kCpp;         // c.cc
extern const LanguageRow kCSharp;      // csharp.cc
extern const LanguageRow kGo;          // go.cc
extern const LanguageRow kJava;        // java.cc
extern const LanguageRow kJavaScript;  // javascript.cc
extern const LanguageRow kJson;        // json.cc
extern const LanguageRow kPhp;         // php.cc
extern const LanguageRow kPython;      // python.cc
extern const LanguageRow kRuby;        // ruby.cc
extern const LanguageRow kTsx;         // javascript.cc
extern const LanguageRow kTypeScript;  // javascript.cc
extern const LanguageRow kYaml;        // yaml.cc
}  // namespace lang

namespace {

// Sorted by id (FindLanguageRow binary-searches it; tests/unit/frontends/language_completeness_test
// checks the order and that every row has all its pieces).
constexpr const LanguageRow* kRows[] = {
    &lang::kBash,
    &lang::kC,
    &lang::kCpp,
    &lang::kCSharp,
    &lang::kGo,
    &lang::kJava,
    &lang::kJavaScript,
    &lang::kJson,
    &lang::kPhp,
    &lang::kPython,
    &lang::kRuby,
    &lang::kTsx,
    &lang::kTypeScript,
    &lang::kYaml,
};
constexpr size_t kRowCount = std::size(kRows);

}  // namespace

std::span<const LanguageRow* const> AllLanguageRows() { return kRows; }

const LanguageRow* FindLanguageRow(std::string_view id) {
  const auto it = std::lower_bound(std::begin(kRows), std::end(kRows), id,
                                   [](const LanguageRow* row, std::string_view key) { return row->id < key; });
  if (it == std::end(kRows) || (*it)->id != id) return nullptr;
  return *it;
}

const TSLanguage* GrammarFor(const LanguageRow& row) {
  const languages::Language* language = languages::ById(row.id);
  return language == nullptr ? nullptr : GrammarByName(language->grammar);
}

std::string QueryText(const LanguageRow& row) {
  std::string text;
  for (std::string_view name : row.queries) {
    if (name.empty()) continue;
    bool found = false;
    for (const core::EmbeddedFile& f : LoweringQueryFiles()) {
      if (f.name == name) {
        text += f.data;
        text += '\n';
        found = true;
      }
    }
    if (!found) throw std::logic_error("tree-sitter lowering: no embedded query file " + std::string(name));
  }
  return text;
}

const CompiledQuery& QueryFor(const LanguageRow& row) {
  // Compiled once per language, on first use (query analysis costs tens of milliseconds).
  static std::array<std::once_flag, kRowCount> once;
  static std::array<CompiledQuery, kRowCount> compiled;
  const auto i = static_cast<size_t>(std::find(std::begin(kRows), std::end(kRows), &row) - std::begin(kRows));
  if (i == kRowCount) throw std::logic_error("tree-sitter lowering: a row outside the table: " + std::string(row.id));
  std::call_once(once[i], [&] {
    const TSLanguage* language = GrammarFor(row);
    if (language == nullptr) throw std::logic_error("tree-sitter lowering: no grammar for " + std::string(row.id));
    core::StageTimer timer(core::Stage::kQueries, row.id);
    compiled[i] = CompileQuery(language, QueryText(row), "lowering query for " + std::string(row.id));
  });
  return compiled[i];
}

}  // namespace authshift::frontends::treesitter
