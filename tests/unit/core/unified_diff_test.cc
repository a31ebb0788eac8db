#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "scanner/core/unified_diff.h"
#include "tests/test_util.h"

using authshift::core::FileChange;
using authshift::core::UnifiedDiff;
using authshift::core::UnifiedDiffSet;
using authshift::testing::ReadAll;
using authshift::testing::TempDir;

namespace {

namespace fs = std::filesystem;

std::string Header(const std::string& path) {
  return "diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path + "\n";
}

std::string Numbered(int from, int to, const std::string& eol = "\n") {
  std::string s;
  for (int i = from; i <= to; ++i) s += "L" + std::to_string(i) + eol;
  return s;
}

// Runs a shell command in `dir` with git isolated from the machine's and user's configuration.
int RunIn(const std::string& dir, const std::string& command) {
  std::string full = "cd '" + dir + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null " + command +
                     " >/dev/null 2>&1";
  return std::system(full.c_str());
}

void WriteBytes(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << data;
}

}  // namespace

TEST_CASE("identical inputs give an empty diff", "[diff]") {
  CHECK(UnifiedDiff("f", "", "") == "");
  CHECK(UnifiedDiff("f", "a\r\nb", "a\r\nb") == "");
  CHECK(UnifiedDiffSet({{"a", "x\n", "x\n"}, {"b", "", ""}}) == "");
}

TEST_CASE("one changed line with three lines of context", "[diff]") {
  std::string before = Numbered(1, 9);
  std::string after = before;
  after.replace(after.find("L5\n"), 3, "five\n");
  CHECK(UnifiedDiff("src/f.py", before, after) ==
        Header("src/f.py") + "@@ -2,7 +2,7 @@\n L2\n L3\n L4\n-L5\n+five\n L6\n L7\n L8\n");
  CHECK(UnifiedDiff("src/f.py", before, after, 0) == Header("src/f.py") + "@@ -5 +5 @@\n-L5\n+five\n");
}

TEST_CASE("insertion at the start and at the end", "[diff]") {
  std::string before = "a\nb\n";
  CHECK(UnifiedDiff("f", before, "new\na\nb\n") == Header("f") + "@@ -1,2 +1,3 @@\n+new\n a\n b\n");
  CHECK(UnifiedDiff("f", before, "new\na\nb\n", 0) == Header("f") + "@@ -0,0 +1 @@\n+new\n");
  CHECK(UnifiedDiff("f", before, "a\nb\nc\nd\n") == Header("f") + "@@ -1,2 +1,4 @@\n a\n b\n+c\n+d\n");
  CHECK(UnifiedDiff("f", before, "a\nb\nc\nd\n", 0) == Header("f") + "@@ -2,0 +3,2 @@\n+c\n+d\n");
  CHECK(UnifiedDiff("f", before, "a\nb\n", 0).empty());
}

TEST_CASE("deleting lines, all of them, and creating content in an empty file", "[diff]") {
  CHECK(UnifiedDiff("f", "a\nb\n", "") == Header("f") + "@@ -1,2 +0,0 @@\n-a\n-b\n");
  CHECK(UnifiedDiff("f", "only", "") ==
        Header("f") + "@@ -1 +0,0 @@\n-only\n\\ No newline at end of file\n");
  CHECK(UnifiedDiff("f", "", "x\ny\n") == Header("f") + "@@ -0,0 +1,2 @@\n+x\n+y\n");
  CHECK(UnifiedDiff("f", "", "x") == Header("f") + "@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n");
  CHECK(UnifiedDiff("f", "a\nb\nc\nd\n", "a\nd\n", 0) == Header("f") + "@@ -2,2 +1,0 @@\n-b\n-c\n");
}

