#include "scanner/core/git.h"

#include "scanner/core/process.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string_view>

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX name

namespace authshift::core {
namespace {

namespace fs = std::filesystem;

bool IsGitRepositoryVar(std::string_view name) {
  return std::find(kGitRepositoryVars.begin(), kGitRepositoryVars.end(), name) != kGitRepositoryVars.end();
}

// `value` made absolute against `cwd`: one path, or each element of a ':'-separated list.
std::string Absolute(const fs::path& cwd, std::string_view value, bool is_list) {
  std::string out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = is_list ? value.find(':', start) : std::string_view::npos;
    if (end == std::string_view::npos) end = value.size();
    std::string_view part = value.substr(start, end - start);
    if (start > 0) out += ':';
    out += part.empty() || part[0] == '/' ? std::string(part) : (cwd / part).lexically_normal().string();
    start = end + 1;
  }
  return out;
}

// Runs git; `on_out` receives stdout as it arrives, stderr is collected in `err`.
GitOutput Spawn(const std::string& dir, const std::vector<std::string>& args, GitEnv env,
                const std::string& input, const std::function<void(const char*, size_t)>& on_out) {
  std::vector<std::string> argv = {"git", "--no-optional-locks", "-c", "core.fsmonitor=false",
                                   "-c", "core.quotepath=off"};
  // A caller that set GIT_DIR (git does, for hooks in a linked worktree) has chosen the repository,
  // and without GIT_WORK_TREE git takes the working directory as the top: keep ours then.
  if (env == GitEnv::kIgnoreCaller || std::getenv("GIT_DIR") == nullptr) {
    argv.emplace_back("-C");
    argv.push_back(dir);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult p = RunProcess(argv, GitEnvironment(env), input, on_out);
  GitOutput result;
  result.spawned = p.spawned;
  result.spawn_error = p.spawn_error;
  result.status = p.status;
  result.err = p.spawned ? std::move(p.err) : std::string("cannot run git: ") + std::strerror(p.spawn_error);
  return result;
}

std::string FirstLine(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// "git <what> failed (git: <its first stderr line>)".
std::string Failure(const std::string& what, const GitOutput& g) {
  if (!g.spawned) return g.err.empty() ? "cannot run git" : g.err;
  std::string why = FirstLine(g.err);
  return "git " + what + " failed" + (why.empty() ? "" : " (git: " + why + ")");
}

std::vector<std::string> SplitNul(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    parts.emplace_back(s, start, end - start);
    start = end + 1;
  }
  return parts;
}

// Git's C-style quoting of names with special bytes: "b/odd\nname" -> b/odd<LF>name.
std::string Unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  std::string_view body = s.substr(1, s.size() - 2);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    char e = body[++i];
    if (e >= '0' && e <= '7') {
      int v = 0;
      size_t end = std::min(body.size(), i + 3);
      while (i < end && body[i] >= '0' && body[i] <= '7') v = v * 8 + (body[i++] - '0');
      --i;
      out += static_cast<char>(v);
      continue;
    }
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      default: out += e;  // \" and \\ (anything else literally)
    }
  }
  return out;
}

// "12" or "12,3" -> (12, 3); the count defaults to 1.
bool ParseRange(std::string_view s, uint32_t* start, uint32_t* count) {
  size_t comma = s.find(',');
  std::string_view a = s.substr(0, comma);
  std::string_view b = comma == std::string_view::npos ? std::string_view("1") : s.substr(comma + 1);
  if (a.empty() || b.empty()) return false;
  uint64_t x = 0;
  uint64_t y = 0;
  for (char c : a) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + static_cast<uint64_t>(c - '0');
    if (x > UINT32_MAX) return false;
  }
  for (char c : b) {
    if (c < '0' || c > '9') return false;
    y = y * 10 + static_cast<uint64_t>(c - '0');
    if (y > UINT32_MAX) return false;
  }
  *start = static_cast<uint32_t>(x);
  *count = static_cast<uint32_t>(y);
  return true;
}

}  // namespace

