// The Postman / HAR rewriter through FixFileWith: findings placed on the legacy parts of small
// collections, the fixed text compared whole, and the reasons of what it withholds.
#include <catch2/catch.hpp>

#include "rewriters/fix.h"
#include "rewriters/postman/json_edit.h"
#include "rewriters/postman/json_tree.h"
#include "rewriters/postman/postman_fixer.h"
#include "scanner/ir/url.h"
#include "scanner/languages/languages.h"

namespace rw = authshift::rewriters;
namespace pm = authshift::rewriters::postman;
using authshift::core::Finding;
using authshift::core::SourceFile;

namespace {

struct Result {
  std::string after;
  std::vector<authshift::core::FixOutcome> outcomes;
};

// Fixes `src` with one oauth-header finding on the first byte of each needle (as the JSON rules
// report them: on a header value, a query entry, a raw URL).
Result Fix(const std::string& src, const std::vector<std::string>& needles) {
  const auto* json = authshift::languages::ById("json");
  REQUIRE(json != nullptr);
  authshift::engine::FileAnalysis a(SourceFile("c.postman_collection.json", src), *json);
  for (const std::string& n : needles) {
    const size_t at = src.find(n);
    REQUIRE(at != std::string::npos);
    Finding f;
    f.rule_id = "authtoken-header";
    f.fixable = true;
    f.fix = "oauth-header";
    f.byte_start = at;
    f.byte_end = at + n.size();
    f.start.line = 1;
    a.findings.push_back(f);
  }
  const std::vector<rw::RewriterRow> table = {{"postman-oauth2", pm::Fix}};
  Result r;
  r.after = rw::FixFileWith(a, {}, table);
  for (const Finding& f : a.findings) r.outcomes.push_back(f.outcome);
  return r;
}

const char* const kHead = R"({"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},)";

std::string Collection(const std::string& rest) { return std::string(kHead) + rest + "}"; }

}  // namespace

