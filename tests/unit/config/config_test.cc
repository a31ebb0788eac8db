#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "scanner/config/config.h"
#include "tests/test_util.h"

namespace cfg = authshift::config;
using authshift::core::Severity;

namespace {

const char* kFull = R"(version: 1
include: ["src/**", "functions/**/*.dg"]
exclude: ["**/vendor/**", "legacy/*.php"]
rules: ["ci/authshift-rules/", "/opt/rules/extra.yaml"]
disable: [zoho-authtoken-config]
severity: {zoho-authtoken-revocation: error, zoho-authtoken-header: note}
languages: {deluge: ["*.txt", "scripts/zoho/*"], php: ["*.inc"]}
fail-on: error
max-file-size: 4M
deluge:
  connection: zbooks
  connections: {books: zbooks, crm: zcrm}
  mode: header
token-source:
  python: os.environ["ZOHO_OAUTH_TOKEN"]
  php: getenv('ZOHO_OAUTH_TOKEN')
)";

// All messages of parsing `yaml` as /repo/.authshift.yml, one per line.
std::string Errors(const std::string& yaml) {
  cfg::Config c;
  std::vector<std::string> errors;
  bool ok = cfg::ParseConfig("/repo/.authshift.yml", yaml, &c, &errors);
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  if (ok) REQUIRE(all.empty());
  if (!ok) REQUIRE_FALSE(all.empty());
  return all;
}

}  // namespace

TEST_CASE("config: every key is parsed", "[config]") {
  cfg::Config c;
  std::vector<std::string> errors;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", kFull, &c, &errors));
  CHECK(errors.empty());
  CHECK(c.path == "/repo/.authshift.yml");
  CHECK(c.base_dir == "/repo");
  CHECK(c.version == 1);
  CHECK(c.include == std::vector<std::string>{"src/**", "functions/**/*.dg"});
  CHECK(c.exclude == std::vector<std::string>{"**/vendor/**", "legacy/*.php"});
  CHECK(c.rule_paths ==
        std::vector<std::string>{"/repo/ci/authshift-rules/", "/opt/rules/extra.yaml"});
  CHECK(c.disable == std::vector<std::string>{"zoho-authtoken-config"});
  CHECK(c.severity ==
        std::map<std::string, Severity>{{"zoho-authtoken-revocation", Severity::kError},
                                        {"zoho-authtoken-header", Severity::kNote}});
  REQUIRE(c.languages.size() == 2);
  CHECK(c.languages[0].first == "deluge");
  CHECK(c.languages[0].second == std::vector<std::string>{"*.txt", "scripts/zoho/*"});
  CHECK(c.languages[1].first == "php");
  CHECK(c.languages[1].second == std::vector<std::string>{"*.inc"});
  CHECK(c.fail_on == "error");
  CHECK(c.max_file_size == uint64_t{4} * 1024 * 1024);
  CHECK(c.deluge_connection == "zbooks");
  CHECK(c.deluge_connections ==
        std::map<std::string, std::string>{{"books", "zbooks"}, {"crm", "zcrm"}});
  CHECK(c.deluge_mode == cfg::DelugeMode::kHeader);
  CHECK(cfg::DelugeModeName(*c.deluge_mode) == "header");
  CHECK(c.token_source ==
        std::map<std::string, std::string>{{"php", "getenv('ZOHO_OAUTH_TOKEN')"},
                                           {"python", "os.environ[\"ZOHO_OAUTH_TOKEN\"]"}});
  REQUIRE(c.rule_refs.size() == 3);
  CHECK(c.rule_refs[0].id == "zoho-authtoken-config");
  CHECK(c.rule_refs[0].field == "disable");
  CHECK(c.rule_refs[0].mark.line == 5);
  CHECK(c.rule_refs[0].mark.column == 11);
}

TEST_CASE("config: token-source refresh, for every language or per language", "[config]") {
  cfg::Config all;
  std::vector<std::string> errors;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", "token-source: refresh\n", &all, &errors));
  CHECK(all.token_source == std::map<std::string, std::string>{{"*", "refresh"}});
  cfg::Config mixed;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml",
                           "token-source:\n  python: refresh\n  php: getenv('T')\n", &mixed, &errors));
  CHECK(mixed.token_source ==
        std::map<std::string, std::string>{{"php", "getenv('T')"}, {"python", "refresh"}});
  CHECK(errors.empty());
}

