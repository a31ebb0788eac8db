#pragma once
// C and C++ lowered to IR facts (scanner/ir/facts.h) through Clang LibTooling (Clang 14).
//
// Two stages:
//   1. LowerWithClang (lower.cc; compile flags and databases in compile_flags.cc): the file is parsed
//      with the flags of a compile database or with defaults, and its AST (main file only) becomes
//      generic facts: strings (decoded, adjacent literals as a kConcat of their pieces; a piece
//      from an object-like `#define` of strings is a kName bound to the macro), `+` on strings,
//      calls (callee as written: `curl_easy_setopt`, `cpr::Get`, `req.setRawHeader`; constructors
//      by their class: `cpr::Parameters`), brace lists of pairs as maps (`{{"k", v}, …}`), bindings
//      (locals, globals, `static`/`constexpr` constants, `#define`s, `=`/`+=` assignments, params),
//      `m["k"] = v` entries, one scope per function and lambda. Conversions (`std::string(x)`,
//      `x.c_str()`, `.toUtf8()`, `QString::fromUtf8(x)`, `QStringLiteral("…")`) are transparent.
//      Spans are macro-aware: a literal in a macro argument is located where it is written.
//   2. LowerCFamily (cfamily.cc, no Clang headers): runs stage 1, then the library semantics that
//      work on facts alone (so they also serve the degraded path): printf/`std::format`/`QString::arg`
//      templates, `curl_slist_append` header lines, CURLOPT_POSTFIELDS form bodies, Qt/Poco puts.
//
// The tree-sitter path: without Clang (a build with -DAUTHSHIFT_WITH_CLANG=OFF) every C/C++ file,
// and in a Clang build every file with a missing header ("degraded": Clang drops what depends on
// the header, e.g. a C++ call to an undeclared `curl_easy_setopt` with its arguments), is lowered
// by tree-sitter (scanner/frontends/treesitter/lang/c.cc) into the same facts, from the file's own
// syntax; stage 2 then runs on those facts alike. CFamilyResult::path says which path a file took.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::frontends::clang_fe {

// Process-wide settings, set once before scanning (not synchronised with running scans).
// How C/C++ files are lowered in a Clang build (`--cfamily`, docs/performance.md): kAuto uses Clang
// for a file a compile database covers (`-p DIR`, or compile_commands.json in the scan root or its
// build/) and tree-sitter otherwise; kClang uses Clang for every file (default flags without a
// database; tree-sitter only when a header is missing); kTreeSitter never uses Clang.
enum class CFamilyMode : uint8_t { kAuto, kClang, kTreeSitter };

// "auto", "clang" or "tree-sitter"; nullopt for anything else.
std::optional<CFamilyMode> ParseCFamilyMode(std::string_view text);

struct Settings {
  std::string compile_db_dir;  // `-p DIR`: the directory holding compile_commands.json
  std::string base_dir;        // relative file paths are relative to it (the scan root); "" = cwd
  CFamilyMode mode = CFamilyMode::kClang;  // the CLI picks per command (scan: kAuto)
};
void Configure(const Settings& settings);
const Settings& CurrentSettings();

struct ClangOutcome {
  bool ran = false;             // an AST was built
  bool missing_header = false;  // an #include was not found
  size_t errors = 0;            // error diagnostics
  std::string first_error;      // "line:col: message"
};

// Compile flags for `abs_path`: the compile database's command (output, dependency-file and input
// arguments removed, relative include paths made absolute) when one covers the file, defaults
// otherwise (-std=c17 / -std=c++17, the file's directory on the include path). Both get Clang's
// resource directory, -fsyntax-only, -w, -ferror-limit=0 and -DCURL_DISABLE_TYPECHECK.
// `from_database` (optional) is set when a database supplied the command. `settings`: where the
// databases are (Settings::compile_db_dir, else the base directory and its build/). Thread-safe.
std::vector<std::string> CompileFlags(std::string_view abs_path, bool is_c, const Settings& settings,
                                      bool* from_database = nullptr);

// Stage 1 (Clang builds only). `path` names the file (absolute, or relative to the base directory); `code` is its
// content (parsed from memory, headers from disk). Appends to *out. Thread-safe.
ClangOutcome LowerWithClang(std::string_view code, std::string_view path, const std::vector<std::string>& flags,
                            ir::Facts* out);

// Stage 1 lives in a plugin, libauthshift_clang.so (lower.cc, compile_flags.cc, string_literals.cc
// and LLVM): the binary loads it (dlopen) when the first file needs Clang, so that a run which
// never does — every scan without a compile database — starts without LLVM's libraries (tens of
// milliseconds of loading). The plugin exports one C function returning this table.
struct ClangPlugin {
  uint32_t version;  // kClangPluginVersion
  ClangOutcome (*lower)(std::string_view code, std::string_view path, const std::vector<std::string>& flags,
                        ir::Facts* out);
  std::vector<std::string> (*compile_flags)(std::string_view abs_path, bool is_c, const Settings& settings,
                                            bool* from_database);
};
inline constexpr uint32_t kClangPluginVersion = 1;
inline constexpr const char* kClangPluginSymbol = "authshift_clang_plugin";
inline constexpr const char* kClangPluginFile = "libauthshift_clang.so";

// The plugin, loaded on first use (thread-safe): from $AUTHSHIFT_CLANG_PLUGIN, else beside the
// binary, else in ../lib/authshift/ from the binary (the installed layout). nullptr when there is
// none or it does not load (why: PluginError()); C/C++ files then go through tree-sitter.
const ClangPlugin* LoadClangPlugin();
const std::string& PluginError();

// CFamilyResult::path: the frontend that built a file's facts.
inline constexpr std::string_view kPathClang = "clang";
inline constexpr std::string_view kPathTreeSitter = "tree-sitter";  // a build without Clang, or asked for
inline constexpr std::string_view kPathTreeSitterNoDatabase = "tree-sitter (no compile database)";
inline constexpr std::string_view kPathTreeSitterNoPlugin = "tree-sitter (Clang plugin not found)";
inline constexpr std::string_view kPathTreeSitterMissingHeaders = "tree-sitter (headers missing)";

struct CFamilyResult {
  ir::Facts facts;
  bool degraded = false;   // Clang build: a missing header, or no AST (facts from tree-sitter)
  size_t errors = 0;       // Clang's error count; without Clang, tree-sitter's syntax errors
  std::string first_error;
  std::string_view path;   // kPathClang or one of the kPathTreeSitter… values
};

// Whether a file of language "c" (.c or .h) is parsed as C: a .h that reads like C++ is C++.
bool IsCLanguage(std::string_view language, std::string_view path, std::string_view code);

// Stage 1 + 2 for language "c" or "cpp". Never throws for input reasons. Thread-safe.
CFamilyResult LowerCFamily(std::string_view language, std::string_view code, std::string_view path);

// Stage 2 alone (exposed for tests): the library semantics on facts of a C/C++ file.
void ApplyLibrarySemantics(std::string_view code, ir::Facts* facts);


}  // namespace authshift::frontends::clang_fe

namespace authshift::frontends::clang_fe {

// Decodes one C/C++ string-literal token (`"a\n"`, `u8"x"`, `L"y"`, `R"d(z)d"`): *text receives
// the value as UTF-8, [*inner_begin, *inner_end) the offsets of the characters between the quotes
// (or the raw delimiters) within `token`. False when `token` is not a string literal.
bool DecodeCString(std::string_view token, std::string* text, size_t* inner_begin, size_t* inner_end);

}  // namespace authshift::frontends::clang_fe