std::vector<std::string> GitEnvironment(GitEnv mode) {
  std::vector<std::string> env;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    std::string_view name = std::string_view(entry).substr(0, eq == std::string::npos ? entry.size() : eq);
    if (eq == std::string::npos || !IsGitRepositoryVar(name)) {
      env.push_back(std::move(entry));
      continue;
    }
    if (mode == GitEnv::kIgnoreCaller) continue;
    if (!ec && name != "GIT_NAMESPACE") {
      bool is_list = name == "GIT_ALTERNATE_OBJECT_DIRECTORIES";
      entry = std::string(name) + "=" + Absolute(cwd, std::string_view(entry).substr(eq + 1), is_list);
    }
    env.push_back(std::move(entry));
  }
  return env;
}

GitOutput RunGitIn(const std::string& dir, const std::vector<std::string>& args, GitEnv env,
                   const std::string& input) {
  GitOutput result;
  std::string out;
  result = Spawn(dir, args, env, input, [&out](const char* data, size_t n) { out.append(data, n); });
  result.out = std::move(out);
  return result;
}

bool GitInsideWorkTree(const std::string& dir) {
  GitOutput g = RunGitIn(dir, {"rev-parse", "--is-inside-work-tree"}, GitEnv::kIgnoreCaller);
  return g.spawned && g.status == 0 && FirstLine(g.out) == "true";
}

bool GitListFiles(const std::string& dir, std::vector<std::string>* paths) {
  GitOutput g =
      RunGitIn(dir, {"ls-files", "-z", "--cached", "--others", "--exclude-standard"}, GitEnv::kIgnoreCaller);
  if (!g.spawned || g.status != 0) return false;
  for (auto& p : SplitNul(g.out)) {
    if (!p.empty()) paths->push_back(std::move(p));
  }
  return true;
}

std::string GitPrefix(const std::string& dir) {
  GitOutput g = RunGitIn(dir, {"rev-parse", "--show-prefix"}, GitEnv::kIgnoreCaller);
  if (!g.spawned || g.status != 0) return "";
  std::string out = std::move(g.out);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

bool GitHooksDir(const std::string& repo, std::string* dir, std::string* error) {
  GitOutput g =
      RunGitIn(repo, {"rev-parse", "--path-format=absolute", "--git-path", "hooks"}, GitEnv::kIgnoreCaller);
  if (!g.spawned) {
    *error = g.err;
    return false;
  }
  if (g.status != 0) {
    std::string why = g.err;
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    *error = repo + " is not in a git repository" + (why.empty() ? "" : " (git: " + why + ")");
    return false;
  }
  std::string line = FirstLine(g.out);
  if (line.empty()) {
    *error = "git rev-parse --git-path hooks printed nothing in " + repo;
    return false;
  }
  std::error_code ec;
  fs::path hooks = line;
  if (hooks.is_relative()) hooks = fs::absolute(fs::path(repo) / hooks, ec);
  *dir = hooks.lexically_normal().string();
  return true;
}

bool GitTopLevel(const std::string& dir, std::string* top, std::string* error) {
  GitOutput g = RunGitIn(dir, {"rev-parse", "--show-toplevel"}, GitEnv::kFollowCaller);
  std::string line = FirstLine(g.out);
  if (!g.spawned) {
    *error = g.err;
    return false;
  }
  if (g.status != 0 || line.empty()) {
    std::string why = FirstLine(g.err);
    *error = dir + " is not in a git work tree" + (why.empty() ? "" : " (git: " + why + ")");
    return false;
  }
  *top = line;
  return true;
}

bool GitResolveCommit(const std::string& dir, const std::string& rev, std::string* oid, std::string* error) {
  GitOutput g = RunGitIn(dir, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"},
                         GitEnv::kFollowCaller);
  std::string line = FirstLine(g.out);
  if (!g.spawned) {
    *error = g.err;
    return false;
  }
  if (g.status != 0 || line.empty() || rev.empty()) {
    *error = "unknown revision '" + rev + "' (not a commit in this repository)";
    return false;
  }
  *oid = line;
  return true;
}

bool GitStagedFiles(const std::string& dir, const std::string& base, const std::vector<std::string>& pathspecs,
                    std::vector<StagedEntry>* out, std::string* error) {
  std::vector<std::string> args = {"--literal-pathspecs", "diff", "--cached", "--raw", "-z", "--no-abbrev",
                                   "--no-ext-diff", "-M", "--diff-filter=ACMR"};
  if (!base.empty()) args.push_back(base);
  args.emplace_back("--");
  args.insert(args.end(), pathspecs.begin(), pathspecs.end());
  GitOutput g = RunGitIn(dir, args, GitEnv::kFollowCaller);
  if (!g.spawned || g.status != 0) {
    *error = Failure("diff --cached", g);
    return false;
  }
  // ":<old mode> <new mode> <old oid> <new oid> <status>" NUL path NUL (a second path for C and R).
  std::vector<std::string> parts = SplitNul(g.out);
  out->clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& head = parts[i];
    if (head.empty() || head[0] != ':') {
      *error = "unexpected output from git diff --raw: '" + head.substr(0, 60) + "'";
      return false;
    }
    std::vector<std::string> fields;
    size_t pos = 1;
    while (pos <= head.size()) {
      size_t sp = head.find(' ', pos);
      if (sp == std::string::npos) sp = head.size();
      fields.emplace_back(head, pos, sp - pos);
      pos = sp + 1;
    }
    if (fields.size() != 5 || fields[4].empty()) {
      *error = "unexpected output from git diff --raw: '" + head.substr(0, 60) + "'";
      return false;
    }
    char status = fields[4][0];
    size_t names = status == 'R' || status == 'C' ? 2 : 1;
    if (i + names >= parts.size()) {
      *error = "truncated output from git diff --raw";
      return false;
    }
    i += names;
    out->push_back({parts[i], fields[1], fields[3]});
  }
  std::sort(out->begin(), out->end(), [](const StagedEntry& a, const StagedEntry& b) { return a.path < b.path; });
  return true;
}