TEST_CASE("config: token-source names an existing helper per language", "[config]") {
  cfg::Config c;
  std::vector<std::string> errors;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml",
                           "token-source:\n  python: {helper: \"myapp.auth:get_token\"}\n"
                           "  javascript:\n    helper: ./lib/zohoToken:getToken\n",
                           &c, &errors));
  CHECK(c.token_source == std::map<std::string, std::string>{{"javascript", "refresh"}, {"python", "refresh"}});
  CHECK(c.token_helper == std::map<std::string, std::string>{{"javascript", "./lib/zohoToken:getToken"},
                                                             {"python", "myapp.auth:get_token"}});
  const std::string f = "/repo/.authshift.yml";
  const std::string what = "helper: \"<module>:<function>\" (python: \"myapp.auth:get_token\", javascript: "
                           "\"./lib/zohoToken:getToken\", java: \"com.acme.auth.Tokens:zoho\")";
  CHECK(Errors("token-source:\n  python: {helper: myapp.auth.get_token}\n") ==
        f + ":2:20: field 'token-source.python.helper': expected " + what + ", got 'myapp.auth.get_token'\n");
  CHECK(Errors("token-source:\n  python: {helpr: x:y}\n") ==
        f + ":2:12: field 'token-source.python.helpr': unknown key 'helpr' in 'token-source.python'; did you "
            "mean 'helper'?\n" +
            f + ":2:11: field 'token-source.python': expected " + what + ", refresh, env or an expression\n");
  CHECK(Errors("token-source:\n  go: {helper: \"auth:Token\"}\n") ==
        f + ":2:16: field 'token-source.go.helper': a named helper is supported for csharp, java, "
            "javascript, python, tsx and typescript; write `go: refresh` for the helper file authshift adds\n");
}

TEST_CASE("config: an empty file and absent keys are defaults", "[config]") {
  for (const char* text : {"", "# nothing\n", "---\n"}) {
    cfg::Config c;
    std::vector<std::string> errors;
    REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", text, &c, &errors));
    CHECK(errors.empty());
    CHECK_FALSE(c.version);
    CHECK(c.include.empty());
    CHECK_FALSE(c.fail_on);
    CHECK_FALSE(c.max_file_size);
    CHECK_FALSE(c.deluge_mode);
    CHECK(c.Included("any/file.py"));
    CHECK(c.LanguageFor("any/file.txt") == nullptr);
    CHECK(c.DelugeConnectionFor("zohobooks") == "zohobooks");
  }
  CHECK(Errors("fail-on: none\nmax-file-size: 1048576\ndeluge: {mode: connection}\n").empty());
}