TEST_CASE("adding and removing the final newline", "[diff]") {
  CHECK(UnifiedDiff("f", "a\nb", "a\nb\n") ==
        Header("f") + "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(UnifiedDiff("f", "a\nb\n", "a\nb") ==
        Header("f") + "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
  // The unterminated last line as context.
  CHECK(UnifiedDiff("f", "a\nb\nc", "A\nb\nc") ==
        Header("f") + "@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n");
  // Changed on both sides, neither terminated.
  CHECK(UnifiedDiff("f", "a\nb", "a\nc") == Header("f") +
                                               "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
                                               "+c\n\\ No newline at end of file\n");
}

TEST_CASE("CRLF lines keep their carriage return as content", "[diff]") {
  CHECK(UnifiedDiff("w.cs", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n") ==
        Header("w.cs") + "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n");
  // A line whose only change is the line ending is a change.
  CHECK(UnifiedDiff("w.cs", "a\r\nb\r\n", "a\r\nb\n") == Header("w.cs") + "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+b\n");
}

TEST_CASE("far-apart changes make two hunks, overlapping contexts one", "[diff]") {
  std::string before = Numbered(1, 20);
  auto change = [&](std::vector<int> lines) {
    std::string s = before;
    for (int n : lines) {
      std::string from = "L" + std::to_string(n) + "\n";
      s.replace(s.find("\n" + from) + 1, from.size(), "X" + std::to_string(n) + "\n");
    }
    return s;
  };
  // Gap of 7 unchanged lines (6..12 between 5 and 13): two hunks.
  CHECK(UnifiedDiff("f", before, change({5, 13})) ==
        Header("f") + "@@ -2,7 +2,7 @@\n L2\n L3\n L4\n-L5\n+X5\n L6\n L7\n L8\n"
                      "@@ -10,7 +10,7 @@\n L10\n L11\n L12\n-L13\n+X13\n L14\n L15\n L16\n");
  // Gap of 6 (6..11 between 5 and 12): the contexts touch, one hunk.
  CHECK(UnifiedDiff("f", before, change({5, 12})) ==
        Header("f") + "@@ -2,14 +2,14 @@\n L2\n L3\n L4\n-L5\n+X5\n L6\n L7\n L8\n L9\n L10\n L11\n"
                      "-L12\n+X12\n L13\n L14\n L15\n");
  // Hunk line numbers on the new side follow earlier insertions.
  std::string grown = before;
  grown.insert(0, "N1\nN2\n");
  grown.replace(grown.find("L18\n"), 4, "X18\n");
  CHECK(UnifiedDiff("f", before, grown) == Header("f") + "@@ -1,3 +1,5 @@\n+N1\n+N2\n L1\n L2\n L3\n"
                                                         "@@ -15,6 +17,6 @@\n L15\n L16\n L17\n-L18\n+X18\n L19\n L20\n");
}

TEST_CASE("paths are written like git writes them", "[diff]") {
  // A space alone: unquoted, with git's trailing tab on the ---/+++ lines.
  CHECK(UnifiedDiff("dir x/with space.txt", "a\n", "b\n") ==
        "diff --git a/dir x/with space.txt b/dir x/with space.txt\n"
        "--- a/dir x/with space.txt\t\n+++ b/dir x/with space.txt\t\n@@ -1 +1 @@\n-a\n+b\n");
  // Non-ASCII: C-quoted with octal escapes (core.quotepath=true), the tab still follows the space.
  CHECK(UnifiedDiff("caf\xc3\xa9 \xc3\xbc.txt", "a\n", "b\n") ==
        "diff --git \"a/caf\\303\\251 \\303\\274.txt\" \"b/caf\\303\\251 \\303\\274.txt\"\n"
        "--- \"a/caf\\303\\251 \\303\\274.txt\"\t\n+++ \"b/caf\\303\\251 \\303\\274.txt\"\t\n"
        "@@ -1 +1 @@\n-a\n+b\n");
  CHECK(UnifiedDiff("t\tq\"b\\s", "a\n", "b\n") ==
        "diff --git \"a/t\\tq\\\"b\\\\s\" \"b/t\\tq\\\"b\\\\s\"\n--- \"a/t\\tq\\\"b\\\\s\"\n"
        "+++ \"b/t\\tq\\\"b\\\\s\"\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST_CASE("a diff set is ordered by path and skips unchanged files", "[diff]") {
  std::string set = UnifiedDiffSet({{"z.txt", "1\n", "2\n"}, {"a.txt", "1\n", "1\n"}, {"m/b.txt", "", "x\n"}});
  CHECK(set == Header("m/b.txt") + "@@ -0,0 +1 @@\n+x\n" + Header("z.txt") + "@@ -1 +1 @@\n-1\n+2\n");
}

TEST_CASE("a 100k-line file with 3 changed lines diffs fast", "[diff]") {
  std::string before = Numbered(1, 100000);
  std::string after = before;
  for (int n : {10, 50000, 99990}) {
    std::string from = "\nL" + std::to_string(n) + "\n";
    after.replace(after.find(from) + 1, from.size() - 1, "changed " + std::to_string(n) + "\n");
  }
  auto start = std::chrono::steady_clock::now();
  std::string diff = UnifiedDiff("big.txt", before, after);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("100k lines, 3 changes: " << seconds << " s");
  CHECK(diff.find("@@ -7,7 +7,7 @@\n") != std::string::npos);
  CHECK(diff.find("@@ -49997,7 +49997,7 @@\n") != std::string::npos);
  CHECK(diff.find("@@ -99987,7 +99987,7 @@\n") != std::string::npos);
  CHECK(seconds < 5.0);  // a guard against quadratic behaviour, not a benchmark

  // Very different inputs over a tiny alphabet: the capped search keeps this bounded too.
  std::mt19937 rng(7);
  std::string x, y;
  for (int i = 0; i < 20000; ++i) x += std::to_string(rng() % 4) + "\n", y += std::to_string(rng() % 4) + "\n";
  start = std::chrono::steady_clock::now();
  CHECK_FALSE(UnifiedDiff("r.txt", x, y).empty());
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("20k random lines over 4 values: " << seconds << " s");
  CHECK(seconds < 5.0);
}

namespace {

// A random file: lines from a small vocabulary (so lines repeat and matching is ambiguous),
// sometimes CRLF, sometimes without a final newline.
// A strict, independent applier for one file's diff: unlike git apply it allows no offset or fuzz,
// so every hunk header must name exactly the right lines on both sides. Returns "" on success.
std::string StrictApply(const std::string& diff, const std::string& before, std::string* result) {
  std::vector<std::string> dl;
  for (size_t start = 0; start < diff.size();) {
    size_t nl = diff.find('\n', start);
    if (nl == std::string::npos) return "diff does not end in a newline";
    dl.push_back(diff.substr(start, nl - start));
    start = nl + 1;
  }
  std::vector<std::string> old_lines;
  for (size_t start = 0; start < before.size();) {
    size_t nl = before.find('\n', start);
    size_t end = nl == std::string::npos ? before.size() : nl + 1;
    old_lines.push_back(before.substr(start, end - start));
    start = end;
  }
  if (dl.size() < 3 || dl[0].rfind("diff --git ", 0) != 0 || dl[1].rfind("--- ", 0) != 0 ||
      dl[2].rfind("+++ ", 0) != 0) {
    return "bad file header";
  }
  std::string out;
  size_t copied = 0, out_lines = 0, idx = 3;
  auto number = [](const std::string& s, size_t* pos) {
    size_t v = 0;
    while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') v = v * 10 + static_cast<size_t>(s[(*pos)++] - '0');
    return v;
  };
  while (idx < dl.size()) {
    const std::string& h = dl[idx++];
    if (h.rfind("@@ -", 0) != 0) return "expected a hunk header: " + h;
    size_t pos = 4;
    size_t a = number(h, &pos), b = 1, c = 0, d = 1;
    if (h[pos] == ',') ++pos, b = number(h, &pos);
    if (h.compare(pos, 2, " +") != 0) return "bad hunk header: " + h;
    pos += 2;
    c = number(h, &pos);
    if (h[pos] == ',') ++pos, d = number(h, &pos);
    if (h.substr(pos) != " @@") return "bad hunk header end: " + h;
    if ((b > 0 && a == 0) || (d > 0 && c == 0)) return "line 0 with a nonzero count: " + h;
    size_t old_first = b == 0 ? a : a - 1, new_first = d == 0 ? c : c - 1;
    if (old_first < copied || old_first > old_lines.size()) return "hunk out of order or range: " + h;
    for (; copied < old_first; ++copied, ++out_lines) out += old_lines[copied];
    if (new_first != out_lines) return "new-side start is wrong: " + h;
    size_t old_seen = 0, new_seen = 0;
    while (old_seen < b || new_seen < d) {
      if (idx >= dl.size() || dl[idx].empty()) return "hunk shorter than its header: " + h;
      char mark = dl[idx][0];
      std::string content = dl[idx].substr(1);
      ++idx;
      if (idx < dl.size() && dl[idx] == "\\ No newline at end of file") {
        ++idx;
      } else {
        content += '\n';
      }
      if (mark == ' ' || mark == '-') {
        if (copied >= old_lines.size() || old_lines[copied] != content) return "old line mismatch in " + h;
        ++copied, ++old_seen;
      }
      if (mark == ' ' || mark == '+') out += content, ++out_lines, ++new_seen;
      if (mark != ' ' && mark != '-' && mark != '+') return "bad line marker in " + h;
    }
    if (old_seen != b || new_seen != d) return "hunk longer than its header: " + h;
  }
  for (; copied < old_lines.size(); ++copied) out += old_lines[copied];
  *result = out;
  return "";
}

struct RandomText {
  std::mt19937& rng;
  int Pick(int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); }
  std::string Line(const std::string& eol) {
    static const char* const kWords[] = {"", "}", "  return x;", "url = base + '?authtoken=' + t",
                                         "    pass", "// comment", "\t", " ", "end"};
    int k = Pick(12);
    std::string body = k < 9 ? kWords[k] : "line " + std::to_string(Pick(40));
    return body + eol;
  }
  std::vector<std::string> Lines(int count, bool crlf) {
    std::vector<std::string> lines;
    for (int i = 0; i < count; ++i) lines.push_back(Line(crlf && Pick(10) != 0 ? "\r\n" : "\n"));
    return lines;
  }
  static std::string Join(const std::vector<std::string>& lines, bool final_newline) {
    std::string s;
    for (const auto& l : lines) s += l;
    if (!final_newline && !s.empty()) s.pop_back();  // drops the '\n' only: "x\r" may end a file
    return s;
  }
};

std::vector<FileChange> DifferentialCases() {
  std::vector<FileChange> cases = {
      {"", "", "a\n"},           {"", "a\n", ""},          {"", "a", "a\n"},          {"", "a\n", "a"},
      {"", "a", "b"},            {"", "", "a"},            {"", "a", ""},             {"", "a\r\n", "a\n"},
      {"", "a\r\nb", "a\r\nb\r\n"}, {"", "\n\n\n", "\n\n"}, {"", "x\n\n", "\n\nx\n"}, {"", "\r", "\r\n"},
      {"", Numbered(1, 50), Numbered(1, 50, "\r\n")},
  };
  std::mt19937 rng(20240611);
  RandomText gen{rng};
  for (int n = 0; n < 420; ++n) {
    bool crlf = gen.Pick(4) == 0;
    std::vector<std::string> lines = gen.Lines(gen.Pick(201), crlf);
    std::vector<std::string> edited = lines;
    int ops = gen.Pick(8);
    for (int k = 0; k < ops; ++k) {
      int size = static_cast<int>(edited.size());
      int pos = gen.Pick(size + 1);
      switch (gen.Pick(4)) {
        case 0:  // insert a few lines
          for (int c = gen.Pick(4) + 1; c > 0; --c) {
            edited.insert(edited.begin() + pos, gen.Line(crlf ? "\r\n" : "\n"));
          }
          break;
        case 1:  // delete a range
          if (pos < size) edited.erase(edited.begin() + pos, edited.begin() + std::min(size, pos + gen.Pick(6) + 1));
          break;
        case 2:  // replace a line
          if (pos < size) edited[static_cast<size_t>(pos)] = gen.Line(gen.Pick(2) == 0 ? "\r\n" : "\n");
          break;
        default:  // move a line
          if (pos < size && size > 1) {
            std::string line = edited[static_cast<size_t>(pos)];
            edited.erase(edited.begin() + pos);
            edited.insert(edited.begin() + gen.Pick(size), line);
          }
      }
    }
    bool final_before = gen.Pick(5) != 0;
    bool final_after = gen.Pick(6) == 0 ? !final_before : final_before;
    cases.push_back({"", RandomText::Join(lines, final_before), RandomText::Join(edited, final_after)});
  }
  // A few large, very different pairs: exercises the capped search.
  for (int n = 0; n < 3; ++n) {
    std::string x, y;
    for (int i = 0; i < 3000; ++i) {
      x += std::to_string(gen.Pick(3)) + "\n";
      y += std::to_string(gen.Pick(3)) + "\n";
    }
    cases.push_back({"", x, y});
  }
  for (size_t k = 0; k < cases.size(); ++k) {
    std::string name = "f" + std::to_string(k) + ".txt";
    if (k % 7 == 3) name = "dir with space/f " + std::to_string(k) + ".txt";
    if (k % 11 == 5) name = "d\xc3\xbc/caf\xc3\xa9 " + std::to_string(k) + ".txt";
    cases[k].path = name;
  }
  return cases;
}

}  // namespace

TEST_CASE("every diff applies strictly: exact hunk positions on both sides", "[diff]") {
  const std::vector<FileChange> cases = DifferentialCases();
  int failures = 0;
  for (int context : {3, 1, 0, 10}) {
    for (const auto& c : cases) {
      std::string diff = UnifiedDiff(c.path, c.before, c.after, context);
      if (c.before == c.after) {
        CHECK(diff.empty());
        continue;
      }
      std::string result;
      std::string error = StrictApply(diff, c.before, &result);
      if ((!error.empty() || result != c.after) && ++failures <= 3) {
        INFO("context " << context << "\nbefore:\n" << c.before << "\nafter:\n" << c.after << "\ndiff:\n" << diff);
        CHECK(error == "");
        CHECK(result == c.after);
      }
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("git apply turns every before into its after, byte for byte", "[diff]") {
  const std::vector<FileChange> cases = DifferentialCases();
  for (int context : {3, 1, 0}) {
    DYNAMIC_SECTION("context " << context) {
      TempDir repo;
      REQUIRE(RunIn(repo.path(), "git init -q") == 0);
      for (const auto& c : cases) WriteBytes(fs::path(repo.path()) / c.path, c.before);
      for (const auto& c : cases) {
        if (c.before == c.after) CHECK(UnifiedDiff(c.path, c.before, c.after, context).empty());
      }
      std::string patch = UnifiedDiffSet(cases, context);
      const std::string patch_path = repo.path() + "/.git/authshift.patch";
      WriteBytes(patch_path, patch);
      const std::string apply = std::string("git apply --whitespace=nowarn") + (context == 0 ? " --unidiff-zero" : "");
      if (RunIn(repo.path(), apply + " --check '" + patch_path + "'") != 0) {
        // Find the first case git rejects, to show it.
        for (const auto& c : cases) {
          std::string one = UnifiedDiff(c.path, c.before, c.after, context);
          WriteBytes(patch_path, one);
          if (RunIn(repo.path(), apply + " --check '" + patch_path + "'") != 0) {
            INFO("before:\n" << c.before << "\nafter:\n" << c.after << "\ndiff:\n" << one);
            FAIL("git apply --check rejects the diff of " << c.path);
          }
        }
        FAIL("git apply --check rejects the whole set but no single file");
      }
      REQUIRE(RunIn(repo.path(), apply + " '" + patch_path + "'") == 0);
      int mismatches = 0;
      for (const auto& c : cases) {
        std::string now = ReadAll((fs::path(repo.path()) / c.path).string());
        if (now != c.after && ++mismatches <= 3) {
          INFO("before:\n" << c.before << "\nafter:\n" << c.after << "\ngit gave:\n" << now);
          CHECK(now == c.after);
        }
      }
      CHECK(mismatches == 0);
    }
  }
}
