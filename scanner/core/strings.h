#pragma once
// Small text helpers every layer needs, written once: ASCII case mapping (locale-independent and
// defined for every char, unlike std::tolower on a plain char), and the "did you mean" suggestion
// of configuration, rule and option errors.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// `s` with A-Z mapped to a-z (other bytes, UTF-8 included, unchanged); AsciiUppered the reverse.
std::string AsciiLowered(std::string_view s);
std::string AsciiUppered(std::string_view s);

// Equal ignoring ASCII case.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// `s` starts with `prefix`, ignoring ASCII case.
bool StartsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);

// Calls `f(line)` for each line of `text`, without its '\n' (a last line without one counts; an
// empty text has none). `f` returns false to stop; ForEachLine then returns false.
template <typename F>
bool ForEachLine(std::string_view text, F&& f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (!f(text.substr(pos, nl - pos))) return false;
    pos = nl + 1;
  }
  return true;
}

// Levenshtein distance in bytes (insert, delete, substitute: each 1).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when its edit distance is at most max(2, |word| / 3), or "";
// the first of equally close candidates wins. For "unknown X 'word'; did you mean 'Y'?" messages.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace authshift::core