TEST_CASE("config: errors name file, line, column and field", "[config]") {
  const std::string f = "/repo/.authshift.yml";
  // unknown keys, with a "did you mean" or the list of keys
  CHECK(Errors("version: 1\nexclued: [a]\n") ==
        f + ":2:1: field 'exclued': unknown key 'exclued'; did you mean 'exclude'?\n");
  CHECK(Errors("zzzzzzzzzzzz: 1\n") == f + ":1:1: field 'zzzzzzzzzzzz': unknown key "
                                           "'zzzzzzzzzzzz'; expected one of: version, include, "
                                           "exclude, rules, disable, severity, languages, fail-on, "
                                           "max-file-size, deluge, token-source, fix, advisories, cfamily\n");
  CHECK(Errors("deluge:\n  conection: zbooks\n") ==
        f + ":2:3: field 'deluge.conection': unknown key 'conection' in 'deluge'; did you mean "
            "'connection'?\n");
  CHECK(Errors("fail-on: error\nfail-on: note\n") ==
        f + ":2:1: field 'fail-on': duplicate key 'fail-on'\n");
  // wrong types
  CHECK(Errors("include: src/**\n") ==
        f + ":1:10: field 'include': expected a list of strings, got a scalar\n");
  CHECK(Errors("exclude: [a, [b]]\n") ==
        f + ":1:14: field 'exclude': expected a string item, got a list\n");
  CHECK(Errors("severity: [a]\n") == f + ":1:11: field 'severity': expected a mapping of rule id "
                                         "-> error, warning or note, got a list\n");
  CHECK(Errors("deluge: zbooks\n") == f + ":1:9: field 'deluge': expected a mapping (connection, "
                                          "connections, mode), got a scalar\n");
  CHECK(Errors("fail-on: [error]\n") ==
        f + ":1:10: field 'fail-on': expected error, warning, note or none, got a list\n");
  CHECK(Errors("languages: {deluge: \"*.txt\"}\n") ==
        f + ":1:21: field 'languages.deluge': expected a list of strings, got a scalar\n");
  CHECK(Errors("token-source: {python: [a]}\n") ==
        f + ":1:24: field 'token-source.python': expected an expression, got a list\n");
  CHECK(Errors("token-source: sometimes\n") ==
        f + ":1:15: field 'token-source': expected refresh, env or a map of language to expression or "
            "refresh, got 'sometimes'\n");
  CHECK(Errors("include:\nfail-on:\ndeluge:\n  mode:\n") ==  // empty values: reported at their key
        f + ":1:1: field 'include': expected a list of strings, got nothing\n" + f +
            ":2:1: field 'fail-on': expected error, warning, note or none, got nothing\n" + f +
            ":4:3: field 'deluge.mode': expected connection or header, got nothing\n");
  // bad values
  CHECK(Errors("severity:\n  zoho-authtoken-config: fatal\n") ==
        f + ":2:26: field 'severity.zoho-authtoken-config': expected one of error, warning, note, "
            "got 'fatal'\n");
  CHECK(Errors("fail-on: warn\n") ==
        f + ":1:10: field 'fail-on': expected one of error, warning, note, none, got 'warn'\n");
  CHECK(
      Errors("max-file-size: 4X\n") ==
      f + ":1:16: field 'max-file-size': expected a size such as 2M, 512K or 1048576, got '4X'\n");
  CHECK(Errors("max-file-size: 0\n") ==
        f + ":1:16: field 'max-file-size': expected a size such as 2M, 512K or 1048576, got '0'\n");
  CHECK(Errors("languages:\n  pyhton: ['*.pyx']\n") ==
        f + ":2:3: field 'languages': unknown language 'pyhton'; did you mean 'python'?\n");
  CHECK(Errors("token-source:\n  rubyy: ENV['T']\n") ==
        f + ":2:3: field 'token-source': unknown language 'rubyy'; did you mean 'ruby'?\n");
  CHECK(Errors("deluge:\n  connections: {bookz: zb, sales: zs}\n") ==
        f + ":2:17: field 'deluge.connections': unknown product 'bookz'; did you mean 'books'?\n" +
            f +
            ":2:28: field 'deluge.connections': unknown product 'sales'; expected one of: books, "
            "creator, crm, "
            "desk, inventory, invoice, subscriptions\n");
  CHECK(Errors("deluge:\n  connection: \"z books\"\n") ==
        f + ":2:15: field 'deluge.connection': expected a connection link name (letters, digits "
            "and '_'), "
            "got 'z books'\n");
  CHECK(Errors("deluge: {mode: headers}\n") ==
        f + ":1:16: field 'deluge.mode': expected one of connection, header, got 'headers'\n");
  CHECK(Errors("version: 2\n") ==
        f + ":1:10: field 'version': expected 1 (the only configuration version), got '2'\n");
  CHECK(Errors("exclude: [\"src/[ab\"]\n") ==
        f + ":1:11: field 'exclude': bad glob 'src/[ab': unclosed '[' at offset 4 (write '\\[' for "
            "a literal '[')\n");
  CHECK(Errors("rules: [\"\"]\n") == f + ":1:9: field 'rules': expected a non-empty string item\n");
  // bad YAML and a file that is not a mapping
  CHECK(Errors("include: [a\nexclude: b\n") ==
        f + ":2:8: invalid YAML: end of sequence flow not found\n");
  CHECK(Errors("deluge:\n\tmode: header\n") ==
        f + ":2:6: invalid YAML: illegal map value\n");  // a tab
  CHECK(Errors("- a\n- b\n") == f + ":1:1: expected a mapping of configuration keys, got a list\n");
  // every problem of the file, not just the first
  CHECK(Errors("fail-on: x\nversion: 3\n") ==
        f + ":2:10: field 'version': expected 1 (the only configuration version), got '3'\n" + f +
            ":1:10: field 'fail-on': expected one of error, warning, note, none, got 'x'\n");
}

