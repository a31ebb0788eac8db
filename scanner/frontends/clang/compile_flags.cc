// Compile flags for a C/C++ file (lower.h: Configure, CompileFlags): from a compile database when
// one covers the file, defaults otherwise. Databases are loaded once per directory and cached.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include "scanner/frontends/clang/lower.h"

#ifndef AUTHSHIFT_CLANG_RESOURCE_DIR
#error "AUTHSHIFT_CLANG_RESOURCE_DIR must be defined (cmake/Dependencies.cmake, target authshift_llvm)"
#endif

namespace authshift::frontends::clang_fe {
namespace {

// --- Settings and compile databases -----------------------------------------------------------------


struct DatabaseCache {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<clang::tooling::CompilationDatabase>> by_dir;  // null: none
};
DatabaseCache& Databases() {
  static DatabaseCache* cache = new DatabaseCache();  // never destroyed: used until exit
  return *cache;
}

std::shared_ptr<clang::tooling::CompilationDatabase> LoadDatabase(const std::string& dir) {
  DatabaseCache& cache = Databases();
  std::lock_guard<std::mutex> lock(cache.mu);
  auto it = cache.by_dir.find(dir);
  if (it != cache.by_dir.end()) return it->second;
  std::string err;
  std::shared_ptr<clang::tooling::CompilationDatabase> db;
  llvm::SmallString<256> file(dir);
  llvm::sys::path::append(file, "compile_commands.json");
  if (llvm::sys::fs::exists(file)) {
    db = clang::tooling::JSONCompilationDatabase::loadFromFile(
        file, err, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  }
  cache.by_dir[dir] = db;
  return db;
}

std::string AbsoluteIn(const std::string& dir, llvm::StringRef path) {
  if (llvm::sys::path::is_absolute(path)) return path.str();
  llvm::SmallString<256> out(dir);
  llvm::sys::path::append(out, path);
  llvm::sys::path::remove_dots(out, /*remove_dot_dot=*/true);
  return std::string(out.str());
}

// The command of `db` for `abs_path`, as flags for a syntax-only run from any directory.
std::optional<std::vector<std::string>> FlagsFromDatabase(const clang::tooling::CompilationDatabase& db,
                                                          const std::string& abs_path) {
  std::vector<clang::tooling::CompileCommand> cmds = db.getCompileCommands(abs_path);
  if (cmds.empty()) return std::nullopt;
  const clang::tooling::CompileCommand& cmd = cmds.front();
  clang::tooling::CommandLineArguments args = cmd.CommandLine;
  args = clang::tooling::getClangStripOutputAdjuster()(args, cmd.Filename);
  args = clang::tooling::getClangStripDependencyFileAdjuster()(args, cmd.Filename);
  std::vector<std::string> out;
  const std::string input = AbsoluteIn(cmd.Directory, cmd.Filename);
  static const std::set<std::string> kPathFlags = {"-I", "-isystem", "-iquote", "-idirafter", "-include",
                                                   "-imacros", "--sysroot", "-isysroot"};
  for (size_t i = 1; i < args.size(); ++i) {  // args[0] is the compiler
    const std::string& a = args[i];
    if (a == "-c" || a == "-S" || a == "-E" || a == "--") continue;
    if (a == cmd.Filename || AbsoluteIn(cmd.Directory, a) == input) continue;
    if (kPathFlags.count(a) != 0 && i + 1 < args.size()) {
      out.push_back(a);
      out.push_back(AbsoluteIn(cmd.Directory, args[++i]));
      continue;
    }
    bool joined = false;
    for (const char* flag : {"-I", "-isystem", "-iquote"}) {
      const size_t n = std::char_traits<char>::length(flag);
      if (a.size() > n && a.compare(0, n, flag) == 0) {
        out.push_back(std::string(flag) + AbsoluteIn(cmd.Directory, llvm::StringRef(a).substr(n)));
        joined = true;
        break;
      }
    }
    if (!joined) out.push_back(a);
  }
  return out;
}

}  // namespace

// Configure and CurrentSettings are in cfamily.cc (the binary's side; this file is the plugin's).

std::vector<std::string> CompileFlags(std::string_view abs_path, bool is_c, const Settings& settings,
                                      bool* from_database) {
  if (from_database != nullptr) *from_database = false;
  const std::string path(abs_path);
  std::vector<std::string> dirs;
  if (!settings.compile_db_dir.empty()) {
    dirs.push_back(settings.compile_db_dir);
  } else {
    const std::string base = settings.base_dir.empty() ? std::string(".") : settings.base_dir;
    dirs.push_back(base);
    dirs.push_back(AbsoluteIn(base, "build"));
  }
  std::vector<std::string> flags;
  for (const std::string& dir : dirs) {
    std::shared_ptr<clang::tooling::CompilationDatabase> db = LoadDatabase(dir);
    if (db == nullptr) continue;
    if (std::optional<std::vector<std::string>> f = FlagsFromDatabase(*db, path)) {
      flags = std::move(*f);
      if (from_database != nullptr) *from_database = true;
      break;
    }
  }
  const bool from_db = !flags.empty();
  if (!from_db) {
    flags.push_back(is_c ? "-xc" : "-xc++");
    flags.push_back(is_c ? "-std=gnu17" : "-std=gnu++17");
  }
  llvm::SmallString<256> dir(abs_path);
  llvm::sys::path::remove_filename(dir);
  if (!dir.empty()) flags.push_back("-I" + std::string(dir.str()));
  flags.push_back("-resource-dir=" AUTHSHIFT_CLANG_RESOURCE_DIR);
  flags.push_back("-fsyntax-only");
  flags.push_back("-w");
  flags.push_back("-fno-caret-diagnostics");
  flags.push_back("-ferror-limit=0");
  flags.push_back("-DCURL_DISABLE_TYPECHECK");
  return flags;
}

}  // namespace authshift::frontends::clang_fe

// The plugin's one export (lower.h: ClangPlugin).
extern "C" __attribute__((visibility("default"))) const authshift::frontends::clang_fe::ClangPlugin*
authshift_clang_plugin() {
  using namespace authshift::frontends::clang_fe;  // NOLINT(google-build-using-namespace): one table
  static const ClangPlugin kPlugin{kClangPluginVersion, &LowerWithClang, &CompileFlags};
  return &kPlugin;
}
