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
rw::RewriteResult BreakingRewriter(const rw::FixInput& in, const std::vector<const Finding*>& findings,
                                   const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t close = in.src().find(')');
  r.edits.push_back({close, 1, "", "test-broken"});
  for (size_t i = 0; i < findings.size(); ++i)
    r.outcomes.push_back({i, rw::FixStatus::kFixed, "fixed"});
  return r;
}

// Claims every finding fixed and renames a variable: still valid syntax.
rw::RewriteResult HarmlessRewriter(const rw::FixInput& in, const std::vector<const Finding*>& findings,
                                   const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t at = in.src().find("token");
  r.edits.push_back({at, 5, "access_token", "test-ok"});
  for (size_t i = 0; i < findings.size(); ++i)
    r.outcomes.push_back({i, rw::FixStatus::kFixed, "fixed"});
  return r;
}

// Claims a fix whose detail quotes a hard-coded token, as a rewriter quoting source text might.
rw::RewriteResult QuotingRewriter(const rw::FixInput& in, const std::vector<const Finding*>& findings,
                                  const rw::FixOptions&) {
  rw::RewriteResult r;
  size_t at = in.src().find("token");
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

// What FixFileWith made of one finding of `source`: the new text and the finding's outcome.
struct Fixed {
  std::string before;
  std::string after;
  authshift::core::FixOutcome outcome;
};

Fixed FixOne(const char* path, const std::string& source, const authshift::languages::Language& lang,
             const std::string& fix, const std::vector<rw::RewriterRow>& table) {
  authshift::engine::FileAnalysis a(SourceFile(path, source), lang);
  a.findings = {FindingFor(fix)};
  std::string after = rw::FixFileWith(a, {}, table);
  return {source, after, a.findings[0].outcome};
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
      // C and C++: the check is tree-sitter's syntax, before and after (no second compile).
      {"c", "int get(const char *u);\nint f(const char *url, const char *token) { return get(url) + get(token); }\n"},
      {"cpp", "int get(const char *u);\nint f(const char *url, const char *token) { return get(url) + get(token); }\n"},
  };
  for (const Case& c : cases) {
    INFO(c.lang);
    const auto* lang = authshift::languages::ById(c.lang);
    REQUIRE(lang != nullptr);
    CHECK(rw::ParseErrors(*lang, c.source) == 0);
    Fixed broken = FixOne("f", c.source, *lang, "test-broken", table);
    CHECK(broken.outcome.status == rw::FixStatus::kWithheld);
    CHECK(broken.outcome.detail == "the fix would add a syntax error; fix it by hand");
    CHECK(broken.after == broken.before);
    Fixed ok = FixOne("f", c.source, *lang, "test-ok", table);
    CHECK(ok.outcome.status == rw::FixStatus::kFixed);
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
  CHECK(rw::ParseErrors(*py, src) > 0);
  CHECK(FixOne("f.py", src, *py, "test-ok", table).outcome.status == rw::FixStatus::kFixed);
  CHECK(FixOne("f.py", src, *py, "test-broken", table).outcome.status == rw::FixStatus::kWithheld);
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
  Fixed fixed = FixOne("f", "print(token)\n", *lang, "test-quote", table);
  CHECK(fixed.outcome.status == rw::FixStatus::kFixed);
  CHECK(fixed.outcome.detail == "'\"0123********\"' must now hold an OAuth access token");
}