TEST_CASE("config: rule ids are checked against the loaded rules", "[config]") {
  cfg::Config c;
  std::vector<std::string> errors;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml",
                           "disable: [zoho-authtoken-confg, zoho-authtoken-header]\n"
                           "severity:\n  nothing-like-it: note\n",
                           &c, &errors));
  std::vector<std::string> known = {"zoho-authtoken-config", "zoho-authtoken-header"};
  std::vector<std::string> messages;
  CHECK(cfg::UnknownRuleIds(c, known, &messages) ==
        std::vector<std::string>{"zoho-authtoken-confg", "nothing-like-it"});
  CHECK(messages ==
        std::vector<std::string>{
            "/repo/.authshift.yml:1:11: field 'disable': unknown rule id 'zoho-authtoken-confg'; "
            "did you mean 'zoho-authtoken-config'?",
            "/repo/.authshift.yml:3:3: field 'severity': unknown rule id 'nothing-like-it'"});
}

TEST_CASE("config: Included, LanguageFor, connections, RelativeToBase", "[config]") {
  cfg::Config c;
  std::vector<std::string> errors;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", kFull, &c, &errors));
  CHECK(c.Included("src/a.py"));
  CHECK(c.Included("functions/crm/sync.dg"));
  CHECK_FALSE(c.Included("functions/crm/sync.txt"));  // not included
  CHECK_FALSE(c.Included("docs/a.md"));
  CHECK_FALSE(c.Included("src/vendor/lib.php"));  // excluded wins
  CHECK_FALSE(c.Included("legacy/old.php"));      // not included either way
  c.include.clear();
  CHECK(c.Included("legacy/new/old.php"));
  CHECK_FALSE(c.Included("legacy/old.php"));

  CHECK(std::string(c.LanguageFor("notes/script.txt")) == "deluge");
  CHECK(std::string(c.LanguageFor("scripts/zoho/sync")) == "deluge");
  CHECK(std::string(c.LanguageFor("lib/util.inc")) == "php");
  CHECK(c.LanguageFor("lib/util.php") == nullptr);

  CHECK(c.DelugeConnectionFor("zohobooks") == "zbooks");
  CHECK(c.DelugeConnectionFor("zohocrm") == "zcrm");
  CHECK(c.DelugeConnectionFor("zohodesk") == "zbooks");  // deluge.connection for the rest
  c.deluge_connection.reset();
  CHECK(c.DelugeConnectionFor("zohodesk") == "zohodesk");

  CHECK(c.RelativeToBase("/repo/src/a.py") == "src/a.py");
  CHECK(c.RelativeToBase("/repo/./src/../lib/b.py") == "lib/b.py");
  CHECK_FALSE(c.RelativeToBase("/other/a.py"));
  CHECK_FALSE(c.RelativeToBase("/repository/a.py"));
  CHECK_FALSE(cfg::Config().RelativeToBase("/repo/a.py"));
}

TEST_CASE("config: sizes use the --max-file-size syntax", "[config]") {
  CHECK(cfg::ParseSize("1048576") == 1048576u);
  CHECK(cfg::ParseSize("512K") == 512u * 1024);
  CHECK(cfg::ParseSize("2mb") == 2u * 1024 * 1024);
  CHECK(cfg::ParseSize("1GiB") == uint64_t{1} << 30);
  CHECK_FALSE(cfg::ParseSize(""));
  CHECK_FALSE(cfg::ParseSize("M"));
  CHECK_FALSE(cfg::ParseSize("2T"));
  CHECK_FALSE(cfg::ParseSize("99999999999999999999"));
  CHECK_FALSE(cfg::ParseSize("17179869184G"));
}

