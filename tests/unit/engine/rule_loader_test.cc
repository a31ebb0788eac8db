#include <catch2/catch.hpp>

#include "rewriters/fix.h"
#include "scanner/engine/prefilter.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/text_matcher.h"

using authshift::engine::ParseRule;

namespace {

const char* kGood = R"(severity: error
message: "Zoho-authtoken header."
help: "Use Zoho-oauthtoken."
forms: [F6]
languages: [any]
precision: high
fix: none
match:
  kind: text
  regex: '(?i)zoho-authtoken(?:\s+(?P<secret>[0-9a-z]{32}))?'
  not-regex: ['(?i)example']
examples:
  bad: ['"Zoho-authtoken " + t']
  good: ['Zoho-oauthtoken t']
)";

std::string Errors(const std::string& yaml, const std::string& id = "r") {
  std::vector<std::string> errors;
  auto rule = ParseRule(id, "rules/" + id + ".yaml", yaml, &errors);
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  return all;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("a valid rule loads, with keywords derived from its regex", "[rules]") {
  std::vector<std::string> errors;
  auto rule = ParseRule("r", "r.yaml", kGood, &errors);
  REQUIRE(rule != nullptr);
  CHECK(errors.empty());
  CHECK(rule->severity == authshift::core::Severity::kError);
  CHECK(rule->keywords == std::vector<std::string>{"zoho-authtoken"});
  CHECK(rule->text.secret_group == 1);
  auto m = authshift::engine::MatchText(*rule, "a Zoho-authtoken 0123456789abcdef0123456789abcdef b; Zoho-authtoken example");
  REQUIRE(m.size() == 2);  // not-regex only rejects a match whose own text hits it
  CHECK(m[0].has_secret);
  CHECK(m[0].secret_begin == 17);
}

TEST_CASE("load errors name file, line, column and field", "[rules]") {
  CHECK(Errors(Replace(kGood, "severity: error", "severity: fatal")) ==
        "rules/r.yaml:1:11: field 'severity': expected one of error, warning, note, got 'fatal'\n");
  CHECK(Errors(Replace(kGood, "precision: high", "precison: high")) ==
        "rules/r.yaml:6:1: field 'precison': unknown key 'precison'; did you mean 'precision'?\n"
        "rules/r.yaml:1:1: field 'precision': required field is missing\n");
  CHECK(Errors(Replace(kGood, "message: \"Zoho-authtoken header.\"\n", "")) ==
        "rules/r.yaml:1:1: field 'message': required field is missing\n");
  CHECK(Errors(Replace(kGood, "[0-9a-z]{32}", "[0-9a-z]{32}[")).find(
            "rules/r.yaml:10:10: field 'match.regex': invalid RE2 regex: missing ]") != std::string::npos);
  CHECK(Errors(Replace(kGood, "kind: text", "kind: txt")) ==
        "rules/r.yaml:9:9: field 'match.kind': unknown matcher kind 'txt'; expected one of: text; did you mean 'text'?\n");
  CHECK(Errors(Replace(kGood, "languages: [any]", "languages: [pyhton]")) ==
        "rules/r.yaml:5:12: field 'languages': unknown language 'pyhton'; did you mean 'python'?\n");
  CHECK(Errors("severity: [error\n").find("rules/r.yaml:2:1: invalid YAML") == 0);
  CHECK(Errors("- a\n- b\n") == "rules/r.yaml:1:1: expected a mapping of rule fields, got a list\n");
  CHECK(Errors(Replace(kGood, "good: ['Zoho-oauthtoken t']", "good: ['Zoho-authtoken t']")).find(
            "field 'examples.good': example matches the rule but must not") != std::string::npos);
  CHECK(Errors(Replace(kGood, "severity: error", "id: other\nseverity: error")).find(
            "field 'id': must equal the file name's stem 'r', got 'other'") != std::string::npos);
}

TEST_CASE("a keyword the examples lack is caught", "[rules]") {
  std::string yaml = Replace(kGood, "fix: none", "fix: none\nkeywords: [authorization]");
  CHECK(Errors(yaml).find("no keyword occurs in bad example") != std::string::npos);
}

TEST_CASE("keywords-except words must contain a keyword; bad examples must have an unshadowed one", "[rules]") {
  std::string yaml = Replace(kGood, "fix: none", "fix: none\nkeywords: [zoho-authtoken]\nkeywords-except: [oauth]");
  CHECK(Errors(yaml).find("field 'keywords-except': expected a word longer than a keyword that contains it, got 'oauth'") !=
        std::string::npos);
  std::string shadowed = Replace(kGood, "fix: none", "fix: none\nkeywords: [authtoken]\nkeywords-except: [zoho-authtoken]");
  CHECK(Errors(shadowed).find("no keyword occurs in bad example") != std::string::npos);
  std::string fine = Replace(kGood, "fix: none", "fix: none\nkeywords: [authtoken]\nkeywords-except: [oauthtoken]");
  CHECK(Errors(fine).empty());
}

TEST_CASE("map-entry takes host: zoho and nothing else", "[rules]") {
  const std::string base = R"(severity: error
message: "m"
help: "h"
forms: [F5]
languages: [python]
keywords: [authtoken]
precision: high
fix: none
match:
  kind: map-entry
  key: '^authtoken$'
  HOST
  flows-to:
    - {callee: '^post$', arg: data}
examples:
  bad: ['requests.post(u, data={"authtoken": t})']
  good: ['requests.post("https://reports.acme.example/x", data={"authtoken": t})']
)";
  CHECK(Errors(Replace(base, "HOST", "host: zoho"), "m1").empty());
  CHECK(Errors(Replace(base, "HOST", "host: any"), "m2").find("field 'match.host': map-entry takes only host: zoho") !=
        std::string::npos);
  // What the check does is asserted by the built-in pack's examples (authtoken-param-map's good
  // example posts to a non-Zoho URL) and by the near-miss fixtures.
}

