// The conventions of a command-line tool: --version names the commit, help fits 80 columns, and
// the man page and completion scripts the build generates list exactly the options the parser
// accepts (compared here with `authshift help COMMAND`, the parser's own table).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "scanner/cli/build_info.h"
#include "scanner/cli/manual.h"
#include "scanner/cli/options.h"
#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "NAME VALUE" of every option line of `authshift help COMMAND` ("  --format FORMAT   text ...").
std::set<std::string> HelpOptions(const std::string& help) {
  std::set<std::string> out;
  static const std::regex kOption(R"(^  (-[-a-z]+)( [A-Z]+)?( |$))");
  for (const auto& line : Lines(help)) {
    std::smatch m;
    if (std::regex_search(line, m, kOption)) out.insert(m[1].str() + m[2].str());
  }
  return out;
}

// The same from the man page, per command (".SS scan" starts a command; ".TP" items are options).
std::map<std::string, std::set<std::string>> ManOptions(const std::string& roff) {
  std::map<std::string, std::set<std::string>> out;
  std::string command;
  std::vector<std::string> lines = Lines(roff);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind(".SH ", 0) == 0) command.clear();
    if (lines[i].rfind(".SS ", 0) == 0) {
      command = std::regex_replace(lines[i].substr(4), std::regex(R"(\\-)"), "-");
      out[command];
    }
    if (command.empty() || lines[i] != ".TP" || i + 1 >= lines.size()) continue;
    std::string item = std::regex_replace(lines[i + 1], std::regex(R"(\\-)"), "-");
    std::smatch m;
    static const std::regex kPlain(R"(^\\fB([^\\]+)\\fR(?: \\fI([A-Z]+)\\fR)?$)");
    if (std::regex_match(item, m, kPlain)) out[command].insert(m[1].str() + (m[2].matched ? " " + m[2].str() : ""));
  }
  return out;
}

std::string ManualFile(const std::string& name) { return std::string(AUTHSHIFT_MANUAL_DIR) + "/" + name; }

}  // namespace

TEST_CASE("version and --version print the version and the build's commit", "[cli][conventions]") {
  const std::string expected = "authshift " + std::string(authshift::cli::kVersion) + " (commit " +
                               std::string(authshift::cli::BuildCommit()) + ")\n";
  CHECK(RunCli({"--version"}).out == expected);
  CHECK(RunCli({"version"}).out == expected);
  CHECK(std::string(authshift::cli::kVersion) == AUTHSHIFT_PROJECT_VERSION);
  std::string commit(authshift::cli::BuildCommit());
  CHECK(std::regex_match(commit, std::regex("[0-9a-f]{12}(-dirty)?|unknown")));
  // Built from this checkout: the commit is one of its commits (HEAD when the build is current;
  // a commit made since the last build leaves the binary one behind, which is still its commit).
  if (commit != "unknown") {
    std::string cmd = "git -C '" + authshift::testing::SourceDir() + "' cat-file -e " + commit.substr(0, 12) +
                      "^{commit} 2>/dev/null";
    if (std::system(("git -C '" + authshift::testing::SourceDir() + "' rev-parse 2>/dev/null").c_str()) == 0) {
      CHECK(std::system(cmd.c_str()) == 0);
    }
  }
}

TEST_CASE("help output fits 80 columns", "[cli][conventions]") {
  std::vector<std::vector<std::string>> invocations = {{"help"}, {"--help"}};
  for (const auto& c : authshift::cli::CommandSpecs()) invocations.push_back({"help", std::string(c.name)});
  for (const auto& args : invocations) {
    auto r = RunCli(args);
    REQUIRE(r.code == 0);
    CHECK(!r.out.empty());
    for (const auto& line : Lines(r.out)) {
      INFO(args.back() << ": " << line);
      CHECK(line.size() <= 80);
    }
  }
  // Every option's help text is there in full (wrapping loses no word).
  auto scan = RunCli({"help", "scan"}).out;
  std::string flat = std::regex_replace(scan, std::regex(R"(\s+)"), " ");
  for (const auto& o : authshift::cli::kScanOptions) CHECK(flat.find(std::string(o.help)) != std::string::npos);
}

TEST_CASE("the man page lists exactly the options each command accepts", "[cli][conventions]") {
  std::string roff = ReadAll(ManualFile("authshift.1"));
  REQUIRE(!roff.empty());
  CHECK(roff == authshift::cli::ManPage(authshift::cli::kVersion));  // the build's file is current
  auto man = ManOptions(roff);
  for (const auto& c : authshift::cli::CommandSpecs()) {
    INFO("command " << c.name);
    auto help = RunCli({"help", std::string(c.name)});
    REQUIRE(help.code == 0);
    REQUIRE(man.count(std::string(c.name)) == 1);
    CHECK(man[std::string(c.name)] == HelpOptions(help.out));
  }
  CHECK(man.size() == authshift::cli::CommandSpecs().size());
  // A parse that finds nothing would make the comparison vacuous.
  CHECK(man["scan"].count("--format FORMAT") == 1);
  CHECK(man["fix"].count("--dry-run") == 1);
  CHECK(man["scan"].count("-p DIR") == 1);
}

TEST_CASE("completion scripts: generated files match `authshift completion`", "[cli][conventions]") {
  for (const auto& [shell, file] : std::vector<std::pair<std::string, std::string>>{
           {"bash", "authshift.bash"}, {"zsh", "_authshift"}, {"fish", "authshift.fish"}}) {
    auto r = RunCli({"completion", shell});
    CHECK(r.code == 0);
    CHECK(r.out == ReadAll(ManualFile(file)));
    // Every option of every command is offered.
    for (const auto& c : authshift::cli::CommandSpecs()) {
      for (const auto& o : authshift::cli::AllOptions(c)) {
        std::string name(o.name);
        if (shell == "fish") name = name.rfind("--", 0) == 0 ? "-l " + name.substr(2) : "-s " + name.substr(1);
        INFO(shell << " " << c.name << " " << o.name);
        CHECK(r.out.find(name) != std::string::npos);
      }
    }
  }
  CHECK(RunCli({"completion", "tcsh"}).code == 2);
  CHECK(RunCli({"completion"}).code == 2);
}
