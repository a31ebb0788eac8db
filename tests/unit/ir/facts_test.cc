// IR facts through the Deluge frontend: flattening across bindings, URL parsing, map entries.
#include <catch2/catch.hpp>

#include "rewriters/deluge/deluge_fixer.h"
#include "scanner/frontends/frontends.h"
#include "scanner/ir/url.h"

using authshift::ir::ExprKind;
using authshift::ir::Facts;

namespace {

Facts Build(const std::string& src) {
  auto f = authshift::frontends::BuildFacts("deluge", src);
  REQUIRE(f.has_value());
  return std::move(*f);
}

// The argument `name` (or position) of the first call to `callee`.
authshift::ir::ExprId Arg(const Facts& f, const std::string& callee, const std::string& name, size_t pos = 0) {
  for (const auto& c : f.calls) {
    if (c.callee != callee) continue;
    size_t positional = 0;
    for (const auto& a : c.args) {
      if (!name.empty() && a.name == name) return a.value;
      if (name.empty() && a.name.empty() && positional++ == pos) return a.value;
    }
  }
  FAIL("no such call or argument");
  return authshift::ir::kNoExpr;
}

}  // namespace

TEST_CASE("a URL built across statements flattens through its bindings", "[ir]") {
  std::string src =
      "base = \"https://books.zoho.eu/api/v3\";\n"
      "url = base + \"/invoices?organization_id=\" + orgId;\n"
      "other = 1;\n"
      "url = url + \"&authtoken=\" + token;\n"
      "resp = invokeurl [ url: url type: GET ];\n";
  Facts f = Build(src);
  auto v = authshift::ir::Flatten(f, Arg(f, "invokeurl", "url"), src);
  CHECK(v.Joined() == "https://books.zoho.eu/api/v3/invoices?organization_id=\x01&authtoken=\x01");
  auto u = authshift::ir::ParseUrl(v);
  CHECK(u.host == "books.zoho.eu");
  CHECK(u.path == "/api/v3/invoices");
  REQUIRE(u.params.size() == 2);
  CHECK(u.params[1].name == "authtoken");
  CHECK(u.params[1].value_has_hole);
  // The literal parts keep their own source spans, in different statements.
  CHECK(src.substr(v.parts[0].span.begin, v.parts[0].span.end - v.parts[0].span.begin) == "https://books.zoho.eu/api/v3");
  CHECK(v.parts.back().text == "token");
}

TEST_CASE("a binding after the use does not count", "[ir]") {
  std::string src = "resp = getUrl(u);\nu = \"https://books.zoho.com/x?authtoken=abc\";\n";
  Facts f = Build(src);
  auto v = authshift::ir::Flatten(f, Arg(f, "getUrl", ""), src);
  REQUIRE(v.parts.size() == 1);
  CHECK(v.parts[0].hole);
}

TEST_CASE("a header map filled by put and passed as the third argument of postUrl", "[ir]") {
  std::string src =
      "h = Map();\n"
      "h.put(\"Authorization\", \"Zoho-authtoken \" + t);\n"
      "h.put(\"orgId\", org);\n"
      "m = {\"a\": 1};\n"
      "r = postUrl(u, m, h, false);\n"
      "h.put(\"late\", 1);\n";
  Facts f = Build(src);
  auto entries = authshift::ir::EntriesOf(f, Arg(f, "postUrl", "", 2));
  REQUIRE(entries.size() == 2);  // the put after the call does not count
  auto key = authshift::ir::Flatten(f, f.entries[entries[0]].key, src);
  CHECK(key.Joined() == "Authorization");
  auto literal = authshift::ir::EntriesOf(f, Arg(f, "postUrl", "", 1));
  REQUIRE(literal.size() == 1);
  CHECK(f.at(f.entries[literal[0]].value).kind == ExprKind::kNumber);
}

TEST_CASE("Zoho hosts and documentation links", "[ir]") {
  using authshift::ir::IsZohoHost;
  CHECK(IsZohoHost("books.zoho.com"));
  CHECK(IsZohoHost("www.zohoapis.com.au"));
  CHECK(IsZohoHost("accounts.zohocloud.ca"));
  CHECK_FALSE(IsZohoHost("www.zoho.com"));
  CHECK_FALSE(IsZohoHost("zoho.example.com"));
  CHECK_FALSE(IsZohoHost("api.twilio.com"));
}

TEST_CASE("connection advice: product from the host, scope from method and path", "[ir][fix]") {
  using authshift::rewriters::deluge::AdviseConnection;
  auto a = AdviseConnection("books.zoho.eu", "/api/v3/invoices/\x01", "GET");
  CHECK(a.name == "zohobooks");
  CHECK(a.scope == "ZohoBooks.invoices.READ");
  CHECK(AdviseConnection("www.zohoapis.com", "/books/v3/contacts", "POST").scope == "ZohoBooks.contacts.CREATE");
  CHECK(AdviseConnection("invoice.zoho.com", "/api/v3/customerpayments", "DELETE").scope ==
        "ZohoInvoice.customerpayments.DELETE");
  CHECK(AdviseConnection("desk.zoho.com", "/api/v1/tickets", "GET").name == "zohodesk");
  CHECK(AdviseConnection("crm.zoho.in", "/crm/v2/Leads", "GET").name == "zohocrm");
  CHECK(AdviseConnection("api.example.com", "/x", "GET").name.empty());
}