TEST_CASE("config: LoadConfig reads a file; relative rule paths follow the file", "[config]") {
  authshift::testing::TempDir dir;
  std::string path = dir.Write("sub/.authshift.yml", "rules: [my-rules]\nfail-on: note\n");
  cfg::Config c;
  std::vector<std::string> errors;
  REQUIRE(cfg::LoadConfig(path, &c, &errors));
  CHECK(c.path == path);
  const std::string real = std::filesystem::weakly_canonical(dir.path()).string();
  CHECK(c.base_dir == real + "/sub");
  CHECK(c.rule_paths == std::vector<std::string>{real + "/sub/my-rules"});
  CHECK(c.fail_on == "note");

  errors.clear();
  CHECK_FALSE(cfg::LoadConfig(dir.path() + "/missing.yml", &c, &errors));
  CHECK(errors == std::vector<std::string>{
                      dir.path() +
                      "/missing.yml: cannot read configuration file: No such file or directory"});
  errors.clear();
  std::string bad = dir.Write("bad.yml", "fail-on: sometimes\n");
  CHECK_FALSE(cfg::LoadConfig(bad, &c, &errors));
  CHECK(errors ==
        std::vector<std::string>{
            bad +
            ":1:10: field 'fail-on': expected one of error, warning, note, none, got 'sometimes'"});
}

TEST_CASE("config: FindConfig searches upward and stops at the repository root", "[config]") {
  namespace fs = std::filesystem;
  authshift::testing::TempDir dir;
  const std::string root = dir.path();
  // root/.authshift.yml is outside the repository: never found from inside it
  dir.Write(".authshift.yml", "fail-on: none\n");
  fs::create_directories(root + "/repo/.git");
  fs::create_directories(root + "/repo/a/b/c");
  CHECK_FALSE(cfg::FindConfig(root + "/repo/a/b/c"));
  CHECK_FALSE(cfg::FindConfig(root + "/repo"));

  std::string at_root = dir.Write("repo/.authshift.yml", "");
  CHECK(cfg::FindConfig(root + "/repo/a/b/c") == at_root);
  CHECK(cfg::FindConfig(root + "/repo/a/b/c/") == at_root);
  CHECK(cfg::FindConfig(root + "/repo") == at_root);

  std::string nearer = dir.Write("repo/a/.authshift.yaml", "");
  CHECK(cfg::FindConfig(root + "/repo/a/b/c") == nearer);
  std::string both = dir.Write("repo/a/.authshift.yml", "");  // .yml before .yaml
  CHECK(cfg::FindConfig(root + "/repo/a/b") == both);
  std::string file = dir.Write("repo/a/b/c/x.dg", "info 1;");
  CHECK(cfg::FindConfig(file) == both);  // a file starts at its directory

  // outside any repository: up to the filesystem root (the temp dir's own config is found)
  fs::create_directories(root + "/plain/x/y");
  CHECK(cfg::FindConfig(root + "/plain/x/y") == root + "/.authshift.yml");
  // a `.git` file (submodule, worktree) is a repository root too
  dir.Write("sub/.git", "gitdir: ../.git/modules/sub\n");
  fs::create_directories(root + "/sub/z");
  CHECK_FALSE(cfg::FindConfig(root + "/sub/z"));
}

TEST_CASE("config: fix.rename-config-keys is a boolean, absent by default", "[config][config-rename]") {
  std::vector<std::string> errors;
  cfg::Config absent;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", "version: 1\n", &absent, &errors));
  CHECK_FALSE(absent.rename_config_keys.has_value());
  cfg::Config on;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", "fix: {rename-config-keys: true}\n", &on, &errors));
  CHECK(on.rename_config_keys == std::optional<bool>(true));
  cfg::Config off;
  REQUIRE(cfg::ParseConfig("/repo/.authshift.yml", "fix:\n  rename-config-keys: false\n", &off, &errors));
  CHECK(off.rename_config_keys == std::optional<bool>(false));
  CHECK(Errors("fix: {rename-config-keys: [true]}\n") ==
        "/repo/.authshift.yml:1:27: field 'fix.rename-config-keys': expected true or false, got a list\n");
  CHECK(Errors("fix: []\n") == "/repo/.authshift.yml:1:6: field 'fix': expected a mapping (rename-config-keys, rename-options), got a list\n");
}
