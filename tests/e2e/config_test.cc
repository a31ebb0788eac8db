// .authshift.yml through the CLI: discovery, include/exclude, overrides, Deluge options, errors.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "tests/test_util.h"

using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const char* kDeluge =
    "orgId = organization.get(\"organization_id\");\n"
    "resp = getUrl(\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + \"&authtoken=\" + t);\n";

}  // namespace

TEST_CASE("config: discovered upward, include/exclude, fail-on and severity", "[config][cli]") {
  TempDir d;
  REQUIRE(std::system(("git -C '" + d.path() + "' init -q").c_str()) == 0);
  d.Write("src/a.py", "h = {'Authorization': 'Zoho-authtoken ' + t}\n");
  d.Write("legacy/b.py", "h = {'Authorization': 'Zoho-authtoken ' + t}\n");
  d.Write(".env", "ZOHO_AUTHTOKEN=0123456789abcdef0123456789abcdef\n");
  d.Write(".authshift.yml",
          "exclude: [\"legacy/\"]\n"
          "severity: {zoho-authtoken-config: note}\n"
          "fail-on: error\n");
  // Run from a subdirectory: the file is found upward, and its globs are relative to it.
  auto r = RunCli({"scan", "--no-color", "--fail-on", "none", d.path()});
  CHECK(r.out.find("src/a.py:1:") != std::string::npos);
  CHECK(r.out.find("legacy/b.py") == std::string::npos);
  CHECK(r.out.find(".env:1:1: note:") != std::string::npos);
  // fail-on from the file (error) and from the command line (which wins).
  d.Write("src/a.py", "x = 1\n");
  CHECK(RunCli({"scan", d.path()}).code == 0);  // only a note is left
  CHECK(RunCli({"scan", "--fail-on", "note", d.path()}).code == 1);
  CHECK(RunCli({"scan", "--no-config", d.path()}).code == 1);  // the .env warning counts again
}

TEST_CASE("config: Deluge connections, mode, and a forced language", "[config][cli]") {
  TempDir d;
  d.Write("scripts/zoho/sync", kDeluge);  // no extension, and it reads like Deluge anyway
  d.Write("notes/fn.txt", std::string("// pasted from the Zoho editor\n") + kDeluge);
  d.Write(".authshift.yml",
          "languages: {deluge: [\"notes/*.txt\"]}\n"
          "deluge:\n"
          "  connections: {books: acme_books}\n");
  auto r = RunCli({"scan", "--format", "diff", d.path()});
  CHECK(r.out.find("+\tconnection: \"acme_books\"\n") != std::string::npos);
  CHECK(r.out.find("diff --git a/notes/fn.txt b/notes/fn.txt") != std::string::npos);
  auto flag = RunCli({"scan", "--format", "diff", "--deluge-connection", "zb", d.path()});
  CHECK(flag.out.find("acme_books") == std::string::npos);
  CHECK(flag.out.find("+\tconnection: \"zb\"\n") != std::string::npos);
}

TEST_CASE("config errors: exit 2 with file, line and field; nothing scanned", "[config][cli]") {
  TempDir d;
  d.Write("a.py", "h = {'Authorization': 'Zoho-authtoken ' + t}\n");
  std::string cfg = d.Write("ci/authshift.yml", "exclued: [x]\ndisable: [zoho-authtoken-heder]\n");
  auto r = RunCli({"scan", "--config", cfg, d.path()});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(cfg + ":1:1: field 'exclued': unknown key 'exclued'; did you mean 'exclude'?") != std::string::npos);
  d.Write("ci/authshift.yml", "disable: [zoho-authtoken-heder]\n");
  auto ids = RunCli({"scan", "--config", cfg, d.path()});
  CHECK(ids.code == 2);
  CHECK(ids.err.find("did you mean 'zoho-authtoken-header'?") != std::string::npos);
  auto missing = RunCli({"scan", "--config", d.path() + "/nope.yml", d.path()});
  CHECK(missing.code == 2);
  d.Write("ci/authshift.yml", "disable: [zoho-authtoken-header]\n");
  auto listed = RunCli({"rules", "--config", cfg});
  CHECK(listed.code == 0);
  CHECK(listed.out.find("zoho-authtoken-header ") == std::string::npos);
}
