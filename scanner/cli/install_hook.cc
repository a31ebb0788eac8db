#include "scanner/cli/install_hook.h"

#include "scanner/core/git.h"
#include "scanner/core/process.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string_view>

namespace authshift::cli {
namespace {

namespace fs = std::filesystem;
using core::Fd;

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

std::string ShellQuote(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  q += '\'';
  return q;
}

std::string TrimNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// This executable's absolute path, or "authshift" (looked up on PATH when the hook runs).
std::string DefaultBinary() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty() || !self.is_absolute()) return "authshift";
  std::string s = self.string();
  if (s.ends_with(" (deleted)")) return "authshift";
  return s;
}

// The first 64 KiB of `path` (a hook script is far smaller); empty when unreadable.
std::string ReadHead(const fs::path& path) {
  std::string content;
  Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.Get() < 0) return content;
  std::array<char, 4096> buf{};
  while (content.size() < size_t{64} * 1024) {
    ssize_t n = read(fd.Get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    content.append(buf.data(), static_cast<size_t>(n));
  }
  return content;
}

// Replaces `path` (not what it may link to) with `data`, mode 0755: temp file + rename.
bool WriteExecutable(const fs::path& path, const std::string& data, std::string* error) {
  std::string tmpl = (path.parent_path() / ".pre-commit.authshift-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int raw_fd = mkostemp(buf.data(), O_CLOEXEC);
  if (raw_fd < 0) {
    *error = "cannot create a file in " + path.parent_path().string() + ": " + std::strerror(errno);
    return false;
  }
  Fd fd(raw_fd);
  std::string tmp_path(buf.data());
  auto fail = [&](const std::string& what) {
    *error = what + " " + tmp_path + ": " + std::strerror(errno);
    unlink(tmp_path.c_str());
    return false;
  };
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd.Get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    done += static_cast<size_t>(n);
  }
  if (fchmod(fd.Get(), 0755) != 0) return fail("cannot chmod");
  if (fsync(fd.Get()) != 0) return fail("cannot sync");
  fd.Close();
  if (rename(tmp_path.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path.string() + ": " + std::strerror(errno);
    unlink(tmp_path.c_str());
    return false;
  }
  return true;
}

}  // namespace

std::string PreCommitHookScript(const std::string& binary) {
  std::ostringstream s;
  s << "#!/bin/sh\n"
    << kInstallHookMarker << "\n"
    << "#\n"
       "# Scans what this commit adds (the staged content of the added, copied, modified and renamed\n"
       "# files, not the work tree) for Zoho Authtoken usage and refuses the commit on findings at or\n"
       "# above --fail-on (.authshift.yml, default 'warning'). Skip it once with `git commit --no-verify`;\n"
       "# run `authshift install-hook` again to update it (it overwrites files carrying the marker line\n"
       "# above); delete it to remove.\n"
    << "authshift=" << ShellQuote(binary) << "\n"
    << "if ! command -v \"$authshift\" >/dev/null 2>&1; then\n"
       "  echo \"authshift pre-commit hook: $authshift not found or not executable;"
       " reinstall with 'authshift install-hook' (or commit with --no-verify)\" >&2\n"
       "  exit 1\n"
       "fi\n"
       "# --staged reads the index git is about to commit (GIT_INDEX_FILE: also right for\n"
       "# `git commit -a` and `git commit PATH`); nothing staged means nothing to scan.\n"
       "exec \"$authshift\" scan --staged\n";
  return s.str();
}

int RunInstallHook(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  bool force = false;
  std::string repo = ".";
  std::optional<std::string> binary;
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string name = argv[i];
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos && name.starts_with("--")) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (name == "--force") {
      if (value) {
        err << "authshift install-hook: option '--force' takes no value\n";
        return kExitUsage;
      }
      force = true;
      continue;
    }
    if (name == "--path" || name == "--binary") {
      if (!value) {
        if (i + 1 >= argv.size()) {
          err << "authshift install-hook: option '" << name << "' needs a value\n";
          return kExitUsage;
        }
        value = argv[++i];
      }
      if (value->empty()) {
        err << "authshift install-hook: option '" << name << "' needs a non-empty value\n";
        return kExitUsage;
      }
      if (name == "--path") {
        repo = *value;
      } else {
        binary = *value;
      }
      continue;
    }
    if (name.starts_with("-")) {
      err << "authshift install-hook: unknown option '" << name << "'\n";
    } else {
      err << "authshift install-hook: unexpected argument '" << name << "' (the repository is --path DIR)\n";
    }
    err << "Run 'authshift help install-hook' for the options.\n";
    return kExitUsage;
  }

  // The hook runs from the top of the work tree, so a binary given by a relative path is made
  // absolute now; a bare name stays a PATH lookup at commit time.
  std::string hook_binary;
  if (!binary) {
    hook_binary = DefaultBinary();
  } else if (binary->find('/') == std::string::npos) {
    hook_binary = *binary;
  } else {
    std::error_code ec;
    fs::path abs = fs::absolute(*binary, ec).lexically_normal();
    struct stat st {};
    if (ec || stat(abs.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || access(abs.c_str(), X_OK) != 0) {
      err << "authshift install-hook: --binary " << *binary << ": not an executable file\n";
      return kExitUsage;
    }
    hook_binary = abs.string();
  }

  std::string hooks_path;
  std::string git_error;
  if (!core::GitHooksDir(repo, &hooks_path, &git_error)) {
    err << "authshift install-hook: " << git_error << '\n';
    return kExitUsage;
  }
  fs::path hooks_dir = hooks_path;
  std::error_code ec;
  fs::create_directories(hooks_dir, ec);
  if (ec) {
    err << "authshift install-hook: cannot create the hooks directory " << hooks_dir.string() << ": "
        << ec.message() << '\n';
    return kExitUsage;
  }
  fs::path hook = hooks_dir / "pre-commit";

  bool existed = false;
  struct stat lst {};
  if (lstat(hook.c_str(), &lst) == 0) {
    existed = true;
    struct stat st {};
    bool regular = stat(hook.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (!regular && S_ISDIR(st.st_mode)) {
      err << "authshift install-hook: " << hook.string() << " is a directory\n";
      return kExitUsage;
    }
    // Only a regular file (or a link to one) can carry the marker; a FIFO is never opened.
    std::istringstream lines(regular ? ReadHead(hook) : std::string());
    bool ours = false;
    for (std::string line; std::getline(lines, line);) {
      if (TrimNewlines(line) == kInstallHookMarker) {
        ours = true;
        break;
      }
    }
    if (!ours && !force) {
      err << "authshift install-hook: " << hook.string()
          << " already exists and was not installed by authshift; not touching it. Add the line\n"
             "  authshift scan --staged || exit 1\n"
             "to it yourself, or replace it with --force\n";
      return kExitUsage;
    }
  } else if (errno != ENOENT) {
    err << "authshift install-hook: cannot access " << hook.string() << ": " << std::strerror(errno) << '\n';
    return kExitUsage;
  }

  std::string error;
  if (!WriteExecutable(hook, PreCommitHookScript(hook_binary), &error)) {
    err << "authshift install-hook: " << error << '\n';
    return kExitUsage;
  }
  out << "authshift install-hook: " << (existed ? "replaced " : "wrote ") << hook.string() << " (runs "
      << hook_binary << " scan --staged)\n";
  return kExitOk;
}

}  // namespace authshift::cli
