// Output errors are never mistaken for a result: a report that cannot be written to stdout (a full
// disk: /dev/full) exits 2 with a message, for every command and format, like --output does.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include "scanner/cli/run_main.h"
#include "tests/test_util.h"

namespace authshift::testing {
namespace {

struct ShResult {
  int code = -1;
  std::string err;
};

// Runs the real binary with stdout on /dev/full; stderr captured.
ShResult RunToDevFull(const std::string& args) {
  std::string cmd = std::string("'") + AUTHSHIFT_BINARY + "' " + args + " 2>&1 >/dev/full";
  ShResult r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.err.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST_CASE("a report that cannot reach stdout exits 2 with a message", "[cli][output-errors]") {
  std::FILE* full = std::fopen("/dev/full", "w");
  REQUIRE(full != nullptr);  // Linux always has it
  std::fclose(full);
  TempDir dir;
  // Enough findings that the report is larger than any stdio buffer.
  std::string body;
  for (int i = 0; i < 400; ++i) {
    body += "requests.get('https://books.zoho.com/api/v3/invoices?authtoken=' + tok" + std::to_string(i) + ")\n";
  }
  dir.Write("a.py", "import requests\n" + body);
  const std::string p = "'" + dir.path() + "'";
  for (const std::string& args :
       {"scan --no-git --format json " + p, "scan --no-git --format text " + p, "scan --no-git --format sarif " + p,
        "scan --no-git --format diff " + p, "fix --dry-run --no-git " + p, std::string("rules"),
        std::string("version"), std::string("help scan")}) {
    INFO(args);
    ShResult r = RunToDevFull(args);
    CHECK(r.code == 2);
    CHECK(r.err.find("cannot write to standard output") != std::string::npos);
  }
}

TEST_CASE("RunMain reports a failed output stream as exit 2", "[cli][output-errors]") {
  std::ostringstream out;
  std::ostringstream err;
  out.setstate(std::ios::badbit);  // as std::cout is after a failed write
  int code = cli::RunMain({"version"}, {out, err, false});
  CHECK(code == 2);
  CHECK(err.str() == "authshift version: cannot write to standard output\n");
}

}  // namespace
}  // namespace authshift::testing

namespace authshift::testing {
namespace {

// A diff printed on a terminal is for reading: masked. Redirected, it is the exact patch.
TEST_CASE("a diff shown on a terminal masks tokens; a redirected one is the exact patch", "[cli][redact]") {
  TempDir dir;
  const std::string tok = "0123456789abcdef0123456789abcdef";
  dir.Write("a.py", "import requests\nTOKEN = \"" + tok +
                        "\"\nr = requests.get(\"https://books.zoho.com/api/v3/items?authtoken=\" + TOKEN)\n");
  for (bool tty : {true, false}) {
    std::ostringstream out;
    std::ostringstream err;
    cli::RunMain({"fix", "--dry-run", "--no-git", dir.path()}, {out, err, tty});
    INFO(out.str() << err.str());
    REQUIRE(out.str().find("@@") != std::string::npos);
    CHECK((out.str().find(tok) == std::string::npos) == tty);
    if (tty) CHECK(out.str().find("0123********") != std::string::npos);
  }
}

}  // namespace
}  // namespace authshift::testing
