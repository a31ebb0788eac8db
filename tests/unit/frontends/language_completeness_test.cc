// A tree-sitter language is one file pair (scanner/frontends/treesitter/lang/<id>.{cc,scm}) plus
// rows in explicit tables. This test fails when a registered language misses one of its pieces,
// and when the README's "How to add a language" checklist names a file that does not exist.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "rewriters/oauth/common/context.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/frontends/frontends.h"
#include "scanner/frontends/treesitter/grammars.h"
#include "scanner/frontends/treesitter/language.h"
#include "scanner/languages/languages.h"
#include "tests/test_util.h"

namespace fs = std::filesystem;
namespace ts = authshift::frontends::treesitter;
using authshift::testing::ReadAll;
using authshift::testing::SourceDir;

namespace {

const fs::path kLangDir = "scanner/frontends/treesitter/lang";

// Languages that have no OAuth rewriter profile on purpose: data files hold no request code to
// rewrite (their findings are reported, and config keys are renamed by the config fixer).
const std::set<std::string_view> kNoRewriterProfile = {"json", "yaml"};

std::vector<fs::path> FilesIn(const fs::path& dir, std::string_view ext) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(SourceDir()) / dir)) {
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The language ids with at least one fixture under fixtures/rules that expects a finding.
std::set<std::string> LanguagesWithFixtures() {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SourceDir()) / "fixtures/rules")) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    if (name.find(".fixed") != std::string::npos || name == "README.md") continue;
    const std::string content = ReadAll(e.path().string());
    if (content.find("ruleid:") == std::string::npos) continue;
    out.insert(std::string(authshift::languages::Detect(e.path().string(), content).id));
  }
  return out;
}

}  // namespace

TEST_CASE("tree-sitter rows are sorted and each is defined in lang/", "[languages-complete]") {
  const auto rows = ts::AllLanguageRows();
  REQUIRE_FALSE(rows.empty());
  for (size_t i = 1; i < rows.size(); ++i) {
    INFO(rows[i]->id);
    CHECK(rows[i - 1]->id < rows[i]->id);
  }
  // Every lang/*.cc defines at least one row, and every row is defined in one lang/*.cc.
  std::map<std::string, int> defined;
  const std::regex row_id(R"re(\.id = "([a-z_]+)")re");
  for (const fs::path& cc : FilesIn(kLangDir, ".cc")) {
    const std::string text = ReadAll(cc.string());
    int count = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), row_id); it != std::sregex_iterator(); ++it) {
      ++defined[(*it)[1].str()];
      ++count;
    }
    INFO(cc.string());
    CHECK(count > 0);
  }
  for (const ts::LanguageRow* row : rows) {
    INFO(row->id);
    CHECK(defined[std::string(row->id)] == 1);
    CHECK(ts::FindLanguageRow(row->id) == row);
  }
  CHECK(defined.size() == rows.size());
}

TEST_CASE("every tree-sitter language has all its pieces", "[languages-complete]") {
  std::set<std::string> used_queries;
  const std::set<std::string> fixtures = LanguagesWithFixtures();
  for (const ts::LanguageRow* row : ts::AllLanguageRows()) {
    const std::string id(row->id);
    INFO("language " << id);
    // Detection: a row in scanner/languages naming a linked, loadable grammar.
    const authshift::languages::Language* lang = authshift::languages::ById(id);
    REQUIRE(lang != nullptr);
    CHECK_FALSE((lang->extensions.empty() && lang->file_names.empty() && lang->shebangs.empty()));
    CHECK(ts::IsAbiCompatible(ts::GrammarFor(*row)));
    // Lowering: a decoder and query files in lang/ that compile with the grammar.
    CHECK(row->decode != nullptr);
    CHECK_FALSE(row->queries[0].empty());
    for (std::string_view q : row->queries) {
      if (q.empty()) continue;
      used_queries.insert(std::string(q));
      CHECK(fs::is_regular_file(fs::path(SourceDir()) / kLangDir / q));
    }
    CHECK_NOTHROW(ts::QueryFor(*row));
    // The frontends table finds it.
    CHECK(authshift::frontends::HasFrontend(id));
    // Fixtures: at least one file in the language that expects a finding.
    CHECK(fixtures.count(id) == 1);
    // Fixes: an OAuth rewriter profile (request idioms, token lookup), unless a data language.
    if (kNoRewriterProfile.count(id) == 0) CHECK(authshift::rewriters::oauth::ProfileFor(id) != nullptr);
  }
  // No stray query file.
  for (const fs::path& scm : FilesIn(kLangDir, ".scm")) {
    INFO(scm.string());
    CHECK(used_queries.count(scm.filename().string()) == 1);
  }
}

