#include "tests/test_util.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "scanner/cli/run_main.h"

namespace authshift::testing {

namespace fs = std::filesystem;

std::string SourceDir() {
  const char* env = std::getenv("AUTHSHIFT_SOURCE_DIR");
  return env != nullptr ? env : AUTHSHIFT_SOURCE_DIR;
}

ScopedEnv::ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
  if (const char* old = std::getenv(name)) old_ = old;
  if (value) {
    setenv(name, value->c_str(), 1);
  } else {
    unsetenv(name);
  }
}

ScopedEnv::~ScopedEnv() {
  if (old_) {
    setenv(name_, old_->c_str(), 1);
  } else {
    unsetenv(name_);
  }
}

TempDir::TempDir() {
  // Git, run by the tool in a test's directory, must not climb into the temporary root: a stray
  // repository there (a `.git` left in /tmp) would make the walk and the config search see it.
  static const bool kCeilingSet = [] {
    std::string ceiling = fs::temp_directory_path().string();
    if (const char* old = std::getenv("GIT_CEILING_DIRECTORIES"); old != nullptr && *old != '\0') {
      ceiling = std::string(old) + ":" + ceiling;
    }
    return setenv("GIT_CEILING_DIRECTORIES", ceiling.c_str(), 1) == 0;
  }();
  if (!kCeilingSet) throw std::runtime_error("setenv GIT_CEILING_DIRECTORIES failed");
  std::string tmpl = (fs::temp_directory_path() / "authshift-test-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  // Restore permissions a test may have removed, so cleanup can descend.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& rel, const std::string& content) const {
  fs::path p = fs::path(path_) / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p.string();
}

CliResult RunCli(const std::vector<std::string>& args, const std::string& cwd) {
  std::error_code ec;
  fs::path old = fs::current_path();
  if (!cwd.empty()) fs::current_path(cwd);
  std::ostringstream out;
  std::ostringstream err;
  CliResult r;
  r.code = cli::RunMain(args, {out, err, false});
  if (!cwd.empty()) fs::current_path(old, ec);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool HaveTool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

CliResult ExpectFix(const TempDir& dir, const FixExpectation& expect) {
  if (!expect.config.empty()) dir.Write(".authshift.yml", expect.config);
  for (const FixFile& f : expect.files) dir.Write(f.name, f.text);
  std::vector<std::string> args = {"fix", "--no-color"};
  args.insert(args.end(), expect.options.begin(), expect.options.end());
  args.push_back(dir.path());
  CliResult r = RunCli(args);
  INFO("authshift fix output:\n" << r.out << r.err);
  for (const FixFile& f : expect.files) {
    INFO("file " << f.name);
    CHECK(ReadAll(dir.path() + "/" + f.name) == f.fixed.value_or(f.text));
  }
  for (const std::string& part : expect.report) {
    INFO("report must contain: " << part);
    CHECK(Has(r.out, part));
  }
  if (expect.code) CHECK(r.code == *expect.code);
  return r;
}

bool MatchesGolden(const std::string& golden_path, const std::string& actual, std::string* diff_hint) {
  fs::path p = fs::path(SourceDir()) / golden_path;
  const char* update = std::getenv("AUTHSHIFT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << actual;
    return true;
  }
  std::string expected = ReadAll(p.string());
  if (expected == actual) return true;
  // Point at the first differing line.
  std::istringstream a(expected);
  std::istringstream b(actual);
  std::string la;
  std::string lb;
  int line = 1;
  while (true) {
    bool ga = static_cast<bool>(std::getline(a, la));
    bool gb = static_cast<bool>(std::getline(b, lb));
    if (!ga && !gb) break;
    if (!ga || !gb || la != lb) {
      *diff_hint = golden_path + ":" + std::to_string(line) + ": expected\n  " + (ga ? la : "<end>") +
                   "\ngot\n  " + (gb ? lb : "<end>") + "\n(regenerate with `make golden` after checking)";
      break;
    }
    ++line;
  }
  return false;
}

}  // namespace authshift::testing