bool GitReadBlobs(const std::string& dir, const std::vector<std::string>& oids, uint64_t max_size,
                  std::vector<Blob>* out, std::string* error) {
  out->assign(oids.size(), Blob());
  if (oids.empty()) return true;
  std::string input;
  for (const auto& oid : oids) input += oid + '\n';
  // "<oid> blob <size>\n<bytes>\n" or "<oid> missing\n", in input order; parsed as it streams,
  // so a blob over the limit is never held in memory.
  enum class State { kHeader, kBody, kTrailer } state = State::kHeader;
  size_t index = 0;
  std::string header;
  uint64_t remaining = 0;
  bool bad = false;
  auto on_out = [&](const char* data, size_t n) {
    size_t i = 0;
    while (i < n && !bad) {
      if (index >= out->size()) {
        bad = true;
        break;
      }
      Blob& blob = (*out)[index];
      if (state == State::kHeader) {
        const char* nl = static_cast<const char*>(std::memchr(data + i, '\n', n - i));
        size_t end = nl == nullptr ? n : static_cast<size_t>(nl - data);
        header.append(data + i, end - i);
        i = end;
        if (nl == nullptr) break;
        ++i;
        size_t sp = header.rfind(' ');
        std::string last = sp == std::string::npos ? header : header.substr(sp + 1);
        if (last == "missing") {
          blob.missing = true;
          ++index;
        } else {
          uint64_t size = 0;
          if (last.empty() || last.find_first_not_of("0123456789") != std::string::npos) {
            bad = true;
            break;
          }
          for (char c : last) size = size * 10 + static_cast<uint64_t>(c - '0');
          blob.size = size;
          blob.too_large = size > max_size;
          if (!blob.too_large) blob.bytes.reserve(size);
          remaining = size;
          state = remaining == 0 ? State::kTrailer : State::kBody;
        }
        header.clear();
      } else if (state == State::kBody) {
        size_t take = static_cast<size_t>(std::min<uint64_t>(remaining, n - i));
        if (!blob.too_large) blob.bytes.append(data + i, take);
        i += take;
        remaining -= take;
        if (remaining == 0) state = State::kTrailer;
      } else {
        ++i;  // the newline after the bytes
        ++index;
        state = State::kHeader;
      }
    }
  };
  GitOutput g = Spawn(dir, {"cat-file", "--batch"}, GitEnv::kFollowCaller, input, on_out);
  if (!g.spawned || g.status != 0) {
    *error = Failure("cat-file --batch", g);
    return false;
  }
  if (bad || index != oids.size()) {
    *error = "unexpected output from git cat-file --batch";
    return false;
  }
  return true;
}

