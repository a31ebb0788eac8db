// The statement model of the life-cycle rewriters: lines grouped by indentation.
#include "rewriters/oauth/common/lifecycle_lines.h"

#include <algorithm>
#include <cctype>

namespace authshift::rewriters::oauth {
namespace {

bool IsIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool StartsWithWord(std::string_view s, std::string_view w) {
  return s.substr(0, w.size()) == w && (s.size() == w.size() || !IsIdent(s[w.size()]));
}

}  // namespace

Lines::Lines(std::string_view src) : src_(src) {
  begin_.push_back(0);
  for (size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\n' && i + 1 < src.size()) begin_.push_back(i + 1);
  }
}

std::string_view Lines::Text(size_t line) const {
  std::string_view t = src_.substr(Begin(line), End(line) - Begin(line));
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
  return t;
}

bool Lines::Blank(size_t line) const { return Trim(Text(line)).empty(); }

size_t Lines::Indent(size_t line) const {
  std::string_view t = Text(line);
  size_t n = 0;
  while (n < t.size() && (t[n] == ' ' || t[n] == '\t')) ++n;
  return n;
}

size_t Lines::LineOf(size_t offset) const {
  auto it = std::upper_bound(begin_.begin(), begin_.end(), offset);
  return static_cast<size_t>(it - begin_.begin()) - 1;
}

bool Lines::Closes(size_t line) const {
  std::string_view t = Trim(Text(line));
  if (t.empty()) return false;
  if (t[0] == '}' || t[0] == ')' || t[0] == ']') return true;
  // A brace on a line of its own (C#'s Allman style) opens the block of the statement above.
  if (t == "{") return true;
  for (std::string_view w : {"fi", "done", "esac", "end", "else", "elif", "elsif", "except", "finally", "rescue"}) {
    if (StartsWithWord(t, w)) return true;
  }
  return false;
}

bool Lines::Continues(size_t line) const {
  std::string_view t = Trim(Text(line));
  if (t.empty()) return false;
  const char last = t.back();
  if (last == '(' || last == '[' || last == ',' || last == '\\' || last == '.' || last == '+' || last == '=') return true;
  if (last != '{') return false;
  // `= {`, `({`, `, {`, `: {`, `[{` open a literal; `) {`, `else {`, `try {` open a block.
  std::string_view head = Trim(t.substr(0, t.size() - 1));
  return !head.empty() && std::string_view("=(,:[").find(head.back()) != std::string_view::npos;
}

size_t Lines::StatementEnd(size_t line) const {
  const size_t base = Indent(line);
  size_t last = line;
  for (size_t j = line + 1; j < Count(); ++j) {
    if (Blank(j)) continue;
    if (Indent(j) > base || (Indent(j) == base && Closes(j))) {
      last = j;
      continue;
    }
    // An unindented continuation (a `\` line end, an open call) still belongs to the statement.
    if (Indent(j) == base && Continues(last) && !Closes(last)) {
      last = j;
      continue;
    }
    break;
  }
  return last;
}

size_t Lines::StatementStart(size_t line) const {
  size_t k = line;
  while (true) {
    std::optional<size_t> up;
    for (size_t p = k; p-- > 0;) {
      if (Blank(p) || Indent(p) >= Indent(k)) continue;
      up = p;
      break;
    }
    if (!up || !Continues(*up) || StatementEnd(*up) < line) return k;
    k = *up;
  }
}

bool Lines::Comment(size_t line) const {
  std::string_view t = Trim(Text(line));
  return t.substr(0, 2) == "//" || (t.substr(0, 1) == "#" && t.substr(0, 2) != "#!" && t.substr(0, 2) != "#{" &&
                                    t.substr(0, 8) != "#include" && t.substr(0, 7) != "#define");
}

std::optional<size_t> Lines::Next(size_t line) const {
  size_t j = StatementEnd(line) + 1;
  while (j < Count() && (Blank(j) || Comment(j))) ++j;
  if (j >= Count() || Indent(j) != Indent(line)) return std::nullopt;
  return j;
}

std::optional<size_t> Lines::Previous(size_t line) const {
  for (size_t p = line; p-- > 0;) {
    if (Blank(p) || Comment(p) || Indent(p) > Indent(line)) continue;
    if (Indent(p) < Indent(line)) return std::nullopt;
    // A closing line (`}`, `});`, `else:`, a lone `{`) ends the statement that opened it above.
    if (Closes(p)) continue;
    size_t s = StatementStart(p);
    if (Indent(s) != Indent(line)) return std::nullopt;
    return s;
  }
  return std::nullopt;
}

size_t Lines::BlockEnd(size_t line) const {
  size_t j = line;
  for (auto n = Next(line); n; n = Next(*n)) j = *n;
  return StatementEnd(j) + 1;
}

std::optional<size_t> Lines::Opener(size_t line) const {
  for (size_t p = line; p-- > 0;) {
    if (!Blank(p) && Indent(p) < Indent(line) && !Closes(p)) return p;
  }
  return std::nullopt;
}

std::string_view Lines::Statement(size_t line) const {
  const size_t b = Begin(line);
  return src_.substr(b, End(StatementEnd(line)) - b);
}

bool HasWord(std::string_view text, std::string_view word) {
  for (size_t p = text.find(word); p != std::string_view::npos; p = text.find(word, p + 1)) {
    // `$name` (PHP, Bash) reads `name`; `$`-words are looked up with their `$`.
    const bool left = p == 0 || !IsIdent(text[p - 1]) || (text[p - 1] == '$' && word[0] != '$');
    const size_t e = p + word.size();
    const bool right = e >= text.size() || !IsIdent(text[e]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace authshift::rewriters::oauth