TEST_CASE("OAuth rewriter profiles are sorted and each is defined in its language's file", "[languages-complete]") {
  namespace oauth = authshift::rewriters::oauth;
  const auto profiles = oauth::AllProfiles();
  REQUIRE_FALSE(profiles.empty());
  for (size_t i = 1; i < profiles.size(); ++i) {
    INFO(profiles[i]->id);
    CHECK(profiles[i - 1]->id < profiles[i]->id);
  }
  std::map<std::string, int> defined;
  const std::regex row(R"re(extern const LanguageProfile \w+ = \{"([a-z_]+)")re");
  for (const fs::path& cc : FilesIn("rewriters/oauth", ".cc")) {
    if (cc.filename() == "profiles.cc") continue;
    const std::string text = ReadAll(cc.string());
    int count = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator(); ++it) {
      ++defined[(*it)[1].str()];
      ++count;
    }
    INFO(cc.string());
    CHECK(count > 0);
  }
  for (const oauth::LanguageProfile* p : profiles) {
    INFO(p->id);
    CHECK(defined[std::string(p->id)] == 1);
    CHECK(oauth::ProfileFor(p->id) == p);
    CHECK(authshift::frontends::HasFrontend(p->id));
    CHECK_FALSE(p->token_lookup.empty());
  }
  CHECK(defined.size() == profiles.size());
}

TEST_CASE("every grammar a language names is linked and lowered", "[languages-complete]") {
  for (const authshift::languages::Language& lang : authshift::languages::All()) {
    if (lang.grammar.empty()) continue;
    INFO("language " << lang.id << ", grammar " << lang.grammar);
    CHECK(ts::GrammarByName(lang.grammar) != nullptr);
    CHECK(authshift::frontends::HasFrontend(lang.id));
  }
}

TEST_CASE("rules written for every parsed language list every tree-sitter language", "[languages-complete]") {
  authshift::engine::RuleSet set;
  std::vector<std::string> errors;
  REQUIRE(authshift::engine::LoadRules({}, &set, &errors));
  std::set<std::string> code;  // tree-sitter languages with a rewriter profile: source code
  std::set<std::string> all;
  for (const ts::LanguageRow* row : ts::AllLanguageRows()) {
    all.insert(std::string(row->id));
    if (kNoRewriterProfile.count(row->id) == 0) code.insert(std::string(row->id));
  }
  int generic = 0;
  for (const auto& rule : set.rules) {
    const std::set<std::string> langs(rule->languages.begin(), rule->languages.end());
    const bool names_code = std::any_of(langs.begin(), langs.end(), [&](const std::string& l) { return code.count(l) != 0; });
    if (!names_code) continue;
    ++generic;
    for (const std::string& id : all) {
      INFO("rule " << rule->id << " lacks language " << id);
      CHECK(langs.count(id) == 1);
    }
  }
  CHECK(generic >= 4);  // authtoken-header, -literal, -param-map, -url-param
}

TEST_CASE("README's add-a-language checklist names files that exist", "[languages-complete]") {
  const std::string readme = ReadAll(SourceDir() + "/README.md");
  const size_t begin = readme.find("## How to add a language");
  REQUIRE(begin != std::string::npos);
  const size_t end = readme.find("\n## ", begin + 1);
  const std::string section = readme.substr(begin, end - begin);
  const std::regex path(R"(`([A-Za-z_./<>-]+/[A-Za-z_./<>-]+)`)");
  int paths = 0;
  for (auto it = std::sregex_iterator(section.begin(), section.end(), path); it != std::sregex_iterator(); ++it) {
    std::string p = (*it)[1].str();
    if (p.find("<lang>") != std::string::npos || p.find('<') != std::string::npos) {
      // A template: it must exist for an existing language.
      p = std::regex_replace(p, std::regex("<lang>"), "python");
      p = std::regex_replace(p, std::regex("<rule>"), "authtoken-header");
    }
    INFO(p);
    CHECK(fs::exists(fs::path(SourceDir()) / p));
    ++paths;
  }
  CHECK(paths >= 8);
}

TEST_CASE("the rule schema's language enum is the languages table", "[languages-complete]") {
  const std::string schema = ReadAll(SourceDir() + "/rules/schema/rule.schema.json");
  const size_t at = schema.find("\"languages\": {");
  REQUIRE(at != std::string::npos);
  const size_t open = schema.find("\"enum\": [", at);
  const size_t close = schema.find(']', open);
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  const std::string list = schema.substr(open, close - open);
  std::set<std::string> in_schema;
  const std::regex item("\"([a-z_]+)\"");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), item); it != std::sregex_iterator(); ++it) {
    if ((*it)[1].str() != "enum") in_schema.insert((*it)[1].str());
  }
  std::set<std::string> expected = {"any"};
  for (const authshift::languages::Language& lang : authshift::languages::All()) expected.insert(std::string(lang.id));
  CHECK(in_schema == expected);
}
