// The YAML CI-script lowering (scanner/frontends/yaml_scripts.h) and the INI/TOML section frontend
// (scanner/frontends/text/sections.h): exact facts.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/frontends.h"
#include "scanner/frontends/text/sections.h"
#include "scanner/frontends/yaml_scripts.h"

#include "tests/unit/frontends/lower_test_util.h"

using namespace authshift::testing::lowering;  // NOLINT(google-build-using-namespace): test helpers
using authshift::frontends::text::LowerSections;
using authshift::frontends::text::SectionDialect;

namespace {

Facts Yaml(const std::string& src) {
  auto f = authshift::frontends::BuildFacts("yaml", src);
  REQUIRE(f.has_value());
  return std::move(*f);
}

// The string value of the only curl call's first positional argument, flattened.
std::string CurlUrl(const Facts& f, const std::string& src) {
  const auto& c = CallTo(f, "curl");
  for (const auto& a : c.args) {
    if (a.name == "url") return Joined(f, a.value, src);
  }
  FAIL("curl without url");
  return {};
}

}  // namespace

TEST_CASE("yaml run: block scripts are lowered as Bash with offsets into the YAML file", "[yaml-scripts]") {
  const std::string src =
      "jobs:\n"
      "  export:\n"
      "    env:\n"
      "      ORG: \"20071234567\"\n"
      "    steps:\n"
      "      - run: |\n"
      "          BASE=\"https://books.zoho.com/api/v3\"\n"
      "          curl -sf \\\n"
      "            \"$BASE/invoices?organization_id=${ORG}&authtoken=${{ secrets.T }}\"\n";
  Facts f = Yaml(src);
  CHECK(CurlUrl(f, src) == "https://books.zoho.com/api/v3/invoices?organization_id=20071234567&authtoken=@");
  const auto& base = BindingOf(f, "BASE");
  CHECK(At(src, base.span) == "BASE=\"https://books.zoho.com/api/v3\"");
  // Each script is a scope of its own under the file scope.
  CHECK(base.scope != 0);
  CHECK(f.scope_parent[base.scope] == 0);
  // The env key is also bound by its bare name in the file scope.
  CHECK(f.at(BindingOf(f, "ORG").value).text == "20071234567");
  CHECK(BindingOf(f, "ORG").scope == 0);
}

TEST_CASE("yaml script ranges: block lines without indentation, one-line flow scalars", "[yaml-scripts]") {
  const std::string src =
      "a:\n"
      "  run: |\n"
      "    echo one\n"
      "\n"
      "      echo two\n"
      "  script:\n"
      "    - curl 'https://x.example'\n"
      "    - 'echo it''s'\n"
      "    - \"printf \\\"x\\\"\"\n"
      "  bash: echo plain\n"
      "  other: echo not a script\n";
  auto yaml = authshift::frontends::treesitter::LowerWithTreeSitter("yaml", src);
  REQUIRE(yaml.has_value());
  auto ranges_of = [&](const std::string& key) {
    std::vector<std::string> out;
    for (const auto& b : yaml->bindings) {
      if (b.name != key) continue;
      std::vector<ExprId> values = {b.value};
      if (yaml->at(b.value).kind == ExprKind::kList) values = yaml->at(b.value).children;
      for (ExprId v : values) {
        std::string joined;
        for (const Span& r : authshift::frontends::ScriptRanges(*yaml, v, src)) joined += "[" + At(src, r) + "]";
        out.push_back(joined);
      }
    }
    return out;
  };
  CHECK(ranges_of("a.run") == std::vector<std::string>{"[echo one\n][  echo two]"});
  // '' and escapes in quoted scalars: not read as scripts.
  CHECK(ranges_of("a.script") == std::vector<std::string>{"[curl 'https://x.example']", "", ""});
  CHECK(ranges_of("a.bash") == std::vector<std::string>{"[echo plain]"});
  Facts f = Yaml(src);
  int calls = 0;
  for (const auto& c : f.calls) calls += c.callee == "echo" ? 1 : 0;
  CHECK(calls == 3);  // echo one, echo two, echo plain; never `other:`
}

