// `authshift fix` on Authtoken keys whose request is in another file of the project: an
// `authtoken` entry of a map handed to a class of another module is withheld as legacy when every
// Zoho API URL of the project's files of its kind is a retired API's (here Creator v1), naming those
// lines; a project that also names a current API keeps the report-only outcome.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

namespace {

// An app object that hands its settings, token included, to a view class of another module.
const std::string kApp =
    "const View = require('./view')\n"
    "\n"
    "class App {\n"
    "  constructor(conf) {\n"
    "    this.owner = conf.owner\n"
    "    this.auth" "token = conf.auth" "token\n"
    "  }\n"
    "\n"
    "  view(name) {\n"
    "    const appconf = {\n"
    "      owner: this.owner,\n"
    "      auth" "token: this.auth" "token\n"
    "    }\n"
    "    return new View(appconf, name)\n"
    "  }\n"
    "}\n"
    "\n"
    "module.exports = App\n";

// The view module: Creator v1 (`creator.zoho.com/api/json/`, `scope=creatorapi`).
const std::string kView =
    "const request = require('request')\n"
    "\n"
    "class View {\n"
    "  constructor(appconf, name) {\n"
    "    this.appconf = appconf\n"
    "    this.name = name\n"
    "    this.endpoint = 'https://creator.zoho.com/api/json/'\n"
    "  }\n"
    "\n"
    "  records(callback) {\n"
    "    const query = {}\n"
    "    query['auth" "token'] = this.appconf.auth" "token\n"
    "    query['scope'] = 'creatorapi'\n"
    "    request.get({ url: this.endpoint + this.name + '/view/records', qs: query }, callback)\n"
    "  }\n"
    "}\n"
    "\n"
    "module.exports = View\n";

const std::string kViewLegacy =
    "src/view.js:12:5: withheld: [auth" "token-param-map] legacy API (CRM v1, Creator v1 or Invoice v2): migrate it "
    "to the current API by hand";

}  // namespace

TEST_CASE("unsent keys: a key handed to a Creator v1 module of the project is legacy, naming its URL",
          "[fix][legacy]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"src/app.js", kApp, {}}, {"src/view.js", kView, {}}},
          .options = {"--no-git", "--no-config"},
          .report = {"src/app.js:12:7: withheld: [auth" "token-zoho-key] legacy API (CRM v1, Creator v1 or Invoice v2): "
                     "the request this value is sent with is not in this file, and every Zoho API URL of the "
                     "project's .js files is one (src/view.js:7); migrate the client to the current API by hand",
                     kViewLegacy, "0 fixed in 0 files, 2 withheld, 0 report-only"}});
  CHECK_FALSE(Has(r.out, "src/app.js:6"));
}

TEST_CASE("unsent keys: a key in a project that also names a current API (Books v3) stays report-only", "[fix][legacy]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"src/app.js", kApp, {}},
                    {"src/view.js", kView, {}},
                    {"src/books.js", "module.exports = 'https://www.zohoapis.com/books/v3/'\n", {}}},
          .options = {"--no-git", "--no-config"},
          .report = {kViewLegacy, "0 fixed in 0 files, 1 withheld, 1 report-only"}});
  CHECK_FALSE(Has(r.out, "src/app.js:12"));
}