std::map<std::string, LineRanges> ParseUnifiedZeroDiff(const std::string& diff) {
  std::map<std::string, LineRanges> out;
  LineRanges* ranges = nullptr;
  uint64_t body_left = 0;  // hunk body lines still to skip ('-', '+', and "\ No newline" notes)
  size_t pos = 0;
  while (pos < diff.size()) {
    size_t nl = diff.find('\n', pos);
    if (nl == std::string::npos) nl = diff.size();
    std::string_view line(diff.data() + pos, nl - pos);
    pos = nl + 1;
    if (body_left > 0 && !line.empty() && (line[0] == '+' || line[0] == '-' || line[0] == ' ')) {
      --body_left;
      continue;
    }
    if (!line.empty() && line[0] == '\\') continue;  // "\ No newline at end of file"
    body_left = 0;
    if (line.starts_with("diff --git ")) {
      ranges = nullptr;
      continue;
    }
    if (line.starts_with("+++ ")) {
      std::string_view name = line.substr(4);
      if (name == "/dev/null") {
        ranges = nullptr;
        continue;
      }
      std::string path;
      if (!name.empty() && name.front() == '"') {
        path = Unquote(name.substr(0, name.rfind('"') + 1));
      } else {
        // git ends the line with a tab when the name holds a space (for GNU patch).
        if (!name.empty() && name.back() == '\t') name.remove_suffix(1);
        path = std::string(name);
      }
      if (path.rfind("b/", 0) == 0) path.erase(0, 2);
      ranges = &out[path];
      continue;
    }
    if (line.starts_with("@@ ") && ranges != nullptr) {
      // @@ -a[,b] +c[,d] @@
      size_t minus = line.find('-');
      size_t plus = line.find(" +", minus == std::string_view::npos ? 0 : minus);
      if (minus == std::string_view::npos || plus == std::string_view::npos) continue;
      size_t minus_end = line.find(' ', minus);
      size_t plus_end = line.find(' ', plus + 2);
      uint32_t old_start = 0;
      uint32_t old_count = 0;
      uint32_t new_start = 0;
      uint32_t new_count = 0;
      if (!ParseRange(line.substr(minus + 1, minus_end - minus - 1), &old_start, &old_count) ||
          !ParseRange(line.substr(plus + 2, plus_end - plus - 2), &new_start, &new_count)) {
        continue;
      }
      if (new_count > 0) ranges->emplace_back(new_start, new_start + new_count - 1);
      body_left = uint64_t{old_count} + new_count;
    }
  }
  return out;
}

bool GitChangedLines(const std::string& dir, const std::string& base, bool cached,
                     std::map<std::string, LineRanges>* out, std::string* error) {
  // Explicit prefixes and no external diff, text conversion or colour, whatever the configuration.
  std::vector<std::string> args = {"diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
                                   "--src-prefix=a/", "--dst-prefix=b/"};
  if (cached) args.emplace_back("--cached");
  args.push_back(base);
  args.emplace_back("--");
  GitOutput g = RunGitIn(dir, args, GitEnv::kFollowCaller);
  if (!g.spawned || g.status != 0) {
    *error = Failure("diff " + base, g);
    return false;
  }
  *out = ParseUnifiedZeroDiff(g.out);
  return true;
}

bool GitUntrackedFiles(const std::string& dir, std::set<std::string>* out, std::string* error) {
  GitOutput g = RunGitIn(dir, {"ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/"},
                         GitEnv::kFollowCaller);
  if (!g.spawned || g.status != 0) {
    *error = Failure("ls-files --others", g);
    return false;
  }
  for (auto& p : SplitNul(g.out)) out->insert(std::move(p));
  return true;
}

bool LinesTouch(const LineRanges& ranges, uint32_t first, uint32_t last) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const std::pair<uint32_t, uint32_t>& r) { return r.first <= last && first <= r.second; });
}

}  // namespace authshift::core