TEST_CASE("yaml scripts: GitLab lists, CircleCI run.command, GitHub expressions as holes", "[yaml-scripts]") {
  const std::string src =
      "job:\n"
      "  script:\n"
      "    - curl \"https://www.zohoapis.com/crm/v2/Leads?authtoken=$T\"\n"
      "steps:\n"
      "  - run:\n"
      "      command: wget \"https://desk.zoho.com/api/v1/tickets?authtoken=${{ secrets.DESK }}\"\n";
  Facts f = Yaml(src);
  CHECK(CurlUrl(f, src) == "https://www.zohoapis.com/crm/v2/Leads?authtoken=@");
  const auto& w = CallTo(f, "wget");
  REQUIRE(!w.args.empty());
  CHECK(At(src, f.at(w.args[0].value).span) == "\"https://desk.zoho.com/api/v1/tickets?authtoken=${{ secrets.DESK }}\"");
}

TEST_CASE("yaml: an env value that is a GitHub expression is not bound by its bare name", "[yaml-scripts]") {
  const std::string src =
      "env:\n"
      "  T: ${{ secrets.T }}\n"
      "  U: plain\n";
  Facts f = Yaml(src);
  int bare = 0;
  for (const auto& b : f.bindings) bare += (b.name == "T" || b.name == "U") ? 1 : 0;
  CHECK(bare == 1);
  CHECK(f.at(BindingOf(f, "U").value).text == "plain");
}

TEST_CASE("toml sections bind dotted names; strings decode, other values are not strings", "[sections]") {
  const std::string src =
      "title = \"x\"\n"
      "[zoho.\"books\"]\n"
      "authtoken = \"ab\\u00e9\\\"c\"  # note\n"
      "auth_token = 'raw\\n'\n"
      "port = 8080\n"
      "text = \"\"\"\n"
      "inner = \"skipped\"\n"
      "\"\"\"\n"
      "[[zoho.crm]]\n"
      "crm.authtoken = \"v\"\n";
  size_t errors = 9;
  Facts f = LowerSections(src, SectionDialect::kToml, &errors);
  CHECK(errors == 0);
  std::vector<std::string> names;
  for (const auto& b : f.bindings) names.push_back(b.name);
  CHECK(names == std::vector<std::string>{"title", "zoho.books.authtoken", "zoho.books.auth_token",
                                          "zoho.books.port", "zoho.books.text", "zoho.crm.crm.authtoken"});
  const auto& tok = BindingOf(f, "zoho.books.authtoken");
  CHECK(f.at(tok.value).kind == ExprKind::kString);
  CHECK(f.at(tok.value).text == "ab\xc3\xa9\"c");
  CHECK(At(src, f.at(tok.value).literal_span) == "ab\\u00e9\\\"c");
  CHECK(At(src, tok.span) == "authtoken = \"ab\\u00e9\\\"c\"");
  CHECK(f.at(BindingOf(f, "zoho.books.auth_token").value).text == "raw\\n");
  CHECK(f.at(BindingOf(f, "zoho.books.port").value).kind == ExprKind::kOther);
  CHECK(f.at(BindingOf(f, "zoho.books.text").value).kind == ExprKind::kOther);
}

TEST_CASE("ini sections: = and :, inline comments, quotes, full-line comments", "[sections]") {
  const std::string src =
      "; top\n"
      "[zoho]\r\n"
      "authtoken = 0123 ; rotated\n"
      "AuthToken: \"q v\"\n"
      "url=https://x.example/#frag\n"
      "[ ZohoCRM ]\n"
      "auth-token =\n";
  Facts f = LowerSections(src, SectionDialect::kIni);
  CHECK(f.comments.size() == 1);
  CHECK(f.at(BindingOf(f, "zoho.authtoken").value).text == "0123");
  CHECK(f.at(BindingOf(f, "zoho.AuthToken").value).text == "q v");
  CHECK(f.at(BindingOf(f, "zoho.url").value).text == "https://x.example/#frag");
  CHECK(f.at(BindingOf(f, "ZohoCRM.auth-token").value).text.empty());
  CHECK(authshift::frontends::HasFrontend("ini"));
  CHECK(authshift::frontends::HasFrontend("toml"));
}

