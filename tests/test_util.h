#pragma once
// Helpers shared by the tests: temp directories, running the CLI in-process, reading files.
#include <optional>
#include <string>
#include <vector>

namespace authshift::testing {

// Zoho's retired Authtoken endpoints, in pieces (the project's scan of its own sources must not
// report them): generation and revocation.
inline const std::string kRetiredCreate = std::string("/apiauth") + "token/nb/create";
inline const std::string kRetiredDelete = std::string("/apiauth") + "token/delete?AUTH" + "TOKEN=";

// The repository root (AUTHSHIFT_SOURCE_DIR).
std::string SourceDir();

// A fresh directory under /tmp, removed (recursively) when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Write(const std::string& rel, const std::string& content) const;  // returns abs path

 private:
  std::string path_;
};

// Sets (or, with nullopt, unsets) an environment variable for the lifetime of the object, restoring
// the old value afterwards. Tests run one per process (catch_discover_tests), so this is safe.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs authshift's CLI in-process with `args` (without the program name), from directory `cwd`
// when given (restored afterwards).
CliResult RunCli(const std::vector<std::string>& args, const std::string& cwd = "");

std::string ReadAll(const std::string& path);

// True when `tool` is on PATH (tests that compile or run fixed code skip without it).
bool HaveTool(const std::string& tool);

// True when `text` contains `part` (the CLI's output, a fixed file).
inline bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One file of a `fix` run: its name (the extension picks the language), its text, and the text the fix
// must leave (nullopt: the file must stay exactly as it was, e.g. a withheld fix).
struct FixFile {
  std::string name = {};
  std::string text = {};
  std::optional<std::string> fixed = {};
};

// What a `fix` run must do: the files, the CLI options before the directory (`--token-source`, `--no-git`),
// `.authshift.yml` when not empty, parts the report must contain (withheld reasons, the summary line)
// and, when given, the exit code.
struct FixExpectation {
  std::vector<FixFile> files = {};
  std::vector<std::string> options = {};
  std::string config = {};
  std::vector<std::string> report = {};
  std::optional<int> code = {};
};

// Writes the files into `dir`, runs `authshift fix --no-color <options> <dir>` and CHECKs (Catch2) every
// file's text afterwards, each report part and the exit code. Returns the run for further checks.
CliResult ExpectFix(const TempDir& dir, const FixExpectation& expect);

// Compares `actual` with the golden file at `golden_path` (repo-relative); with
// AUTHSHIFT_UPDATE_GOLDEN=1 in the environment, rewrites the golden file instead.
bool MatchesGolden(const std::string& golden_path, const std::string& actual, std::string* diff_hint);

}  // namespace authshift::testing
