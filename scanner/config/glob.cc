#include "scanner/config/glob.h"

#include <string>
#include <vector>

namespace authshift::config {
namespace {

constexpr std::string_view kDoubleStar = "**";

// Parses the bracket expression starting at pat[i] == '['. On success sets *end to the index just
// past the closing ']' and *matched to whether `c` is in the class; false when the class is not
// closed (the '[' is then a literal).
bool MatchClass(std::string_view pat, size_t i, char c, size_t* end, bool* matched) {
  size_t k = i + 1;
  bool negate = false;
  if (k < pat.size() && (pat[k] == '!' || pat[k] == '^')) {
    negate = true;
    ++k;
  }
  bool in = false;
  bool first = true;
  while (k < pat.size()) {
    char lo = pat[k];
    if (lo == ']' && !first) {
      *end = k + 1;
      *matched = in != negate;
      return true;
    }
    first = false;
    if (lo == '\\' && k + 1 < pat.size()) lo = pat[++k];
    ++k;
    char hi = lo;
    if (k + 1 < pat.size() && pat[k] == '-' && pat[k + 1] != ']') {
      hi = pat[k + 1];
      k += 2;
      if (hi == '\\' && k < pat.size()) hi = pat[k++];
    }
    auto uc = static_cast<unsigned char>(c);
    if (static_cast<unsigned char>(lo) <= uc && uc <= static_cast<unsigned char>(hi)) in = true;
  }
  return false;
}

// The first range `hi-lo` with hi > lo in the closed bracket expression `cls` ("[...]"), or empty.
// Walks the class like MatchClass does.
std::string ReversedRange(std::string_view cls) {
  size_t k = 1;
  if (k < cls.size() && (cls[k] == '!' || cls[k] == '^')) ++k;
  bool first = true;
  while (k + 1 < cls.size()) {
    if (cls[k] == ']' && !first) break;
    first = false;
    size_t from = k;
    char lo = cls[k];
    if (lo == '\\' && k + 1 < cls.size()) lo = cls[++k];
    ++k;
    if (k + 1 < cls.size() && cls[k] == '-' && cls[k + 1] != ']') {
      char hi = cls[k + 1];
      k += 2;
      if (hi == '\\' && k < cls.size()) hi = cls[k++];
      if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(lo)) {
        return std::string(cls.substr(from, k - from));
      }
    }
  }
  return {};
}

// Matches one pattern element at pat[p] (not '*') against `c`; sets *next past the element.
bool MatchOne(std::string_view pat, size_t p, char c, size_t* next) {
  char pc = pat[p];
  if (pc == '?') {
    *next = p + 1;
    return true;
  }
  if (pc == '[') {
    bool matched = false;
    if (MatchClass(pat, p, c, next, &matched)) return matched;
    *next = p + 1;
    return c == '[';
  }
  if (pc == '\\' && p + 1 < pat.size()) {
    *next = p + 2;
    return c == pat[p + 1];
  }
  *next = p + 1;
  return c == pc;
}

// One segment (no '/') against one path segment: greedy with single-star backtracking, which is
// enough because a later star subsumes every choice an earlier one could make.
bool MatchSegment(std::string_view pat, std::string_view str) {
  size_t p = 0;
  size_t s = 0;
  size_t star_p = std::string_view::npos;
  size_t star_s = 0;
  while (s < str.size()) {
    if (p < pat.size() && pat[p] == '*') {
      while (p < pat.size() && pat[p] == '*') ++p;
      star_p = p;
      star_s = s;
      continue;
    }
    size_t next = 0;
    if (p < pat.size() && MatchOne(pat, p, str[s], &next)) {
      p = next;
      ++s;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    s = ++star_s;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find('/', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) parts.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

std::string_view StripLeading(std::string_view s, bool* anchored) {
  for (;;) {
    if (s.substr(0, 2) == "./") {
      s.remove_prefix(2);
      if (anchored != nullptr) *anchored = true;
    } else if (!s.empty() && s.front() == '/') {
      s.remove_prefix(1);
      if (anchored != nullptr) *anchored = true;
    } else {
      return s;
    }
  }
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  pattern = StripLeading(pattern, &anchored);
  bool dir_only = false;
  while (!pattern.empty() && pattern.back() == '/') {
    pattern.remove_suffix(1);
    dir_only = true;
  }
  if (pattern.empty()) return false;
  if (pattern.find('/') != std::string_view::npos) anchored = true;
  // An unanchored pattern matches at any depth: it reads as `**/pattern`. (Built front to back:
  // GCC 12 at -O2 warns a false null dereference on vector::insert at begin().)
  std::vector<std::string_view> pat;
  if (!anchored) pat.push_back(kDoubleStar);
  for (std::string_view seg : Split(pattern)) pat.push_back(seg);
  std::vector<std::string_view> segs = Split(StripLeading(path, nullptr));
  if (segs.empty()) return false;

  // reach[j]: the pattern segments seen so far match the first j path segments.
  const size_t n = segs.size();
  // std::string rather than std::vector<char>: GCC 12 at -O2 reports a false null dereference on
  // the vector's first element here.
  std::string reach(n + 1, '\0');
  std::string next(n + 1, '\0');
  reach[0] = 1;
  for (size_t i = 0; i < pat.size(); ++i) {
    std::fill(next.begin(), next.end(), '\0');
    if (pat[i] == kDoubleStar) {
      // Zero or more whole segments; a trailing `x/**` needs at least one (it matches what is
      // inside x, not x itself).
      bool trailing = i + 1 == pat.size() && i > 0;
      char any = 0;
      for (size_t j = 0; j <= n; ++j) {
        if (trailing) {
          next[j] = any;
          any = static_cast<char>(any | reach[j]);
        } else {
          any = static_cast<char>(any | reach[j]);
          next[j] = any;
        }
      }
    } else {
      for (size_t j = 0; j < n; ++j) {
        if (reach[j] != 0 && MatchSegment(pat[i], segs[j])) next[j + 1] = 1;
      }
    }
    std::swap(reach, next);
  }
  // A match of the whole path, or of a parent directory (everything under a matched directory).
  size_t last = dir_only ? n - 1 : n;
  for (size_t j = 1; j <= last; ++j) {
    if (reach[j] != 0) return true;
  }
  return false;
}

bool GlobValid(std::string_view pattern, std::string* why) {
  std::string_view body = StripLeading(pattern, nullptr);
  while (!body.empty() && body.back() == '/') body.remove_suffix(1);
  if (body.empty()) {
    *why = "expected a non-empty glob";
    return false;
  }
  if (pattern.front() == '!') {
    *why =
        "negation ('!') is not supported; list the path under 'exclude' instead (write '\\!' for a "
        "literal '!')";
    return false;
  }
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 == pattern.size()) {
        *why = "a trailing '\\' escapes nothing (write '\\\\' for a literal '\\')";
        return false;
      }
      ++i;
      continue;
    }
    if (pattern[i] != '[') continue;
    size_t end = 0;
    bool matched = false;
    if (!MatchClass(pattern, i, 'a', &end, &matched)) {
      *why = "unclosed '[' at offset " + std::to_string(i) + " (write '\\[' for a literal '[')";
      return false;
    }
    if (std::string reversed = ReversedRange(pattern.substr(i, end - i)); !reversed.empty()) {
      *why = "reversed range '" + reversed + "' at offset " + std::to_string(i) + " matches nothing";
      return false;
    }
    i = end - 1;
  }
  return true;
}

}  // namespace authshift::config
