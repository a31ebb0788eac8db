// A fix that edits two files in one run (rewriters/linked_fix.h), first used by Guzzle 3 service
// descriptions (rewriters/guzzle/guzzle3.h): the `authtoken` query parameter of
// fixtures/twofile/guzzle3/services/Base.json becomes the Authorization header and the client's
// listener in BooksClient.php gives it the Zoho-oauthtoken prefix. Both files change or neither.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "rewriters/postman/json_tree.h"
#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::HaveTool;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::SourceDir;
using authshift::testing::TempDir;

namespace {

const std::string kFixture = "/fixtures/twofile/guzzle3/";

std::string Fixture(const std::string& rel) { return ReadAll(SourceDir() + kFixture + rel); }

// The fixture's inputs in `d` (the .fixed files stay out).
void WriteInputs(const TempDir& d) {
  for (const char* rel : {"BooksClient.php", "services/Base.json", "services/Contacts.json"}) d.Write(rel, Fixture(rel));
}

bool ShellOk(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

TEST_CASE("twofile: a Guzzle 3 description and its PHP listener are fixed together, and again is a no-op",
          "[fix][twofile]") {
  TempDir d;
  WriteInputs(d);
  auto r = RunCli({"fix", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(ReadAll(d.path() + "/services/Base.json") == Fixture("services/Base.fixed.json"));
  CHECK(ReadAll(d.path() + "/BooksClient.php") == Fixture("BooksClient.fixed.php"));
  CHECK(ReadAll(d.path() + "/services/Contacts.json") == Fixture("services/Contacts.json"));
  // The outcome names the other file and line; the listener's own finding is the same change.
  CHECK(Has(r.out, "services/Base.json:8:17: fixed: [authtoken-zoho-key] the authtoken parameter of the Guzzle "
                   "service descriptions is now sent as the Authorization header"));
  CHECK(Has(r.out, "the value of $config['authtoken'] must now be an OAuth access token"));
  CHECK(Has(r.out, "; also edits BooksClient.php:21\n"));
  CHECK(Has(r.out, "BooksClient.php:21:36: fixed: [authtoken-zoho-key] changed by the fix of services/Base.json:8"));
  CHECK(Has(r.out, "3 fixed in 2 files, 0 withheld, 0 report-only"));
  // Both files still parse: the project's JSON reader, Python's json, php -l.
  CHECK(authshift::rewriters::postman::JsonDoc::Parse(ReadAll(d.path() + "/services/Base.json")));
  if (HaveTool("python3")) CHECK(ShellOk("python3 -m json.tool '" + d.path() + "/services/Base.json'"));
  REQUIRE(HaveTool("php"));  // scripts/setup.sh installs it
  CHECK(ShellOk("php -l '" + d.path() + "/BooksClient.php'"));
  // A second run finds nothing to fix and changes nothing.
  auto again = RunCli({"fix", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(Has(again.out + again.err, "0 fixed in 0 files"));
  CHECK(ReadAll(d.path() + "/services/Base.json") == Fixture("services/Base.fixed.json"));
  CHECK(ReadAll(d.path() + "/BooksClient.php") == Fixture("BooksClient.fixed.php"));
}

TEST_CASE("twofile: --dry-run shows the diff of both files and writes neither", "[fix][twofile]") {
  TempDir d;
  WriteInputs(d);
  auto r = RunCli({"fix", "--dry-run", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(Has(r.out, "diff --git a/BooksClient.php b/BooksClient.php"));
  CHECK(Has(r.out, "+                $e['command']->set('authtoken', 'Zoho-oauthtoken ' . $config['authtoken']);"));
  CHECK(Has(r.out, "diff --git a/services/Base.json b/services/Base.json"));
  CHECK(Has(r.out, "+                    \"sentAs\": \"Authorization\","));
  CHECK_FALSE(Has(r.out, "Contacts.json"));
  CHECK(ReadAll(d.path() + "/services/Base.json") == Fixture("services/Base.json"));
  CHECK(ReadAll(d.path() + "/BooksClient.php") == Fixture("BooksClient.php"));
}

TEST_CASE("twofile: withheld, and neither file changed, when the other files do not agree", "[fix][twofile]") {
  TempDir d;
  WriteInputs(d);
  std::string why;
  SECTION("a second place sets the parameter") {
    std::string other = Fixture("BooksClient.php");
    other.replace(other.find("class BooksClient"), 17, "class InvoiceClient");
    d.Write("InvoiceClient.php", other);
    why = "two places set the authtoken parameter (BooksClient.php, InvoiceClient.php)";
  }
  SECTION("a command passes the token itself") {
    d.Write("Sync.php", "<?php\n$client->getCommand('getContacts', array('authtoken' => $token));\n");
    why = "Sync.php passes authtoken as a command argument or option";
  }
  SECTION("a parameter with a default value") {
    std::string base = Fixture("services/Base.json");
    base.replace(base.find("\"required\": true }"), 18, "\"default\": \"x\" }");
    d.Write("services/Base.json", base);
    why = "services/Base.json: an authtoken parameter that is not a plain query parameter";
  }
  SECTION("no listener") {
    std::string other = Fixture("BooksClient.php");
    other.replace(other.find("command.before_prepare"), 22, "command.after_prepare");
    d.Write("BooksClient.php", other);
    why = "BooksClient.php sets the authtoken parameter outside a Guzzle 3 command.before_prepare listener";
  }
  const std::string base = ReadAll(d.path() + "/services/Base.json");
  const std::string client = ReadAll(d.path() + "/BooksClient.php");
  auto r = RunCli({"fix", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(Has(r.out, "services/Base.json:8:17: withheld: [authtoken-zoho-key] Guzzle service description: " + why));
  CHECK(ReadAll(d.path() + "/services/Base.json") == base);
  CHECK(ReadAll(d.path() + "/BooksClient.php") == client);
}

TEST_CASE("twofile: not made with --staged (the other file's index content is not read)", "[fix][twofile]") {
  TempDir d;
  WriteInputs(d);
  REQUIRE(ShellOk("cd '" + d.path() + "' && git init -q && git add -A"));
  auto r = RunCli({"fix", "--staged", "--no-color", "--no-config"}, d.path());
  CHECK(Has(r.out + r.err, "services/Base.json:8:17: withheld: [authtoken-zoho-key] Guzzle service description: its "
                           "client code is in other files, read only by `authshift fix` on the work tree (not --staged)"));
  CHECK(ReadAll(d.path() + "/services/Base.json") == Fixture("services/Base.json"));
  CHECK(ReadAll(d.path() + "/BooksClient.php") == Fixture("BooksClient.php"));
}

// Not across files, but the same issue item: an entry put into its map after the map's last use
// (rewriters/dead_entry_fix.h). The fixed fixture runs against a stand-in GuzzleHttp\Client with
// Guzzle's request($method, $uri, array $options) signature: the token arrives in the headers option.
TEST_CASE("late entry: the fixed PHP sends the token it never sent, in Guzzle's headers option", "[fix][php]") {
  REQUIRE(HaveTool("php"));
  TempDir d;
  d.Write("Client.php",
          "<?php\nnamespace GuzzleHttp;\n"
          "class Client {\n"
          "    public static $seen = [];\n"
          "    public function __construct(array $config = []) {}\n"
          "    public function request(string $method, $uri = '', array $options = []) {\n"
          "        self::$seen[] = [$method, $uri, $options];\n"
          "        return new class { public function getBody() { return '{\"ok\":true}'; } };\n"
          "    }\n"
          "}\n");
  d.Write("calls.php", ReadAll(SourceDir() + "/fixtures/rules/authtoken-zoho-key/php-entry-set-too-late.fixed.php"));
  d.Write("main.php",
          "<?php\nrequire 'Client.php';\nrequire 'calls.php';\n"
          "$c = new Acme\\Invoice\\ZohoInvoiceCalls('https://invoice.zoho.com/api/v3/', '1000.fake.token');\n"
          "$c->invoices(['page' => 2]);\n"
          "file_put_contents('out.json', json_encode(GuzzleHttp\\Client::$seen));\n");
  REQUIRE(ShellOk("cd '" + d.path() + "' && php main.php"));
  CHECK(ReadAll(d.path() + "/out.json") ==
        "[[\"GET\",\"invoices?page=2\",{\"headers\":{\"Authorization\":\"Zoho-oauthtoken 1000.fake.token\"}}]]");
}
