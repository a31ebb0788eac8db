// FixFile's re-parse check through the rewriters-table seam: a rewriter that claims a fix but
// emits edits that break the file's syntax gets its findings withheld, and the file is unchanged.
#include <catch2/catch.hpp>

#include "rewriters/fix.h"
#include "scanner/languages/languages.h"

namespace rw = authshift::rewriters;
using authshift::core::Finding;
using authshift::core::SourceFile;

namespace {

// Claims every finding fixed and deletes the closing parenthesis of the first line.
rw::RewriteResult BreakingRewriter(const SourceFile& file, const authshift::languages::Language&,
                                   const std::vector<const Finding*>& findings,
                                   const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t close = file.bytes().find(')');
  r.edits.push_back({close, 1, "", "test-broken"});
  for (size_t i = 0; i < findings.size(); ++i)
    r.outcomes.push_back({i, rw::FixStatus::kFixed, "fixed"});
  return r;
}

// Claims every finding fixed and renames a variable: still valid syntax.
rw::RewriteResult HarmlessRewriter(const SourceFile& file, const authshift::languages::Language&,
                                   const std::vector<const Finding*>& findings,
                                   const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t at = file.bytes().find("token");
  r.edits.push_back({at, 5, "access_token", "test-ok"});
  for (size_t i = 0; i < findings.size(); ++i)
    r.outcomes.push_back({i, rw::FixStatus::kFixed, "fixed"});
  return r;
}

// Claims a fix whose detail quotes a hard-coded token, as a rewriter quoting source text might.
rw::RewriteResult QuotingRewriter(const SourceFile& file, const authshift::languages::Language&,
                                  const std::vector<const Finding*>& findings, const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t at = file.bytes().find("token");
  r.edits.push_back({at, 5, "access_token", "test-quote"});
  for (size_t i = 0; i < findings.size(); ++i)
    r.outcomes.push_back({i, rw::FixStatus::kFixed, "'\"0123456789abcdef0123456789abcdef\"' must now hold an OAuth access token"});
  return r;
}

Finding FindingFor(const std::string& fix) {
  Finding f;
  f.rule_id = "test-rule";
  f.fixable = true;
  f.fix = fix;
  return f;
}

}  // namespace

TEST_CASE("a fix that adds a parse error is withheld, per language parser", "[fix][reparse]") {
  const std::vector<rw::RewriterRow> table = {{"test-broken", BreakingRewriter},
                                              {"test-ok", HarmlessRewriter}};
  struct Case {
    const char* lang;
    const char* source;
  };
  const Case cases[] = {
      {"python", "r = requests.get(url, timeout=30)\nprint(token)\n"},
      {"javascript", "const r = fetch(url);\nconsole.log(token);\n"},
      {"typescript", "const r = fetch(url);\nconsole.log(token);\n"},
      {"php", "<?php\n$r = file_get_contents($url);\necho $token;\n"},
      {"ruby", "r = Net::HTTP.get(uri)\nputs token\n"},
      {"go", "package main\n\nfunc main() {\n\tr := get(url)\n\tprintln(token, r)\n}\n"},
      {"deluge", "r = getUrl(url);\ninfo token;\n"},
  };
  for (const Case& c : cases) {
    INFO(c.lang);
    const auto* lang = authshift::languages::ById(c.lang);
    REQUIRE(lang != nullptr);
    SourceFile file("f", c.source);
    CHECK(rw::ParseErrors(*lang, c.source) == 0);
    auto broken = rw::FixFileWith(file, *lang, {FindingFor("test-broken")}, {}, table);
    REQUIRE(broken.outcomes.size() == 1);
    CHECK(broken.outcomes[0].status == rw::FixStatus::kWithheld);
    CHECK(broken.outcomes[0].detail == "the fix would add a syntax error; fix it by hand");
    CHECK(broken.after == broken.before);
    auto ok = rw::FixFileWith(file, *lang, {FindingFor("test-ok")}, {}, table);
    REQUIRE(ok.outcomes.size() == 1);
    CHECK(ok.outcomes[0].status == rw::FixStatus::kFixed);
    CHECK(ok.after != ok.before);
  }
}

TEST_CASE("a file that already had parse errors may keep them, but not gain more",
          "[fix][reparse]") {
  const std::vector<rw::RewriterRow> table = {{"test-broken", BreakingRewriter},
                                              {"test-ok", HarmlessRewriter}};
  const auto* py = authshift::languages::ById("python");
  REQUIRE(py != nullptr);
  std::string src = "r = requests.get(url, timeout=30)\nprint(token)\ndef broken(:\n";
  SourceFile file("f.py", src);
  CHECK(rw::ParseErrors(*py, src) > 0);
  CHECK(rw::FixFileWith(file, *py, {FindingFor("test-ok")}, {}, table).outcomes[0].status ==
        rw::FixStatus::kFixed);
  CHECK(rw::FixFileWith(file, *py, {FindingFor("test-broken")}, {}, table).outcomes[0].status ==
        rw::FixStatus::kWithheld);
}

TEST_CASE("a language without a parser reports -1 parse errors", "[fix][reparse]") {
  const auto* text = authshift::languages::ById("text");
  REQUIRE(text != nullptr);
  CHECK(rw::ParseErrors(*text, "anything (") == -1);
}

TEST_CASE("outcome details never carry a secret-shaped value, whatever the rewriter wrote", "[fix]") {
  const std::vector<rw::RewriterRow> table = {{"test-quote", QuotingRewriter}};
  const auto* lang = authshift::languages::ById("python");
  REQUIRE(lang != nullptr);
  SourceFile file("f", "print(token)\n");
  auto fixed = rw::FixFileWith(file, *lang, {FindingFor("test-quote")}, {}, table);
  REQUIRE(fixed.outcomes.size() == 1);
  CHECK(fixed.outcomes[0].status == rw::FixStatus::kFixed);
  CHECK(fixed.outcomes[0].detail == "'\"0123********\"' must now hold an OAuth access token");
}