TEST_CASE("postman: inline entries are dropped with their commas; a minified collection gets a one-line auth",
          "[fix][postman]") {
  const std::string src = Collection(
      R"("item": [{"name": "r", "request": {"method": "GET", "header": [{"key": "Authorization", "value": "Zoho-authtoken {{t}}"}, {"key": "A", "value": "b"}], )"
      R"("url": {"raw": "https://books.zoho.in/api/v3/items?authtoken={{t}}&organization_id=1", "query": [{"key": "authtoken", "value": "{{t}}"}, {"key": "organization_id", "value": "1"}]}}}])");
  const Result r = Fix(src, {"\"value\": \"Zoho-authtoken", "authtoken={{t}}", "{\"key\": \"authtoken\""});
  for (const auto& o : r.outcomes) CHECK(o.status == rw::FixStatus::kFixed);
  CHECK(r.after == Collection(
      R"("item": [{"name": "r", "request": {"method": "GET", "header": [{"key": "A", "value": "b"}], )"
      R"("url": {"raw": "https://books.zoho.in/api/v3/items?organization_id=1", "query": [{"key": "organization_id", "value": "1"}]}}}], "auth": {"type": "oauth2", "oauth2": [)"
      R"({"key": "headerPrefix", "value": "Zoho-oauthtoken", "type": "string"}, {"key": "addTokenTo", "value": "header", "type": "string"}, )"
      R"({"key": "accessTokenUrl", "value": "https://accounts.zoho.in/oauth/v2/token", "type": "string"}, )"
      R"({"key": "authUrl", "value": "https://accounts.zoho.in/oauth/v2/auth", "type": "string"}, )"
      R"({"key": "refreshTokenUrl", "value": "https://accounts.zoho.in/oauth/v2/token", "type": "string"}, )"
      R"({"key": "grant_type", "value": "authorization_code", "type": "string"}, )"
      R"({"key": "clientId", "value": "{{zoho_client_id}}", "type": "string"}, )"
      R"({"key": "clientSecret", "value": "{{zoho_client_secret}}", "type": "string"}, )"
      R"({"key": "scope", "value": "ZohoBooks.settings.READ", "type": "string"}, )"
      R"({"key": "authRequestParams", "value": [{"key": "access_type", "value": "offline", "enabled": true, "send_as": "request_url"}], "type": "any"}, )"
      R"({"key": "client_authentication", "value": "body", "type": "string"}, )"
      R"({"key": "useBrowser", "value": true, "type": "boolean"}, )"
      R"({"key": "tokenName", "value": "Zoho OAuth", "type": "string"}]})"));
  CHECK(r.outcomes[0].detail.find("{{t}} is not a collection variable") != std::string::npos);
}

TEST_CASE("postman: an existing Zoho OAuth 2.0 stays, and `auth: null` is replaced", "[fix][postman]") {
  const std::string zoho =
      R"("auth": {"type": "oauth2", "oauth2": [{"key": "headerPrefix", "value": "Zoho-oauthtoken"}]}, )";
  const std::string item =
      R"("item": [{"name": "r", "request": {"header": [{"key": "Authorization", "value": "Zoho-authtoken {{t}}"}], "url": "https://desk.zoho.com/api/v1/tickets"}}, )"
      R"({"name": "other", "request": {"url": "https://desk.zoho.com/api/v1/agents"}}, )"
      R"({"name": "null", "request": {"auth": null, "url": "https://desk.zoho.com/api/v1/teams"}}])";
  Result kept = Fix(Collection(zoho + item), {"\"value\": \"Zoho-authtoken"});
  CHECK(kept.outcomes[0].status == rw::FixStatus::kFixed);
  CHECK(kept.outcomes[0].detail.find("the collection's own OAuth 2.0") == 0);
  CHECK(kept.after == Collection(zoho + R"("item": [{"name": "r", "request": {"header": [], "url": "https://desk.zoho.com/api/v1/tickets"}}, )"
                                        R"({"name": "other", "request": {"url": "https://desk.zoho.com/api/v1/agents"}}, )"
                                        R"({"name": "null", "request": {"auth": null, "url": "https://desk.zoho.com/api/v1/teams"}}])"));

  Result null_auth = Fix(Collection(R"("auth": null, )" + item), {"\"value\": \"Zoho-authtoken"});
  CHECK(null_auth.outcomes[0].status == rw::FixStatus::kFixed);
  CHECK(null_auth.after.find(R"("auth": {"type": "oauth2")") == std::string(kHead).size());
  // The request that sent no Authtoken keeps sending nothing.
  CHECK(null_auth.after.find(R"({"name": "other", "request": {"auth": {"type": "noauth"}, "url")") != std::string::npos);
  CHECK(null_auth.after.find(R"({"name": "null", "request": {"auth": {"type": "noauth"}, "url")") != std::string::npos);
}

TEST_CASE("postman: what the fix withholds, and why", "[fix][postman]") {
  const std::string legacy_header = R"("header": [{"key": "Authorization", "value": "Zoho-authtoken {{t}}"}])";
  struct Case {
    std::string name;
    std::string src;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"collection basic auth",
       Collection(R"("auth": {"type": "basic", "basic": []}, "item": [{"name": "r", "request": {)" + legacy_header + R"(, "url": "https://www.zohoapis.com/crm/v2/Leads"}}])"),
       "the collection's own auth is basic, which the fix does not replace"},
      {"request bearer auth",
       Collection(R"("item": [{"name": "r", "request": {"auth": {"type": "bearer"}, )" + legacy_header + R"(, "url": "https://www.zohoapis.com/crm/v2/Leads"}}])"),
       "request 'r' has its own bearer auth, which overrides the collection's"},
      {"folder auth",
       Collection(R"("item": [{"name": "F", "auth": {"type": "apikey"}, "item": [{"name": "r", "request": {)" + legacy_header + R"(, "url": "https://www.zohoapis.com/crm/v2/Leads"}}]}])"),
       "request 'r' is in folder 'F', whose own apikey auth"},
      {"two data centres",
       Collection(R"("item": [{"name": "r", "request": {)" + legacy_header + R"(, "url": "https://www.zohoapis.com/crm/v2/Leads"}}, )"
                  R"({"name": "s", "request": {"header": [{"key": "Authorization", "value": "Zoho-authtoken {{u}}"}], "url": "https://www.zohoapis.eu/crm/v2/Leads"}}])"),
       "the requests go to 2 Zoho data centres"},
      {"a script",
       Collection(R"("item": [{"name": "r", "request": {)" + legacy_header + R"(, "url": "https://www.zohoapis.com/crm/v2/Leads"}}], )"
                  R"j("event": [{"listen": "prerequest", "script": {"exec": ["pm.request.headers.add('Zoho-authtoken ' + t)"]}}])j"),
       "is not a request header, URL or parameter entry this fix edits"},
      {"v2.0",
       R"({"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"}, "item": [{"request": {)" + legacy_header + "}}]}",
       "only Postman v2.1 collections are rewritten"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::vector<std::string> needles = {"\"value\": \"Zoho-authtoken {{t}}"};
    if (c.name == "two data centres") needles.push_back("\"value\": \"Zoho-authtoken {{u}}");
    if (c.name == "a script") needles.push_back("'Zoho-authtoken");
    const Result r = Fix(c.src, needles);
    CHECK(r.after == c.src);
    for (const auto& o : r.outcomes) {
      CHECK(o.status == rw::FixStatus::kWithheld);
      CHECK(o.detail.find(c.why) != std::string::npos);
    }
  }
}

TEST_CASE("postman: a request to another service's host is left alone; a HAR file is report-only", "[fix][postman]") {
  const std::string src = Collection(
      R"("item": [{"name": "sms", "request": {"url": {"raw": "https://api.sms.example.net/send?authtoken={{s}}", "query": [{"key": "authtoken", "value": "{{s}}"}]}}}])");
  const Result r = Fix(src, {"{\"key\": \"authtoken\""});
  CHECK(r.after == src);
  CHECK(r.outcomes[0].status == rw::FixStatus::kWithheld);
  CHECK(r.outcomes[0].detail.find("this request goes to api.sms.example.net, not a Zoho API host") == 0);

  const std::string har =
      R"({"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://desk.zoho.com/api/v1/tickets", )"
      R"("headers": [{"name": "Authorization", "value": "Zoho-authtoken abc"}]}}]}})";
  const Result h = Fix(har, {"\"value\": \"Zoho-authtoken"});
  CHECK(h.after == har);
  CHECK(h.outcomes[0].status == rw::FixStatus::kReportOnly);
  CHECK(h.outcomes[0].detail.find("a HAR file records traffic that was sent") == 0);
}

TEST_CASE("postman json: spans, comments, escapes and element removal", "[fix][postman]") {
  const std::string src = "{\n  // c\n  \"a\": [1, \"x\\u00e9\\\"\", {\"k\": null}],\n  \"b\": true /* d */\n}\n";
  auto doc = pm::JsonDoc::Parse(src);
  REQUIRE(doc);
  const auto a = doc->Member(doc->root(), "a");
  REQUIRE(doc->IsArray(a));
  CHECK(doc->node(doc->node(*a).children[1]).text == "x\xc3\xa9\"");
  CHECK(src.substr(doc->node(*a).begin, doc->node(*a).end - doc->node(*a).begin) == "[1, \"x\\u00e9\\\"\", {\"k\": null}]");
  CHECK_FALSE(pm::JsonDoc::Parse("{\"a\": 1,}"));
  CHECK_FALSE(pm::JsonDoc::Parse("{\"a\": 1} x"));
  CHECK_FALSE(pm::JsonDoc::Parse(std::string(300, '[') + std::string(300, ']')));

  auto apply = [](std::string text, std::vector<rw::Edit> edits) {
    rw::EditSet set;
    for (auto& e : edits) set.Add(std::move(e));
    std::string err;
    REQUIRE(set.Resolve(&err));
    return set.Apply(text);
  };
  // Own lines: the last element goes with the comma before it; a middle one takes its line.
  const std::string lines = "[\n  1,\n  2,\n  3\n]";
  auto ldoc = pm::JsonDoc::Parse(lines);
  CHECK(apply(lines, pm::DropItems(lines, *ldoc, 0, {false, false, true})) == "[\n  1,\n  2\n]");
  CHECK(apply(lines, pm::DropItems(lines, *ldoc, 0, {false, true, false})) == "[\n  1,\n  3\n]");
  CHECK(apply(lines, pm::DropItems(lines, *ldoc, 0, {true, true, false})) == "[\n  3\n]");
  CHECK(apply(lines, pm::DropItems(lines, *ldoc, 0, {true, true, true})) == "[]");
  const std::string inline_list = "{\"a\": 1, \"b\": 2, \"c\": 3}";
  auto idoc = pm::JsonDoc::Parse(inline_list);
  CHECK(apply(inline_list, pm::DropItems(inline_list, *idoc, 0, {false, true, true})) == "{\"a\": 1}");
  CHECK(apply(inline_list, pm::DropItems(inline_list, *idoc, 0, {true, false, true})) == "{\"b\": 2}");

  const auto keep = [](const std::string& n) { return n == "authtoken"; };
  CHECK(pm::DropQueryParams("u?authtoken=1", keep, nullptr) == std::optional<std::string>("u"));
  CHECK(pm::DropQueryParams("u?a=1&authtoken=2#f", keep, nullptr) == std::optional<std::string>("u?a=1#f"));
  CHECK(pm::DropQueryParams("u?authtoken=2&a=1", keep, nullptr) == std::optional<std::string>("u?a=1"));
  CHECK_FALSE(pm::DropQueryParams("u?a=1", keep, nullptr));
}

TEST_CASE("postman: the accounts server of a Zoho host's data centre", "[fix][postman]") {
  CHECK(authshift::ir::AccountsServerFor("books.zoho.eu") == "https://accounts.zoho.eu");
  CHECK(authshift::ir::AccountsServerFor("www.zohoapis.com.au") == "https://accounts.zoho.com.au");
  CHECK(authshift::ir::AccountsServerFor("desk.zoho.com") == "https://accounts.zoho.com");
  CHECK(authshift::ir::AccountsServerFor("www.zohoapis.ca") == "https://accounts.zohocloud.ca");
  CHECK(authshift::ir::AccountsServerFor("www.zohoapis.com.cn") == "https://accounts.zoho.com.cn");
  CHECK(authshift::ir::AccountsServerFor("www.zohoapis.ae") == std::nullopt);
  CHECK(authshift::ir::AccountsServerFor("api.example.com") == std::nullopt);
  CHECK(authshift::ir::AccountsServerFor("zoho.com.evil.net") == std::nullopt);
}
