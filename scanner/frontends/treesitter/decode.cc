#include "scanner/frontends/treesitter/decode.h"

#include <algorithm>
#include <cstdint>

#include "scanner/core/utf8.h"

namespace authshift::frontends::treesitter {

std::vector<TSNode> NamedChildren(TSNode n) {
  std::vector<TSNode> out;
  if (ts_node_is_null(n) || ts_node_child_count(n) == 0) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c)) out.push_back(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

// Decodes the backslash escape starting at s[*i] == '\\' (C-family set shared by Python and
// JavaScript: \n \t \r \b \f \v \0 \xHH \uHHHH \u{H…} \UHHHHHHHH, octal, line continuation) and
// advances *i past it. An unknown escape keeps its backslash (Python's rule).
void DecodeEscape(std::string_view s, size_t* i, std::string* out) {
  size_t p = *i + 1;
  if (p >= s.size()) {
    out->push_back('\\');
    *i = p;
    return;
  }
  const char c = s[p];
  auto hex = [&](size_t from, size_t count) -> int64_t {
    if (from + count > s.size()) return -1;
    int64_t v = 0;
    for (size_t k = 0; k < count; ++k) {
      const int h = core::HexDigitValue(s[from + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  };
  // `count` hex digits at `from` as one code point, then continue at `next`; false if not hex.
  auto code_point = [&](size_t from, size_t count, size_t next) {
    const int64_t v = hex(from, count);
    if (v < 0) return false;
    core::AppendUtf8(static_cast<uint32_t>(v), out);
    *i = next;
    return true;
  };
  switch (c) {
    case 'n': out->push_back('\n'); *i = p + 1; return;
    case 't': out->push_back('\t'); *i = p + 1; return;
    case 'r': out->push_back('\r'); *i = p + 1; return;
    case 'b': out->push_back('\b'); *i = p + 1; return;
    case 'f': out->push_back('\f'); *i = p + 1; return;
    case 'v': out->push_back('\v'); *i = p + 1; return;
    case 'a': out->push_back('\a'); *i = p + 1; return;
    case '\\': case '\'': case '"': case '`': case '$': case '/':
      out->push_back(c);
      *i = p + 1;
      return;
    case '\n':
      *i = p + 1;
      return;
    case '\r':
      *i = (p + 1 < s.size() && s[p + 1] == '\n') ? p + 2 : p + 1;
      return;
    case 'x':
      if (code_point(p + 1, 2, p + 3)) return;
      break;
    case 'u': {
      if (p + 1 < s.size() && s[p + 1] == '{') {
        const size_t close = s.find('}', p + 2);
        if (close != std::string_view::npos && close - (p + 2) <= 6 && close > p + 2 &&
            code_point(p + 2, close - (p + 2), close + 1)) {
          return;
        }
        break;
      }
      if (code_point(p + 1, 4, p + 5)) return;
      break;
    }
    case 'U':
      if (code_point(p + 1, 8, p + 9)) return;
      break;
    default:
      if (c >= '0' && c <= '7') {
        uint32_t v = 0;
        size_t k = p;
        while (k < s.size() && k < p + 3 && s[k] >= '0' && s[k] <= '7') {
          v = v * 8 + static_cast<uint32_t>(s[k] - '0');
          ++k;
        }
        core::AppendUtf8(v, out);
        *i = k;
        return;
      }
      break;
  }
  out->push_back('\\');
  *i = p;
}


// Decodes raw string characters: escapes unless `raw`, `{{`/`}}` when `braces` (f-strings).
std::string DecodeChars(std::string_view s, bool raw, bool braces) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (!raw && s[i] == '\\') {
      DecodeEscape(s, &i, &out);
    } else if (braces && (s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i]) {
      out.push_back(s[i]);
      i += 2;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// The span between a string node's opening and closing delimiters: the end of its first child
// and the start of its last child when those are anonymous (quotes, `%Q(`, `<<<EOT`), else the
// node's span shrunk by `quote` bytes on each side.
ir::Span BetweenDelimiters(TSNode node, uint32_t quote) {
  ir::Span s = SpanOf(node);
  const uint32_t count = ts_node_child_count(node);
  if (count >= 2 && !ts_node_is_named(ts_node_child(node, 0)) && !ts_node_is_named(ts_node_child(node, count - 1))) {
    return {ts_node_end_byte(ts_node_child(node, 0)), ts_node_start_byte(ts_node_child(node, count - 1))};
  }
  if (s.end >= s.begin + 2 * quote) return {s.begin + quote, s.end - quote};
  return {s.begin, s.begin};
}

// PHP single-quoted strings: only \\ and \' are escapes.
std::string DecodeSingleQuoted(std::string_view s, char quote) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '\\' || s[i + 1] == quote)) {
      out.push_back(s[++i]);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Java and C#: escapes decoded by DecodeEscape with their own differences (Java `\s` is a space;
// C# `\xH…` takes one to four hex digits), `{{`/`}}` in C# interpolated strings when `braces`,
// `""` in C# verbatim strings when `verbatim` (which then has no escapes).
std::string DecodeJvmChars(std::string_view s, bool java, bool verbatim, bool braces) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (verbatim && c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
      out.push_back('"');
      i += 2;
    } else if (braces && (c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
      out.push_back(c);
      i += 2;
    } else if (verbatim || c != '\\' || i + 1 >= s.size()) {
      out.push_back(c);
      ++i;
    } else if (java && s[i + 1] == 's') {
      out.push_back(' ');
      i += 2;
    } else if (!java && s[i + 1] == 'x') {
      uint32_t v = 0;
      size_t k = i + 2;
      while (k < s.size() && k < i + 6 && core::HexDigitValue(s[k]) >= 0) v = v * 16 + static_cast<uint32_t>(core::HexDigitValue(s[k++]));
      if (k == i + 2) {
        out.push_back('\\');
        ++i;
        continue;
      }
      core::AppendUtf8(v, &out);
      i = k;
    } else {
      DecodeEscape(s, &i, &out);
    }
  }
  return out;
}

// A multi-line block's lines with the common indentation removed (Java text blocks, C# raw
// strings). `body` starts after the opening line; its last line is the closing delimiter's own
// line when that holds only whitespace (it then counts for the indentation, `closing_sets` says
// whether it alone decides it, as in C#). Trailing whitespace is dropped per line when `trim`.
std::string StripBlockIndent(std::string_view body, bool closing_sets, bool trim) {
  std::vector<std::string_view> lines;
  for (size_t b = 0;;) {
    const size_t nl = body.find('\n', b);
    std::string_view line = body.substr(b, nl == std::string_view::npos ? std::string_view::npos : nl - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    b = nl + 1;
  }
  auto blank = [](std::string_view l) { return l.find_first_not_of(" \t") == std::string_view::npos; };
  auto indent_of = [](std::string_view l) {
    const size_t k = l.find_first_not_of(" \t");
    return k == std::string_view::npos ? l.size() : k;
  };
  const bool closing_line = blank(lines.back());
  size_t indent = closing_line ? indent_of(lines.back()) : std::string_view::npos;
  if (!closing_sets || !closing_line) {
    for (size_t i = 0; i + (closing_line ? 1 : 0) < lines.size(); ++i) {
      if (!blank(lines[i])) indent = std::min(indent, indent_of(lines[i]));
    }
  }
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  const size_t count = closing_line ? lines.size() - 1 : lines.size();
  for (size_t i = 0; i < count; ++i) {
    std::string_view l = lines[i];
    l.remove_prefix(std::min(indent, indent_of(l)));
    if (trim) {
      while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    }
    out += l;
    // Java keeps the newline before a closing line of its own; C# drops it.
    if (i + 1 < count || (closing_line && !closing_sets)) out += '\n';
  }
  return out;
}

}  // namespace authshift::frontends::treesitter