TEST_CASE("flows-to.arg: a position past 255 is an error, not an exception", "[rules]") {
  const std::string base = R"(severity: error
message: "m"
help: "h"
forms: [F5]
languages: [python]
keywords: [authtoken]
precision: high
fix: none
match:
  kind: map-entry
  key: '^authtoken$'
  flows-to:
    - {callee: '^post$', arg: ARG}
examples:
  bad: ['requests.post(u, data={"authtoken": t})']
)";
  CHECK(Errors(Replace(base, "ARG", "data"), "a1").empty());
  CHECK(Errors(Replace(base, "ARG", "1"), "a2").empty());
  CHECK(Errors(Replace(base, "ARG", "255"), "a3").empty());
  // Past int's range: std::stoi used to throw here (found by fuzz_rule_loader).
  for (const char* big : {"256", "99999999999999999999"}) {
    std::string e = Errors(Replace(base, "ARG", big), "a4");
    CHECK(e.find("field 'match.flows-to.arg': argument position " + std::string(big) + " is out of range (0-255)") !=
          std::string::npos);
  }
}

TEST_CASE("the built-in pack loads with every IR rule's examples checked", "[rules]") {
  authshift::engine::LoadOptions lo;
  lo.check_builtin_ir_examples = true;
  lo.fix_names = authshift::rewriters::RewriterNames();
  authshift::engine::RuleSet set;
  std::vector<std::string> errors;
  CHECK(authshift::engine::LoadRules(lo, &set, &errors));
  CHECK(errors.empty());
}

TEST_CASE("fix: names a rewriter the loader was given", "[rules]") {
  const std::vector<std::string> names = {"deluge-connection", "oauth-header"};
  std::vector<std::string> errors;
  CHECK(ParseRule("r", "r.yaml", Replace(kGood, "fix: none", "fix: oauth-header"), &errors, &names) != nullptr);
  CHECK(errors.empty());
  CHECK(ParseRule("r", "r.yaml", Replace(kGood, "fix: none", "fix: oauth-headr"), &errors, &names) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("field 'fix': unknown rewriter 'oauth-headr'; expected one of: none, deluge-connection, "
                       "oauth-header; did you mean 'oauth-header'?") != std::string::npos);
  // Without names (the grammar alone), any name is accepted: the engine does not know the rewriters.
  errors.clear();
  CHECK(ParseRule("r", "r.yaml", Replace(kGood, "fix: none", "fix: oauth-headr"), &errors) != nullptr);
  // The built-in pack needs the real table's names.
  authshift::engine::LoadOptions lo;
  authshift::engine::RuleSet set;
  CHECK_FALSE(authshift::engine::LoadRules(lo, &set, &errors));
}

TEST_CASE("duplicate ids and unknown --disable ids are errors", "[rules]") {
  authshift::engine::LoadOptions lo;
  lo.default_rules = true;
  lo.fix_names = authshift::rewriters::RewriterNames();
  authshift::engine::RuleSet set;
  std::vector<std::string> errors;
  REQUIRE(authshift::engine::LoadRules(lo, &set, &errors));
  REQUIRE_FALSE(set.rules.empty());
  authshift::engine::RuleSet set2;
  lo.disabled = {"zoho-authtoken-heder"};
  CHECK_FALSE(authshift::engine::LoadRules(lo, &set2, &errors));
  CHECK(errors.back() == "--disable: unknown rule id 'zoho-authtoken-heder'; did you mean 'zoho-authtoken-header'?");
}

TEST_CASE("the prefilter passes files with a keyword, case-insensitively, and nothing else", "[prefilter]") {
  authshift::engine::RuleSet set;
  std::vector<std::string> errors;
  set.rules.push_back(ParseRule("r", "r.yaml", kGood, &errors));
  REQUIRE(set.rules[0] != nullptr);
  authshift::engine::Prefilter pf(set);
  CHECK(pf.Candidates("nothing here").empty());
  CHECK(pf.Candidates("xx ZOHO-AUTHTOKEN yy") == std::vector<size_t>{0});
}
