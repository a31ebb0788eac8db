// `authshift fix` on a parameter map whose `scope` key or value is a constant of another file of the
// project (tree3170/ZOHO_CRM: `params.put(Constants.HTTP_POST_PARAM_SCOPE, SCOPE)` with the key
// "scope" in Constants.java and SCOPE = "crmapi"): a CRM v1 call, withheld as a legacy API with the
// file and line that say so. A key or value the other files do not tell keeps the other reason.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const std::string kConstants =
    "package shop.util;\n"
    "\n"
    "public class Constants {\n"
    "    public static final String PARAM_TARGETURL = \"targetUrl\";\n"
    "    public static final String PARAM_AUTHTOKEN = \"auth" "token\";\n"
    "    public static final String PARAM_SCOPE = \"scope\";\n"
    "}\n";

// The module: the map's keys are Constants' and SCOPE is a field with its default.
std::string Module(const std::string& scope_default) {
  return "package shop.crm;\n"
         "\n"
         "import java.util.HashMap;\n"
         "import java.util.Map;\n"
         "import shop.util.Constants;\n"
         "import shop.util.HttpHelper;\n"
         "\n"
         "public class Leads {\n"
         "    public static String AUTHTOKEN = \"\";\n"
         "    public static String SCOPE = \"" + scope_default + "\";\n"
         "\n"
         "    static void init(java.util.Properties prop) {\n"
         "        SCOPE = prop.getProperty(Constants.PARAM_SCOPE);\n"
         "    }\n"
         "\n"
         "    public String records(String url) {\n"
         "        Map<String, String> params = new HashMap<String, String>();\n"
         "        params.put(Constants.PARAM_TARGETURL, url);\n"
         "        params.put(Constants.PARAM_AUTHTOKEN, AUTHTOKEN);\n"
         "        params.put(Constants.PARAM_SCOPE, SCOPE);\n"
         "        return HttpHelper.post(params);\n"
         "    }\n"
         "}\n";
}

}  // namespace

TEST_CASE("oauth: a map whose scope key is another file's constant and whose scope is crmapi is legacy",
          "[fix][oauth]") {
  TempDir d;
  d.Write("src/shop/util/Constants.java", kConstants);
  // A Constants class of another package, which Leads.java does not import: not the one it reads.
  std::string other = kConstants;
  other.replace(other.find("shop.util"), 9, "shop.legacy");
  other.replace(other.find("\"scope\""), 7, "\"range\"");
  d.Write("src/shop/legacy/Constants.java", other);
  const std::string module = Module("crmapi");
  d.Write("src/shop/crm/Leads.java", module);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(ReadAll(d.path() + "/src/shop/crm/Leads.java") == module);
  CHECK(Has(r.out, "Leads.java:19:20: withheld: [authtoken-zoho-key] legacy API (CRM v1, Creator v1 or Invoice v2): "
                   "migrate it to the current API by hand (its map sends scope crmapi: Constants.PARAM_SCOPE is "
                   "\"scope\" in src/shop/util/Constants.java:6)"));
}

TEST_CASE("oauth: another file's scope key with a current scope value, or an unknown class, stays withheld "
          "for the request in another file",
          "[fix][oauth]") {
  TempDir d;
  SECTION("a scope that is not a legacy API's") {
    d.Write("src/shop/util/Constants.java", kConstants);
    d.Write("src/shop/crm/Leads.java", Module("ZohoCRM.modules.ALL"));
  }
  SECTION("no file declares the class") { d.Write("src/shop/crm/Leads.java", Module("crmapi")); }
  SECTION("two files named Constants.java disagree on the key") {
    d.Write("src/shop/util/Constants.java", kConstants);
    std::string second = kConstants;
    second.replace(second.find("\"scope\""), 7, "\"range\"");
    d.Write("src/shop/legacy/Constants.java", second);
    d.Write("src/shop/crm/Leads.java", Module("crmapi"));
  }
  // Every section: the reason of a request in another file, not a legacy API.
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(Has(r.out, "Leads.java:19:20: withheld: [authtoken-zoho-key] the parameters are handed to "
                   "HttpHelper.post(…), which builds the request in another file"));
  CHECK(!Has(r.out, "legacy API"));
}
