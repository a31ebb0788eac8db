#include "scanner/frontends/treesitter/lower.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "scanner/core/budget.h"
#include "scanner/core/embedded.h"
#include "scanner/core/utf8.h"
#include "scanner/frontends/treesitter/grammars.h"

namespace authshift::frontends::treesitter {

// Generated from queries/*.scm by cmake/EmbedFiles.cmake (see CMakeLists.txt).
const std::vector<core::EmbeddedFile>& LoweringQueryFiles();

namespace {

// In-progress matches a query cursor keeps (see CollectRoles).
constexpr uint32_t kQueryMatchLimit = 512;

// --- String decoding (per-language hooks) --------------------------------------------------------

// One piece of a decoded string: a literal run (decoded text and the source span of its
// characters) or a hole (an interpolated expression node).
struct Piece {
  bool hole = false;
  std::string text;
  ir::Span span;
  TSNode node{};
  std::string name;  // a hole that is a variable known by name only (PHP "${x}" is "$x")
};

struct DecodedString {
  std::vector<Piece> pieces;
  ir::Span literal_span;  // the characters between the quotes
};

using StringDecoder = DecodedString (*)(TSNode node, std::string_view source);

ir::Span SpanOf(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

std::string_view TextOf(TSNode n, std::string_view source) {
  const uint32_t b = ts_node_start_byte(n);
  const uint32_t e = ts_node_end_byte(n);
  if (b > e || e > source.size()) return {};
  return source.substr(b, e - b);
}

// The named children of `n`, in order. A cursor walk: ts_node_named_child(n, i) is linear in i,
// which makes a loop over a file's top-level statements quadratic.
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

int HexValue(char c) { return core::HexDigitValue(c); }

using core::AppendUtf8;

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
      const int h = HexValue(s[from + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  };
  // `count` hex digits at `from` as one code point, then continue at `next`; false if not hex.
  auto code_point = [&](size_t from, size_t count, size_t next) {
    const int64_t v = hex(from, count);
    if (v < 0) return false;
    AppendUtf8(static_cast<uint32_t>(v), out);
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
        AppendUtf8(v, out);
        *i = k;
        return;
      }
      break;
  }
  out->push_back('\\');
  *i = p;
}

// Accumulates literal runs and holes in source order.
class PieceBuilder {
 public:
  void Literal(std::string_view decoded, ir::Span span) {
    if (!open_) {
      cur_ = Piece{};
      cur_.span = span;
      open_ = true;
    }
    cur_.text += decoded;
    cur_.span.end = span.end;
  }
  void Hole(TSNode node, std::string name = {}) {
    Flush();
    Piece p;
    p.hole = true;
    p.node = node;
    p.span = SpanOf(node);
    p.name = std::move(name);
    out_.push_back(std::move(p));
  }
  // A hole over part of a node (JSON `{{name}}` inside a string's text).
  void NamedHole(TSNode node, ir::Span span, std::string name) {
    Flush();
    Piece p;
    p.hole = true;
    p.node = node;
    p.span = span;
    p.name = std::move(name);
    out_.push_back(std::move(p));
  }
  std::vector<Piece> Finish() {
    Flush();
    return std::move(out_);
  }

 private:
  void Flush() {
    if (open_) out_.push_back(std::move(cur_));
    open_ = false;
  }
  std::vector<Piece> out_;
  Piece cur_;
  bool open_ = false;
};

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

// Python: string_start (prefix + quotes), string_content (escapes inside), interpolation
// (f-strings; its `expression` field is the hole), string_end.
DecodedString DecodePython(TSNode node, std::string_view source) {
  DecodedString d;
  d.literal_span = SpanOf(node);
  bool raw = false;
  bool fstring = false;
  PieceBuilder b;
  for (TSNode c : NamedChildren(node)) {
    const std::string_view type = ts_node_type(c);
    if (type == "string_start") {
      d.literal_span.begin = ts_node_end_byte(c);
      for (char ch : TextOf(c, source)) {
        if (ch == 'r' || ch == 'R') raw = true;
        if (ch == 'f' || ch == 'F' || ch == 't' || ch == 'T') fstring = true;
      }
    } else if (type == "string_end") {
      d.literal_span.end = ts_node_start_byte(c);
    } else if (type == "string_content") {
      b.Literal(DecodeChars(TextOf(c, source), raw, fstring), SpanOf(c));
    } else if (type == "interpolation") {
      TSNode e = ts_node_child_by_field_name(c, "expression", 10);
      b.Hole(ts_node_is_null(e) ? c : e);
    }
  }
  if (d.literal_span.end < d.literal_span.begin) d.literal_span.end = d.literal_span.begin;
  d.pieces = b.Finish();
  return d;
}

// JavaScript / TypeScript: string and template_string with string_fragment, escape_sequence and
// template_substitution children; the quotes are one character each.
DecodedString DecodeJavaScript(TSNode node, std::string_view source) {
  DecodedString d;
  const ir::Span whole = SpanOf(node);
  d.literal_span = {std::min(whole.begin + 1, whole.end), whole.end > whole.begin + 1 ? whole.end - 1 : whole.end};
  PieceBuilder b;
  uint32_t pos = d.literal_span.begin;
  for (TSNode c : NamedChildren(node)) {
    const ir::Span s = SpanOf(c);
    if (s.begin > pos && s.begin <= d.literal_span.end) {
      b.Literal(DecodeChars(source.substr(pos, s.begin - pos), false, false), {pos, s.begin});
    }
    const std::string_view type = ts_node_type(c);
    if (type == "template_substitution") {
      TSNode e = ts_node_named_child_count(c) > 0 ? ts_node_named_child(c, 0) : c;
      b.Hole(e);
    } else if (type == "escape_sequence") {
      b.Literal(DecodeChars(TextOf(c, source), false, false), s);
    } else if (type == "string_fragment") {
      b.Literal(TextOf(c, source), s);
    }
    pos = std::max(pos, s.end);
  }
  if (pos < d.literal_span.end) {
    b.Literal(DecodeChars(source.substr(pos, d.literal_span.end - pos), false, false), {pos, d.literal_span.end});
  }
  d.pieces = b.Finish();
  return d;
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

// PHP double-quoted escapes (the grammar only makes escape_sequence nodes of valid ones): \e and
// one-digit \xH on top of the shared C-family set.
std::string DecodePhpEscape(std::string_view e) {
  if (e == "\\e") return "\x1b";
  if (e.size() == 3 && e[1] == 'x' && HexValue(e[2]) >= 0) {
    std::string out;
    AppendUtf8(static_cast<uint32_t>(HexValue(e[2])), &out);
    return out;
  }
  return DecodeChars(e, false, false);
}

// Heredoc / nowdoc bodies (PHP): the text between the line after the opening tag and the line of
// the closing tag, with the closing tag's indentation removed from every line (PHP 7.3).
// Interpolated parts of a heredoc are holes; `{` `}` around complex parts are not text.
void DecodeDoc(TSNode node, std::string_view source, bool nowdoc, DecodedString* d, PieceBuilder* b) {
  TSNode body{};
  TSNode end_tag{};
  for (TSNode c : NamedChildren(node)) {
    const std::string_view type = ts_node_type(c);
    if (type == "heredoc_body" || type == "nowdoc_body") body = c;
    if (type == "heredoc_end") end_tag = c;
  }
  const ir::Span whole = SpanOf(node);
  uint32_t begin = whole.begin;
  while (begin < whole.end && source[begin] != '\n') ++begin;
  if (begin < whole.end) ++begin;
  uint32_t end = ts_node_is_null(end_tag) ? whole.end : ts_node_start_byte(end_tag);
  uint32_t indent_begin = end;
  while (indent_begin > begin && (source[indent_begin - 1] == ' ' || source[indent_begin - 1] == '\t')) --indent_begin;
  const uint32_t indent = end - indent_begin;
  end = indent_begin;
  if (end > begin && source[end - 1] == '\n') --end;
  if (end > begin && source[end - 1] == '\r') --end;
  if (end < begin) end = begin;
  d->literal_span = {begin, end};
  // Literal runs: indentation dropped at line starts (a line start is `begin` or after '\n').
  auto literal = [&](uint32_t from, uint32_t to) {
    if (from >= to) return;
    std::string text;
    for (uint32_t i = from; i < to;) {
      if (i == begin || source[i - 1] == '\n') {
        uint32_t k = 0;
        while (k < indent && i < to && (source[i] == ' ' || source[i] == '\t')) {
          ++i;
          ++k;
        }
        if (i >= to) break;
      }
      text.push_back(source[i++]);
    }
    b->Literal(text, {from, to});
  };
  if (nowdoc || ts_node_is_null(body)) {
    literal(begin, end);
    return;
  }
  uint32_t pos = begin;
  const uint32_t count = ts_node_child_count(body);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(body, i);
    ir::Span s = SpanOf(c);
    if (s.begin >= end) break;
    if (s.end <= pos) continue;
    if (s.begin > pos) literal(pos, s.begin);
    const std::string_view type = ts_node_type(c);
    if (!ts_node_is_named(c)) {
      // `{` `}` around a complex part; `\u` alone is text.
      if (type != "{" && type != "}") literal(std::max(pos, s.begin), std::min(s.end, end));
    } else if (type == "string_content") {
      literal(std::max(pos, s.begin), std::min(s.end, end));
    } else if (type == "escape_sequence") {
      b->Literal(DecodePhpEscape(TextOf(c, source)), s);
    } else if (type == "dynamic_variable_name" && ts_node_named_child_count(c) == 1 &&
               std::string_view(ts_node_type(ts_node_named_child(c, 0))) == "name") {
      b->Hole(c, "$" + std::string(TextOf(ts_node_named_child(c, 0), source)));
    } else {
      b->Hole(c);
    }
    pos = std::max(pos, std::min(s.end, end));
  }
  if (pos < end) literal(pos, end);
}

// PHP: 'single' (only \\ and \'), "double" (escapes; $x, {$expr}, ${x}, $a[k], $o->p holes),
// heredoc (like double, indentation removed) and nowdoc (raw).
DecodedString DecodePhp(TSNode node, std::string_view source) {
  DecodedString d;
  const std::string_view type = ts_node_type(node);
  PieceBuilder b;
  if (type == "heredoc" || type == "nowdoc") {
    DecodeDoc(node, source, type == "nowdoc", &d, &b);
    d.pieces = b.Finish();
    return d;
  }
  d.literal_span = BetweenDelimiters(node, 1);
  const bool single = type == "string";
  for (TSNode c : NamedChildren(node)) {
    const std::string_view ctype = ts_node_type(c);
    const ir::Span s = SpanOf(c);
    if (ctype == "string_content") {
      b.Literal(single ? DecodeSingleQuoted(TextOf(c, source), '\'') : std::string(TextOf(c, source)), s);
    } else if (ctype == "escape_sequence") {
      b.Literal(single ? DecodeSingleQuoted(TextOf(c, source), '\'') : DecodePhpEscape(TextOf(c, source)), s);
    } else if (ctype == "dynamic_variable_name" && ts_node_named_child_count(c) == 1 &&
               std::string_view(ts_node_type(ts_node_named_child(c, 0))) == "name") {
      b.Hole(c, "$" + std::string(TextOf(ts_node_named_child(c, 0), source)));
    } else if (!ts_node_is_extra(c)) {
      b.Hole(c);
    }
  }
  d.pieces = b.Finish();
  return d;
}

// Ruby heredoc: the body is a later sibling of an ancestor of `<<~EOS`; the first one after it.
TSNode RubyHeredocBody(TSNode beginning) {
  TSNode n = beginning;
  for (int guard = 0; guard < 16 && !ts_node_is_null(n); ++guard) {
    for (TSNode s = ts_node_next_named_sibling(n); !ts_node_is_null(s); s = ts_node_next_named_sibling(s)) {
      if (std::string_view(ts_node_type(s)) == "heredoc_body") return s;
    }
    n = ts_node_parent(n);
  }
  return TSNode{};
}

// Ruby: "double" / %Q() / heredocs (escapes, #{} holes), 'single' / %q() (only \\ and the quote),
// symbols (:name, name: keys) as their names.
DecodedString DecodeRuby(TSNode node, std::string_view source) {
  DecodedString d;
  const std::string_view type = ts_node_type(node);
  PieceBuilder b;
  const ir::Span whole = SpanOf(node);
  if (type == "hash_key_symbol" || type == "simple_symbol") {
    ir::Span s = whole;
    if (type == "simple_symbol" && s.end > s.begin) ++s.begin;
    d.literal_span = s;
    b.Literal(source.substr(s.begin, s.end - s.begin), s);
    d.pieces = b.Finish();
    return d;
  }
  TSNode body = node;
  bool single = false;
  bool squiggly = false;
  if (type == "heredoc_beginning") {
    const std::string_view opener = TextOf(node, source);
    single = opener.find('\'') != std::string_view::npos;
    squiggly = opener.size() > 2 && opener[2] == '~';
    body = RubyHeredocBody(node);
    if (ts_node_is_null(body)) {
      d.literal_span = {whole.end, whole.end};
      return d;
    }
    d.literal_span = SpanOf(body);
  } else {
    d.literal_span = BetweenDelimiters(node, 1);
    if (ts_node_child_count(node) > 0 && !ts_node_is_named(ts_node_child(node, 0))) {
      const std::string_view opener = TextOf(ts_node_child(node, 0), source);
      single = opener == "'" || opener.substr(0, 2) == "%q";
    }
  }
  const char quote = single && d.literal_span.begin > 0 ? source[d.literal_span.begin - 1] : '\'';
  for (TSNode c : NamedChildren(body)) {
    const std::string_view ctype = ts_node_type(c);
    const ir::Span s = SpanOf(c);
    if (ctype == "string_content" || ctype == "heredoc_content") {
      std::string text = single ? DecodeSingleQuoted(TextOf(c, source), quote) : std::string(TextOf(c, source));
      if (squiggly) {
        // <<~: leading indentation of each line goes (approximation: all of it).
        std::string out;
        bool line_start = ctype == "heredoc_content" && (s.begin == 0 || source[s.begin - 1] == '\n' ||
                                                         ts_node_start_byte(body) == s.begin);
        for (char ch : text) {
          if (line_start && (ch == ' ' || ch == '\t')) continue;
          line_start = ch == '\n';
          out.push_back(ch);
        }
        text = std::move(out);
      }
      if (ctype == "heredoc_content" && ts_node_start_byte(body) == s.begin && !text.empty() && text[0] == '\n') {
        text.erase(0, 1);  // the newline after the heredoc's opening line
      }
      b.Literal(text, s);
    } else if (ctype == "escape_sequence") {
      b.Literal(DecodeChars(TextOf(c, source), false, false), s);
    } else if (ctype == "interpolation") {
      TSNode e = ts_node_named_child_count(c) > 0 ? ts_node_named_child(c, 0) : c;
      b.Hole(e);
    } else if (ctype == "heredoc_end") {
      break;
    }
  }
  d.pieces = b.Finish();
  return d;
}

// Go: "interpreted" (escape_sequence children) and `raw` strings.
DecodedString DecodeGo(TSNode node, std::string_view source) {
  DecodedString d;
  d.literal_span = BetweenDelimiters(node, 1);
  PieceBuilder b;
  for (TSNode c : NamedChildren(node)) {
    const ir::Span s = SpanOf(c);
    if (std::string_view(ts_node_type(c)) == "escape_sequence") {
      b.Literal(DecodeChars(TextOf(c, source), false, false), s);
    } else {
      std::string text(TextOf(c, source));
      // A raw string drops carriage returns.
      if (std::string_view(ts_node_type(node)) == "raw_string_literal") {
        text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
      }
      b.Literal(text, s);
    }
  }
  d.pieces = b.Finish();
  return d;
}

// --- Java and C# ----------------------------------------------------------------------------------

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
      while (k < s.size() && k < i + 6 && HexValue(s[k]) >= 0) v = v * 16 + static_cast<uint32_t>(HexValue(s[k++]));
      if (k == i + 2) {
        out.push_back('\\');
        ++i;
        continue;
      }
      AppendUtf8(v, &out);
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

// Java: "…" (escapes) and text blocks """…""" (incidental indentation and trailing spaces
// removed, then escapes, `\<newline>` joining lines).
DecodedString DecodeJava(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const ir::Span whole = SpanOf(node);
  const std::string_view text = TextOf(node, source);
  if (text.size() >= 6 && text.substr(0, 3) == "\"\"\"") {
    const size_t nl = text.find('\n');
    const uint32_t begin = nl == std::string_view::npos ? whole.begin + 3 : whole.begin + static_cast<uint32_t>(nl) + 1;
    const uint32_t end = text.substr(text.size() - 3) == "\"\"\"" ? whole.end - 3 : whole.end;
    d.literal_span = {std::min(begin, end), end};
    const std::string stripped =
        StripBlockIndent(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), false, true);
    b.Literal(DecodeJvmChars(stripped, true, false, false), d.literal_span);
  } else {
    d.literal_span = BetweenDelimiters(node, 1);
    if (d.literal_span.end > d.literal_span.begin) {
      b.Literal(DecodeJvmChars(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), true,
                               false, false),
                d.literal_span);
    }
  }
  d.pieces = b.Finish();
  return d;
}

// C#: "…" (escapes), @"…" (verbatim: only ""), """…""" (raw: the closing line's indentation
// removed from every line), and $"…", $@"…", $"""…""" with {expr[,align][:format]} holes.
DecodedString DecodeCSharp(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const std::string_view type = ts_node_type(node);
  const ir::Span whole = SpanOf(node);
  auto raw_body = [&](ir::Span s) {
    const std::string_view body = source.substr(s.begin, s.end - s.begin);
    const size_t nl = body.find('\n');
    if (nl == std::string_view::npos || body.find_first_not_of(" \t\r") < nl) return std::string(body);
    return StripBlockIndent(body.substr(nl + 1), true, false);
  };
  if (type == "verbatim_string_literal") {
    const uint32_t begin = std::min(whole.begin + 2, whole.end);
    d.literal_span = {begin, std::max(begin, whole.end - 1)};
    b.Literal(DecodeJvmChars(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), false,
                             true, false),
              d.literal_span);
  } else if (type == "raw_string_literal") {
    TSNode content{};
    for (TSNode c : NamedChildren(node)) {
      if (std::string_view(ts_node_type(c)) == "raw_string_content") content = c;
    }
    d.literal_span = ts_node_is_null(content) ? ir::Span{whole.end, whole.end} : SpanOf(content);
    b.Literal(raw_body(d.literal_span), d.literal_span);
  } else if (type == "interpolated_string_expression") {
    bool verbatim = false;
    bool raw = false;
    d.literal_span = {whole.begin, whole.end};
    const std::vector<TSNode> kids = NamedChildren(node);
    for (TSNode c : kids) {
      const std::string_view ctype = ts_node_type(c);
      const ir::Span s = SpanOf(c);
      if (ctype == "interpolation_start") {
        verbatim = TextOf(c, source).find('@') != std::string_view::npos;
        d.literal_span.begin = s.end;
      } else if (ctype == "interpolation_quote") {
        raw = true;
        if (s.begin <= d.literal_span.begin) {
          d.literal_span.begin = s.end;
        } else {
          d.literal_span.end = s.begin;
        }
      }
    }
    if (!raw && whole.end > d.literal_span.begin) d.literal_span.end = whole.end - 1;
    for (TSNode c : kids) {
      const std::string_view ctype = ts_node_type(c);
      const ir::Span s = SpanOf(c);
      if (ctype == "string_content") {
        b.Literal(raw ? std::string(TextOf(c, source)) : DecodeJvmChars(TextOf(c, source), false, verbatim, true), s);
      } else if (ctype == "escape_sequence") {
        b.Literal(DecodeJvmChars(TextOf(c, source), false, false, false), s);
      } else if (ctype == "interpolation") {
        TSNode hole = c;
        for (TSNode e : NamedChildren(c)) {
          const std::string_view etype = ts_node_type(e);
          if (etype != "interpolation_brace" && etype != "interpolation_alignment_clause" &&
              etype != "interpolation_format_clause") {
            hole = e;
            break;
          }
        }
        b.Hole(hole);
      }
    }
  } else {
    d.literal_span = BetweenDelimiters(node, 1);
    if (d.literal_span.end > d.literal_span.begin) {
      b.Literal(DecodeJvmChars(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), false,
                               false, false),
                d.literal_span);
    }
  }
  d.pieces = b.Finish();
  return d;
}

// --- Shell and data files (Bash, YAML, JSON) ------------------------------------------------------

// Bash double quotes: a backslash escapes only $ ` " \ and the newline (dropped); any other
// backslash is text.
std::string DecodeBashDoubleQuoted(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      if (n == '$' || n == '`' || n == '"' || n == '\\') {
        out.push_back(n);
        ++i;
        continue;
      }
      if (n == '\n') {
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Bash unquoted words: a backslash quotes the next character; backslash-newline is dropped.
std::string DecodeBashWord(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      if (s[i + 1] != '\n') out.push_back(s[i + 1]);
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// Bash $'…': C escapes plus \e / \E (ESC); \cX control characters are kept as written.
std::string DecodeAnsiC(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'e' || s[i + 1] == 'E')) {
      out.push_back('\x1b');
      i += 2;
    } else if (s[i] == '\\') {
      DecodeEscape(s, &i, &out);
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// The start of an expansion without the whitespace tree-sitter-bash 0.23 puts into its `${` token.
uint32_t BashExpansionStart(TSNode c, std::string_view source) {
  uint32_t b = ts_node_start_byte(c);
  const uint32_t e = ts_node_end_byte(c);
  while (b < e && b < source.size() && (source[b] == ' ' || source[b] == '\t' || source[b] == '\n')) ++b;
  return b;
}

// A `$NAME` / `${NAME}` expansion as a hole: named when it reads one plain variable.
void BashExpansionHole(TSNode c, std::string_view source, PieceBuilder* b) {
  const ir::Span span{BashExpansionStart(c, source), ts_node_end_byte(c)};
  const std::string_view text = source.substr(span.begin, span.end - span.begin);
  std::string name;
  if (ts_node_named_child_count(c) == 1) {
    TSNode v = ts_node_named_child(c, 0);
    const std::string n(TextOf(v, source));
    if (std::string_view(ts_node_type(v)) == "variable_name" && (text == "$" + n || text == "${" + n + "}")) name = n;
  }
  b->NamedHole(c, span, std::move(name));
}

// Bash: words (backslash quoting), 'raw', "double" ($V, ${V}, $(…) holes), $'ANSI-C', bare
// expansions (one hole) and heredoc bodies (holes unless the delimiter is quoted; `<<-` drops
// leading tabs).
DecodedString DecodeBash(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const std::string_view type = ts_node_type(node);
  const ir::Span whole = SpanOf(node);
  if (type == "word") {
    d.literal_span = whole;
    b.Literal(DecodeBashWord(TextOf(node, source)), whole);
  } else if (type == "raw_string") {
    d.literal_span = BetweenDelimiters(node, 1);
    b.Literal(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), d.literal_span);
  } else if (type == "ansi_c_string") {
    d.literal_span = whole.end >= whole.begin + 3 ? ir::Span{whole.begin + 2, whole.end - 1} : ir::Span{whole.end, whole.end};
    b.Literal(DecodeAnsiC(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin)), d.literal_span);
  } else if (type == "simple_expansion" || type == "expansion") {
    d.literal_span = whole;
    BashExpansionHole(node, source, &b);
  } else if (type == "heredoc_body") {
    TSNode redirect = ts_node_parent(node);
    const std::string_view opener = ts_node_is_null(redirect) ? std::string_view() : TextOf(redirect, source);
    const bool strip_tabs = opener.substr(0, 3) == "<<-";
    const size_t first_line = opener.find('\n');
    const std::string_view start = opener.substr(0, first_line);
    const bool quoted = start.find_first_of("'\"\\") != std::string_view::npos;
    uint32_t end = whole.end;
    for (TSNode c : NamedChildren(node)) {
      if (std::string_view(ts_node_type(c)) == "heredoc_end") end = ts_node_start_byte(c);
    }
    d.literal_span = {whole.begin, std::max(whole.begin, end)};
    auto literal = [&](uint32_t from, uint32_t to) {
      if (from >= to) return;
      std::string text;
      for (uint32_t i = from; i < to; ++i) {
        if (strip_tabs && source[i] == '\t' && (i == whole.begin || source[i - 1] == '\n')) {
          while (i < to && source[i] == '\t') ++i;
          if (i >= to) break;
        }
        text.push_back(source[i]);
      }
      b.Literal(quoted ? text : DecodeBashDoubleQuoted(text), {from, to});
    };
    uint32_t pos = whole.begin;
    if (!quoted) {
      for (TSNode c : NamedChildren(node)) {
        const std::string_view ctype = ts_node_type(c);
        const ir::Span s = SpanOf(c);
        if (ctype == "heredoc_end" || s.begin >= d.literal_span.end) break;
        if (ctype == "heredoc_content") continue;
        literal(pos, ctype == "expansion" ? BashExpansionStart(c, source) : s.begin);
        if (ctype == "simple_expansion" || ctype == "expansion") {
          BashExpansionHole(c, source, &b);
        } else {
          b.Hole(c);
        }
        pos = std::max(pos, s.end);
      }
    }
    literal(pos, d.literal_span.end);
  } else {
    // "double": the text between the quotes, with expansions and substitutions as holes.
    d.literal_span = BetweenDelimiters(node, 1);
    uint32_t pos = d.literal_span.begin;
    for (TSNode c : NamedChildren(node)) {
      const std::string_view ctype = ts_node_type(c);
      const ir::Span s = SpanOf(c);
      if (ctype == "string_content") continue;  // text: taken with the gaps below
      const uint32_t begin = ctype == "expansion" ? BashExpansionStart(c, source) : s.begin;
      if (begin > pos) {
        b.Literal(DecodeBashDoubleQuoted(source.substr(pos, begin - pos)), {pos, begin});
      }
      if (ctype == "simple_expansion" || ctype == "expansion") {
        BashExpansionHole(c, source, &b);
      } else {
        b.Hole(c);
      }
      pos = std::max(pos, s.end);
    }
    if (pos < d.literal_span.end) {
      b.Literal(DecodeBashDoubleQuoted(source.substr(pos, d.literal_span.end - pos)), {pos, d.literal_span.end});
    }
  }
  d.pieces = b.Finish();
  return d;
}

// YAML block scalars (`|`, `>`, with indentation and chomping indicators): the lines after the
// header with their common indentation removed; `>` folds single line breaks into spaces.
void DecodeYamlBlock(TSNode node, std::string_view source, DecodedString* d, PieceBuilder* b) {
  const ir::Span whole = SpanOf(node);
  const std::string_view text = TextOf(node, source);
  const bool folded = !text.empty() && text[0] == '>';
  const size_t nl = text.find('\n');
  if (nl == std::string_view::npos) {
    d->literal_span = {whole.end, whole.end};
    return;
  }
  const std::string_view body = text.substr(nl + 1);
  d->literal_span = {static_cast<uint32_t>(whole.begin + nl + 1), whole.end};
  size_t indent = YamlBlockIndent(body);
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  bool prev_blank = true;
  for (size_t i = 0; i < body.size();) {
    size_t e = body.find('\n', i);
    if (e == std::string_view::npos) e = body.size();
    std::string_view line = body.substr(i, e - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = line.size() >= indent ? line.substr(indent) : std::string_view();
    const bool blank = line.empty();
    if (folded && !out.empty() && !blank && !prev_blank && out.back() == '\n') out.back() = ' ';
    out += line;
    out.push_back('\n');
    prev_blank = blank;
    i = e + 1;
  }
  b->Literal(out, d->literal_span);
}

// YAML: plain scalars as written, 'single' (only '' is an escape), "double" (C-style escapes),
// block scalars.
DecodedString DecodeYaml(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const std::string_view type = ts_node_type(node);
  if (type == "block_scalar") {
    DecodeYamlBlock(node, source, &d, &b);
  } else if (type == "single_quote_scalar" || type == "double_quote_scalar") {
    d.literal_span = BetweenDelimiters(node, 1);
    const std::string_view s = source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin);
    if (type == "single_quote_scalar") {
      std::string out;
      for (size_t i = 0; i < s.size(); ++i) {
        out.push_back(s[i]);
        if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') ++i;
      }
      b.Literal(out, d.literal_span);
    } else {
      b.Literal(DecodeChars(s, false, false), d.literal_span);
    }
  } else {
    d.literal_span = SpanOf(node);
    b.Literal(TextOf(node, source), d.literal_span);
  }
  d.pieces = b.Finish();
  return d;
}

// JSON: escapes decoded (the text between the quotes is read directly: tree-sitter-json 0.24 makes
// `\u` the escape node and leaves its hex digits in the next string_content); Postman variables
// `{{name}}` are holes named `name` (see lower.h).
DecodedString DecodeJson(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  d.literal_span = BetweenDelimiters(node, 1);
  const uint32_t base = d.literal_span.begin;
  const std::string_view text = source.substr(base, d.literal_span.end - base);
  size_t run = 0;
  std::string decoded;
  auto flush = [&](size_t to) {
    if (to > run) b.Literal(decoded, {static_cast<uint32_t>(base + run), static_cast<uint32_t>(base + to)});
    decoded.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\\') {
      DecodeEscape(text, &i, &decoded);
      continue;
    }
    if (text.compare(i, 2, "{{") == 0) {
      const size_t close = text.find("}}", i + 2);
      const std::string_view name = close == std::string_view::npos ? std::string_view() : text.substr(i + 2, close - i - 2);
      if (!name.empty() && name.find_first_of("{}\\\" \t") == std::string_view::npos) {
        flush(i);
        b.NamedHole(node, {static_cast<uint32_t>(base + i), static_cast<uint32_t>(base + close + 2)}, std::string(name));
        i = close + 2;
        run = i;
        continue;
      }
    }
    decoded.push_back(text[i++]);
  }
  flush(text.size());
  d.pieces = b.Finish();
  return d;
}

// --- The languages table ---------------------------------------------------------------------------

struct LanguageRow {
  std::string_view id;
  std::string_view grammar;
  std::array<std::string_view, 2> queries;  // embedded query files, concatenated; empty = unused
  StringDecoder decode;
  std::array<std::string_view, 2> self_names;  // receivers that denote the instance in methods
  bool options_object_args;                    // see lower.h: options objects' properties are args
  bool header_line_items;                      // see lower.h: 'Name: value' list items are entries
  std::string_view instance_sigil;             // see lower.h: `@x` names the instance's x (Ruby)
};

// Sorted by language id; one row per language.
constexpr std::array<LanguageRow, 12> kLanguages = {{
    {"bash", "bash", {"bash.scm", ""}, DecodeBash, {"", ""}, false, false, ""},
    {"csharp", "c_sharp", {"csharp.scm", ""}, DecodeCSharp, {"this", ""}, false, false, ""},
    {"go", "go", {"go.scm", ""}, DecodeGo, {"", ""}, false, false, ""},
    {"java", "java", {"java.scm", ""}, DecodeJava, {"this", ""}, false, false, ""},
    {"javascript", "javascript", {"javascript.scm", "javascript-only.scm"}, DecodeJavaScript, {"this", ""}, true, false, ""},
    {"json", "json", {"json.scm", ""}, DecodeJson, {"", ""}, false, false, ""},
    {"php", "php", {"php.scm", ""}, DecodePhp, {"$this", "self"}, true, true, ""},
    {"python", "python", {"python.scm", ""}, DecodePython, {"self", "cls"}, false, false, ""},
    {"ruby", "ruby", {"ruby.scm", ""}, DecodeRuby, {"self", ""}, true, false, "@"},
    {"tsx", "tsx", {"javascript.scm", "typescript.scm"}, DecodeJavaScript, {"this", ""}, true, false, ""},
    {"typescript", "typescript", {"javascript.scm", "typescript.scm"}, DecodeJavaScript, {"this", ""}, true, false, ""},
    {"yaml", "yaml", {"yaml.scm", ""}, DecodeYaml, {"", ""}, false, false, ""},
}};

const LanguageRow* FindRow(std::string_view id) {
  for (const LanguageRow& r : kLanguages) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// --- Compiled queries with their predicates ---------------------------------------------------------

struct Predicate {
  // kFieldEq / kFieldType: the capture's child in field `field` has text / node type `literal`.
  // kPart: a directive: the capture's child in field `field` is sub-capture `literal` of the match
  // (the match fails without that child). These let a pattern name only the node (`(binary)`),
  // whose child steps would make ts_query_new's analysis expensive on large grammars.
  enum class Kind : uint8_t { kMatch, kNotMatch, kEq, kNotEq, kFieldEq, kFieldType, kPart } kind = Kind::kEq;
  uint32_t capture = 0;
  uint32_t other_capture = UINT32_MAX;  // #eq? @a @b
  std::string literal;
  std::string field;
  std::shared_ptr<RE2> re;
};

struct CompiledQuery {
  TSQuery* query = nullptr;  // never freed: one per language for the life of the process
  std::vector<std::string> capture_names;
  std::vector<std::vector<Predicate>> predicates;  // per pattern
};

std::string QueryText(const LanguageRow& row) {
  std::string text;
  for (std::string_view name : row.queries) {
    if (name.empty()) continue;
    bool found = false;
    for (const core::EmbeddedFile& f : LoweringQueryFiles()) {
      if (f.name == name) {
        text += f.data;
        text += '\n';
        found = true;
      }
    }
    if (!found) throw std::logic_error("tree-sitter lowering: no embedded query file " + std::string(name));
  }
  return text;
}

std::vector<Predicate> ReadPredicates(const TSQuery* query, uint32_t pattern, const std::string& where) {
  std::vector<Predicate> out;
  uint32_t count = 0;
  const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(query, pattern, &count);
  auto value = [&](const TSQueryPredicateStep& s) {
    uint32_t len = 0;
    const char* p = ts_query_string_value_for_id(query, s.value_id, &len);
    return std::string(p, len);
  };
  std::vector<TSQueryPredicateStep> pred;
  for (uint32_t i = 0; i < count; ++i) {
    if (steps[i].type != TSQueryPredicateStepTypeDone) {
      pred.push_back(steps[i]);
      continue;
    }
    if (pred.size() < 3 || pred[0].type != TSQueryPredicateStepTypeString ||
        pred[1].type != TSQueryPredicateStepTypeCapture) {
      throw std::logic_error(where + ": unsupported predicate in pattern " + std::to_string(pattern));
    }
    const std::string op = value(pred[0]);
    Predicate p;
    p.capture = pred[1].value_id;
    if (op == "field-eq?" || op == "field-type?" || op == "part!") {
      // (#field-eq? @c "field" "text"), (#field-type? @c "field" "type"), (#part! @c "part" "field")
      if (pred.size() != 4 || pred[2].type != TSQueryPredicateStepTypeString ||
          pred[3].type != TSQueryPredicateStepTypeString) {
        throw std::logic_error(where + ": #" + op + " needs a capture and two strings");
      }
      p.kind = op == "field-eq?" ? Predicate::Kind::kFieldEq
               : op == "field-type?" ? Predicate::Kind::kFieldType
                                     : Predicate::Kind::kPart;
      p.field = value(pred[op == "part!" ? 3 : 2]);
      p.literal = value(pred[op == "part!" ? 2 : 3]);
      out.push_back(std::move(p));
      pred.clear();
      continue;
    }
    if (pred.size() != 3) throw std::logic_error(where + ": unsupported predicate in pattern " + std::to_string(pattern));
    if (op == "match?" || op == "not-match?") {
      p.kind = op == "match?" ? Predicate::Kind::kMatch : Predicate::Kind::kNotMatch;
      if (pred[2].type != TSQueryPredicateStepTypeString) throw std::logic_error(where + ": #match? needs a string");
      p.re = std::make_shared<RE2>(value(pred[2]));
      if (!p.re->ok()) throw std::logic_error(where + ": bad regex in #match?: " + p.re->error());
    } else if (op == "eq?" || op == "not-eq?") {
      p.kind = op == "eq?" ? Predicate::Kind::kEq : Predicate::Kind::kNotEq;
      if (pred[2].type == TSQueryPredicateStepTypeCapture) {
        p.other_capture = pred[2].value_id;
      } else {
        p.literal = value(pred[2]);
      }
    } else {
      throw std::logic_error(where + ": unknown predicate #" + op);
    }
    out.push_back(std::move(p));
    pred.clear();
  }
  return out;
}

CompiledQuery Compile(const LanguageRow& row) {
  const TSLanguage* language = GrammarByName(row.grammar);
  if (language == nullptr) throw std::logic_error("tree-sitter lowering: no grammar " + std::string(row.grammar));
  const std::string text = QueryText(row);
  uint32_t error_offset = 0;
  TSQueryError error = TSQueryErrorNone;
  TSQuery* query = ts_query_new(language, text.data(), static_cast<uint32_t>(text.size()), &error_offset, &error);
  if (query == nullptr) {
    const size_t line = static_cast<size_t>(std::count(text.begin(), text.begin() + error_offset, '\n')) + 1;
    throw std::logic_error("tree-sitter lowering query for " + std::string(row.id) + ": error " +
                           std::to_string(static_cast<int>(error)) + " at line " + std::to_string(line) + ": " +
                           text.substr(error_offset, std::min<size_t>(60, text.size() - error_offset)));
  }
  CompiledQuery q;
  q.query = query;
  for (uint32_t i = 0; i < ts_query_capture_count(query); ++i) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(query, i, &len);
    q.capture_names.emplace_back(name, len);
  }
  for (uint32_t p = 0; p < ts_query_pattern_count(query); ++p) {
    q.predicates.push_back(ReadPredicates(query, p, "lowering query for " + std::string(row.id)));
  }
  return q;
}

const CompiledQuery& QueryFor(const LanguageRow& row) {
  // Compiled once per language, on first use (query analysis costs tens of milliseconds).
  static std::array<std::once_flag, kLanguages.size()> once;
  static std::array<CompiledQuery, kLanguages.size()> compiled;
  const auto i = static_cast<size_t>(&row - kLanguages.data());
  std::call_once(once[i], [&] { compiled[i] = Compile(row); });
  return compiled[i];
}

bool PredicatesHold(const CompiledQuery& q, const TSQueryMatch& match, std::string_view source) {
  const std::vector<Predicate>& preds = q.predicates[match.pattern_index];
  auto node_for = [&](uint32_t capture, TSNode* out) {
    for (uint16_t i = 0; i < match.capture_count; ++i) {
      if (match.captures[i].index == capture) {
        *out = match.captures[i].node;
        return true;
      }
    }
    return false;
  };
  for (const Predicate& p : preds) {
    TSNode node;
    if (!node_for(p.capture, &node)) return false;
    const std::string_view text = TextOf(node, source);
    bool ok = false;
    switch (p.kind) {
      case Predicate::Kind::kMatch:
      case Predicate::Kind::kNotMatch: {
        const bool m = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *p.re);
        ok = p.kind == Predicate::Kind::kMatch ? m : !m;
        break;
      }
      case Predicate::Kind::kEq:
      case Predicate::Kind::kNotEq: {
        std::string_view other = p.literal;
        if (p.other_capture != UINT32_MAX) {
          TSNode o;
          if (!node_for(p.other_capture, &o)) return false;
          other = TextOf(o, source);
        }
        ok = (text == other) == (p.kind == Predicate::Kind::kEq);
        break;
      }
      case Predicate::Kind::kFieldEq:
      case Predicate::Kind::kFieldType:
      case Predicate::Kind::kPart: {
        TSNode child = ts_node_child_by_field_name(node, p.field.data(), static_cast<uint32_t>(p.field.size()));
        if (ts_node_is_null(child)) return false;
        ok = p.kind == Predicate::Kind::kPart ||
             (p.kind == Predicate::Kind::kFieldEq ? TextOf(child, source) == p.literal
                                                  : std::string_view(ts_node_type(child)) == p.literal);
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

// --- Lowering ------------------------------------------------------------------------------------

// One query match: its role (the capture without a dot) on `node`, and its sub-captures.
struct RoleMatch {
  std::string_view role;
  TSNode node{};
  std::vector<std::pair<std::string_view, TSNode>> parts;  // "callee", "args", …

  TSNode Part(std::string_view name) const {
    for (const auto& [n, node_] : parts) {
      if (n == name) return node_;
    }
    return TSNode{};
  }
};

bool IsNull(TSNode n) { return ts_node_is_null(n); }


class Lowering {
 public:
  Lowering(const LanguageRow& row, const CompiledQuery& query, std::string_view source)
      : row_(row), query_(query), source_(source) {
    facts_.scope_parent.push_back(0);
    scopes_.push_back({false, {}});
  }

  ir::Facts Run(TSNode root) {
    CollectRoles(root);
    Lower(root, false);
    if (row_.options_object_args) AddOptionsObjectArgs();
    std::sort(facts_.comments.begin(), facts_.comments.end(),
              [](const ir::Span& a, const ir::Span& b) { return a.begin < b.begin; });
    return std::move(facts_);
  }

 private:
  struct ScopeInfo {
    bool is_class = false;
    std::string class_name;
  };

  // Runs the query once and indexes every match by the node carrying its role.
  void CollectRoles(TSNode root) {
    TSQueryCursor* cursor = ts_query_cursor_new();
    // A query cursor advances every in-progress match at every node: unbounded, a 20,000-term
    // `a + b + …` chain (each level an open match) costs depth × nodes. The limit bounds that to
    // a constant per node; ordinary code stays far below it. When it is hit, matches were lost:
    // within a scan the file falls back to its text rules (budget-exceeded, core/budget.h).
    ts_query_cursor_set_match_limit(cursor, kQueryMatchLimit);
    ts_query_cursor_exec(cursor, query_.query, root);
    TSQueryMatch match;
    while (ts_query_cursor_next_match(cursor, &match)) {
      if (ts_query_cursor_did_exceed_match_limit(cursor) && core::HasBudget()) {
        ts_query_cursor_delete(cursor);
        throw core::BudgetExceeded();
      }
      if (!PredicatesHold(query_, match, source_)) continue;
      RoleMatch rm;
      bool have_role = false;
      for (uint16_t i = 0; i < match.capture_count; ++i) {
        const std::string& name = query_.capture_names[match.captures[i].index];
        if (name.empty() || name[0] == '_') continue;
        const size_t dot = name.find('.');
        if (dot == std::string::npos) {
          rm.role = name;
          rm.node = match.captures[i].node;
          have_role = true;
        } else {
          rm.parts.emplace_back(std::string_view(name).substr(dot + 1), match.captures[i].node);
        }
      }
      if (!have_role) {
        // A pattern with only a dotted capture (@pair.shorthand): the capture is the role.
        for (uint16_t i = 0; i < match.capture_count; ++i) {
          const std::string& name = query_.capture_names[match.captures[i].index];
          if (name.empty() || name[0] == '_') continue;
          rm.role = name;
          rm.node = match.captures[i].node;
          have_role = true;
          break;
        }
      }
      if (!have_role) continue;
      for (const Predicate& p : query_.predicates[match.pattern_index]) {
        if (p.kind != Predicate::Kind::kPart) continue;
        for (uint16_t i = 0; i < match.capture_count; ++i) {
          if (match.captures[i].index != p.capture) continue;
          TSNode node = match.captures[i].node;
          rm.parts.emplace_back(p.literal, ts_node_child_by_field_name(node, p.field.data(), static_cast<uint32_t>(p.field.size())));
          break;
        }
      }
      if (rm.role == "comment") {
        facts_.comments.push_back(SpanOf(rm.node));
        continue;
      }
      roles_[rm.node.id].push_back(matches_.size());
      matches_.push_back(std::move(rm));
    }
    ts_query_cursor_delete(cursor);
  }

  const RoleMatch* Role(TSNode n, std::string_view role) const {
    if (IsNull(n)) return nullptr;
    auto it = roles_.find(n.id);
    if (it == roles_.end()) return nullptr;
    for (size_t i : it->second) {
      if (matches_[i].role == role) return &matches_[i];
    }
    return nullptr;
  }
  bool HasAnyRole(TSNode n) const { return !IsNull(n) && roles_.count(n.id) != 0; }

  uint32_t NewScope(bool is_class, std::string class_name) {
    facts_.scope_parent.push_back(scope_);
    scopes_.push_back({is_class, std::move(class_name)});
    return static_cast<uint32_t>(facts_.scope_parent.size() - 1);
  }

  ir::ExprId Add(ir::ExprKind kind, ir::Span span, std::string text = {}) {
    return facts_.Add(kind, span, std::move(text), scope_);
  }

  ir::ExprId AddString(std::string text, ir::Span span, ir::Span literal_span) {
    ir::ExprId id = Add(ir::ExprKind::kString, span, std::move(text));
    facts_.exprs[id].literal_span = literal_span;
    return id;
  }

  ir::ExprId Other(TSNode n) {
    const ir::Span s = SpanOf(n);
    // Long source texts are not copied: holes read their text from the source by span.
    return Add(ir::ExprKind::kOther, s, s.end - s.begin <= 256 ? std::string(TextOf(n, source_)) : std::string());
  }

  // The dotted name `a.b.c` of a member chain over plain names (identifier, this), or "".
  std::string NameChain(TSNode n) const {
    std::vector<std::string_view> segments;
    for (int guard = 0; guard < 32 && !IsNull(n); ++guard) {
      if (const RoleMatch* m = Role(n, "member")) {
        segments.push_back(TextOf(m->Part("property"), source_));
        n = m->Part("object");
        continue;
      }
      if (Role(n, "name") != nullptr) {
        std::string out(TextOf(n, source_));
        for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
          out += '.';
          out += *it;
        }
        return out;
      }
      return {};
    }
    return {};
  }

  static constexpr int kMaxDepth = 400;

  // Lowers `n`; returns its expression, or kNoExpr when `need_expr` is false and `n` is no
  // expression the facts need. Memoised per node (a node is lowered once).
  ir::ExprId Lower(TSNode n, bool need_expr) {
    if (IsNull(n)) return ir::kNoExpr;
    if (auto it = lowered_.find(n.id); it != lowered_.end()) {
      if (it->second != ir::kNoExpr || !need_expr) return it->second;
      ir::ExprId e = Other(n);
      it->second = e;
      return e;
    }
    if (depth_ >= kMaxDepth) return need_expr ? Other(n) : ir::kNoExpr;
    ++depth_;
    lowered_[n.id] = ir::kNoExpr;  // guards against re-entry
    ir::ExprId e = LowerInner(n, need_expr);
    if (e == ir::kNoExpr && need_expr) e = Other(n);
    lowered_[n.id] = e;
    --depth_;
    return e;
  }
  ir::ExprId Expr(TSNode n) { return Lower(n, true); }

  void Children(TSNode n) {
    for (TSNode c : NamedChildren(n)) Lower(c, false);
  }

  ir::ExprId LowerInner(TSNode n, bool need_expr) {
    if (const RoleMatch* m = Role(n, "function")) return Function(*m, need_expr);
    if (const RoleMatch* m = Role(n, "class")) return Class(*m);
    if (const RoleMatch* m = Role(n, "param")) return Param(*m);
    if (const RoleMatch* m = Role(n, "assign")) return Assign(*m);
    if (const RoleMatch* m = Role(n, "format.percent")) return Format(*m, false);
    if (const RoleMatch* m = Role(n, "format.call")) return Format(*m, true);
    if (const RoleMatch* m = Role(n, "format.printf")) return Format(*m, false, true);
    if (const RoleMatch* m = Role(n, "format.printf_brace")) return Format(*m, true, true);
    if (const RoleMatch* m = Role(n, "header_constant")) {
      TSNode name = m->Part("name");
      return AddString(std::string(TextOf(name, source_)), SpanOf(n), SpanOf(name));
    }
    if (const RoleMatch* m = Role(n, "call")) {
      ir::ExprId e = Call(*m);
      if (const RoleMatch* put = Role(n, "put")) Put(*put, e);
      if (const RoleMatch* auth = Role(n, "authorization")) Authorization(*auth, e);
      return e;
    }
    if (const RoleMatch* m = Role(n, "command")) return Command(*m);
    if (const RoleMatch* m = Role(n, "kv_call")) return KvCall(*m, n);
    if (Role(n, "string") != nullptr) return String(n);
    if (Role(n, "concat") != nullptr) return Concat(n);
    if (Role(n, "map") != nullptr) return Map(n);
    if (Role(n, "list") != nullptr) return List(n);
    if (const RoleMatch* m = Role(n, "member")) {
      std::string chain = NameChain(n);
      if (!chain.empty()) return Add(ir::ExprKind::kName, SpanOf(n), std::move(chain));
      Expr(m->Part("object"));
      return ir::kNoExpr;
    }
    if (const RoleMatch* m = Role(n, "index")) {
      Expr(m->Part("object"));
      Expr(m->Part("key"));
      return ir::kNoExpr;
    }
    if (Role(n, "name") != nullptr) return Add(ir::ExprKind::kName, SpanOf(n), std::string(TextOf(n, source_)));
    if (Role(n, "wrap") != nullptr) {
      ir::ExprId inner = ir::kNoExpr;
      for (TSNode c : NamedChildren(n)) {
        if (inner == ir::kNoExpr && HasAnyRole(c)) {
          inner = Lower(c, need_expr);
        } else {
          Lower(c, false);
        }
      }
      return inner;
    }
    if (Role(n, "statement") != nullptr) {
      const ir::Span saved = statement_;
      statement_ = SpanOf(n);
      Children(n);
      statement_ = saved;
      return ir::kNoExpr;
    }
    if (Role(n, "number") != nullptr) return Add(ir::ExprKind::kNumber, SpanOf(n), std::string(TextOf(n, source_)));
    if (Role(n, "bool") != nullptr) return Add(ir::ExprKind::kBool, SpanOf(n), std::string(TextOf(n, source_)));
    if (Role(n, "null") != nullptr) return Add(ir::ExprKind::kNull, SpanOf(n));
    Children(n);
    return ir::kNoExpr;
  }

  ir::ExprId Function(const RoleMatch& m, bool need_expr) {
    const uint32_t saved = scope_;
    scope_ = NewScope(false, {});
    Children(m.node);
    scope_ = saved;
    return need_expr ? Other(m.node) : ir::kNoExpr;
  }

  ir::ExprId Class(const RoleMatch& m) {
    const uint32_t saved = scope_;
    scope_ = NewScope(true, std::string(TextOf(m.Part("name"), source_)));
    Children(m.node);
    scope_ = saved;
    return ir::kNoExpr;
  }

  ir::ExprId Param(const RoleMatch& m) {
    TSNode name = m.Part("name");
    TSNode value = m.Part("value");
    if (IsNull(name)) return ir::kNoExpr;
    ir::Binding b;
    b.name = std::string(TextOf(name, source_));
    b.span = SpanOf(m.node);
    b.scope = scope_;
    if (IsNull(value)) {
      b.op = "param";
    } else {
      b.value = Expr(value);
      b.op = "=";
    }
    facts_.bindings.push_back(std::move(b));
    return ir::kNoExpr;
  }

  bool IsSelfName(std::string_view s) const {
    return !s.empty() && std::find(row_.self_names.begin(), row_.self_names.end(), s) != row_.self_names.end();
  }

  void Bind(std::string name, ir::ExprId value, std::string op, ir::Span span) {
    uint32_t scope = scope_;
    // `self.x = v` in a method: bound in the class scope, visible to sibling methods.
    const size_t dot = name.find('.');
    // Ruby `@x = v` in a method: the instance's x, like `self.x`.
    const bool instance = !row_.instance_sigil.empty() && name.rfind(row_.instance_sigil, 0) == 0 &&
                          name.rfind(std::string(row_.instance_sigil) + std::string(row_.instance_sigil), 0) != 0;
    if (((dot != std::string::npos && IsSelfName(std::string_view(name).substr(0, dot))) || instance) && scope != 0 &&
        !scopes_[scope].is_class) {
      const uint32_t parent = facts_.scope_parent[scope];
      if (scopes_[parent].is_class) scope = parent;
    }
    if (dot == std::string::npos && scopes_[scope].is_class) {
      // A class-level name is also reachable as self.N / cls.N / this.N / Class.N.
      for (std::string_view self : row_.self_names) {
        if (!self.empty()) facts_.bindings.push_back({std::string(self) + "." + name, value, op, span, scope});
      }
      if (!scopes_[scope].class_name.empty()) {
        facts_.bindings.push_back({scopes_[scope].class_name + "." + name, value, op, span, scope});
      }
    }
    facts_.bindings.push_back({std::move(name), value, std::move(op), span, scope});
  }

  ir::Span StatementFor(ir::Span inner) const {
    if (statement_.begin <= inner.begin && inner.end <= statement_.end && !statement_.empty()) return statement_;
    return inner;
  }

  ir::ExprId Assign(const RoleMatch& m) {
    TSNode left = m.Part("left");
    TSNode right = m.Part("right");
    TSNode op_node = m.Part("op");
    std::string op = IsNull(op_node) ? std::string("=") : std::string(TextOf(op_node, source_));
    // String appends: PHP `.=`, Ruby `s << x`, Java/C# `sb.append(x);` (see lower.h).
    if (op == ".=" || op == "<<" || op == "append" || op == "Append") op = "+=";
    const ir::ExprId value = IsNull(right) ? ir::kNoExpr : Expr(right);
    const ir::Span span = SpanOf(m.node);
    if (IsNull(left)) return value;
    if (Role(left, "name") != nullptr || (!HasAnyRole(left) && ts_node_named_child_count(left) == 0)) {
      Bind(std::string(TextOf(left, source_)), value, op, span);
    } else if (const RoleMatch* member = Role(left, "member")) {
      const std::string chain = NameChain(left);
      const std::string container = NameChain(member->Part("object"));
      if (!chain.empty()) Bind(chain, value, op, span);
      if (!container.empty() && op == "=") {
        TSNode prop = member->Part("property");
        ir::MapEntry e;
        e.key = AddString(std::string(TextOf(prop, source_)), SpanOf(prop), SpanOf(prop));
        e.value = value;
        e.container_name = container;
        e.origin = ir::EntryOrigin::kIndexAssign;
        e.span = span;
        e.statement = StatementFor(span);
        e.scope = scope_;
        facts_.entries.push_back(e);
      }
      if (container.empty()) Expr(member->Part("object"));
    } else if (const RoleMatch* append = Role(left, "index"); append != nullptr && IsNull(append->Part("key"))) {
      // PHP `$headers[] = 'Name: value'`: an appended header line is an entry (see lower.h).
      const std::string container = NameChain(append->Part("object"));
      ir::MapEntry e;
      if (row_.header_line_items && !container.empty() && op == "=" && HeaderLine(value, &e)) {
        e.container_name = container;
        e.origin = ir::EntryOrigin::kIndexAssign;
        e.span = span;
        e.statement = StatementFor(span);
        facts_.entries.push_back(e);
      }
      if (container.empty()) Expr(append->Part("object"));
    } else if (const RoleMatch* index = Role(left, "index")) {
      const std::string container = NameChain(index->Part("object"));
      const ir::ExprId key = Expr(index->Part("key"));
      if (!container.empty() && op == "=") {
        ir::MapEntry e;
        e.key = key;
        e.value = value;
        e.container_name = container;
        e.origin = ir::EntryOrigin::kIndexAssign;
        e.span = span;
        e.statement = StatementFor(span);
        e.scope = scope_;
        facts_.entries.push_back(e);
      } else {
        Expr(index->Part("object"));
      }
    } else {
      Lower(left, false);
    }
    return value;
  }

  ir::ExprId String(TSNode n) {
    DecodedString d = row_.decode(n, source_);
    bool has_hole = false;
    for (const Piece& p : d.pieces) has_hole = has_hole || p.hole;
    if (!has_hole) {
      std::string text;
      for (const Piece& p : d.pieces) text += p.text;
      return AddString(std::move(text), SpanOf(n), d.literal_span);
    }
    std::vector<ir::ExprId> parts;
    for (const Piece& p : d.pieces) {
      if (p.hole && !p.name.empty()) {
        parts.push_back(Add(ir::ExprKind::kName, p.span, p.name));
        lowered_[p.node.id] = parts.back();
      } else {
        parts.push_back(p.hole ? Expr(p.node) : AddString(p.text, p.span, p.span));
      }
    }
    ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(n));
    facts_.exprs[e].children = std::move(parts);
    return e;
  }

  // Joins are flattened iteratively: long `a + b + …` chains nest far deeper than the depth cap.
  ir::ExprId Concat(TSNode n) {
    std::vector<ir::ExprId> parts;
    std::vector<TSNode> stack = {n};
    while (!stack.empty()) {
      TSNode cur = stack.back();
      stack.pop_back();
      if (Role(cur, "concat") != nullptr) {
        // One match per part for `(concatenated_string (string) @concat.part)`: take them all.
        std::vector<TSNode> kids;
        for (size_t i : roles_.at(cur.id)) {
          if (matches_[i].role != "concat") continue;
          for (const auto& part : matches_[i].parts) {
            // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
            const TSNode node = part.second;
            if (part.first == "part" && std::none_of(kids.begin(), kids.end(), [&](TSNode k) { return ts_node_eq(k, node); })) {
              kids.push_back(node);
            }
          }
        }
        std::sort(kids.begin(), kids.end(),
                  [](TSNode a, TSNode b) { return ts_node_start_byte(a) < ts_node_start_byte(b); });
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
        continue;
      }
      if (Role(cur, "wrap") != nullptr && ts_node_named_child_count(cur) == 1 &&
          Role(ts_node_named_child(cur, 0), "concat") != nullptr) {
        stack.push_back(ts_node_named_child(cur, 0));
        continue;
      }
      parts.push_back(Expr(cur));
    }
    ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(n));
    facts_.exprs[e].children = std::move(parts);
    return e;
  }

  // One `key: value` pair of the map `map` (a literal, or Ruby's bare hash arguments).
  void MapPair(TSNode c, const RoleMatch& pair, ir::ExprId map) {
    ir::MapEntry e;
    e.container = map;
    e.origin = ir::EntryOrigin::kLiteral;
    e.span = SpanOf(c);
    e.scope = scope_;
    TSNode key = pair.Part("key");
    if (HasAnyRole(key)) {
      e.key = Expr(key);
    } else if (ts_node_named_child_count(key) == 0) {
      // A bare property name (JavaScript `{params: …}`) is its own literal key.
      e.key = AddString(std::string(TextOf(key, source_)), SpanOf(key), SpanOf(key));
    } else {
      Lower(key, false);  // computed keys are not entries
      Lower(pair.Part("value"), false);
      lowered_[c.id] = ir::kNoExpr;
      return;
    }
    TSNode value = pair.Part("value");
    if (IsNull(value)) {  // YAML `key:` with no value
      lowered_[c.id] = ir::kNoExpr;
      return;
    }
    // Data files (@field): the value is also bound to the dotted key path ("zoho.authtoken").
    const bool field = Role(c, "field") != nullptr && facts_.exprs[e.key].kind == ir::ExprKind::kString;
    if (field) key_path_.push_back(facts_.exprs[e.key].text);
    e.value = Expr(value);
    if (field) {
      std::string path;
      for (const std::string& k : key_path_) path += (path.empty() ? "" : ".") + k;
      key_path_.pop_back();
      Bind(std::move(path), e.value, "=", SpanOf(c));
    }
    lowered_[c.id] = ir::kNoExpr;
    facts_.entries.push_back(e);
  }

  ir::ExprId Map(TSNode n) {
    ir::ExprId map = Add(ir::ExprKind::kMap, SpanOf(n));
    if (TSNode items = Role(n, "map")->Part("items"); !IsNull(items)) {
      // `Map.of(k1, v1, k2, v2)`: the items alternate between keys and values.
      std::vector<TSNode> kids;
      for (TSNode c : NamedChildren(items)) {
        if (!ts_node_is_extra(c)) kids.push_back(c);
      }
      for (size_t i = 0; i + 1 < kids.size(); i += 2) {
        ir::MapEntry e;
        e.container = map;
        e.origin = ir::EntryOrigin::kLiteral;
        e.span = {ts_node_start_byte(kids[i]), ts_node_end_byte(kids[i + 1])};
        e.scope = scope_;
        e.key = Expr(kids[i]);
        e.value = Expr(kids[i + 1]);
        facts_.entries.push_back(e);
      }
      Children(n);
      return map;
    }
    for (TSNode c : NamedChildren(n)) {
      ir::MapEntry e;
      e.container = map;
      e.origin = ir::EntryOrigin::kLiteral;
      e.span = SpanOf(c);
      e.scope = scope_;
      if (const RoleMatch* pair = Role(c, "pair")) {
        MapPair(c, *pair, map);
      } else if (Role(c, "pair.shorthand") != nullptr) {
        const std::string name(TextOf(c, source_));
        e.key = AddString(name, SpanOf(c), SpanOf(c));
        e.value = Add(ir::ExprKind::kName, SpanOf(c), name);
        lowered_[c.id] = e.value;
        facts_.entries.push_back(e);
      } else {
        Lower(c, false);
      }
    }
    return map;
  }

  ir::ExprId List(TSNode n) {
    std::vector<ir::ExprId> items;
    for (TSNode c : NamedChildren(n)) {
      if (ts_node_is_extra(c)) continue;  // comments
      items.push_back(Expr(c));
    }
    ir::ExprId e = Add(ir::ExprKind::kList, SpanOf(n));
    facts_.exprs[e].children = items;
    KeyValueItems(n, e);
    if (row_.header_line_items) {
      for (ir::ExprId item : items) {
        ir::MapEntry entry;
        if (!HeaderLine(item, &entry)) continue;
        entry.container = e;
        entry.origin = ir::EntryOrigin::kLiteral;
        facts_.entries.push_back(entry);
      }
    }
    return e;
  }

  // See lower.h: a list item written as one header line, `'Name: value'` or
  // `'Name: ' . $value`, becomes the entry Name => value. Key and value are new expressions over
  // the item's literal (the value keeps the item's later parts).
  bool HeaderLine(ir::ExprId item, ir::MapEntry* entry) {
    if (item == ir::kNoExpr) return false;
    // A copy: the AddString calls below grow facts_.exprs, which would leave a reference dangling.
    const ir::Expr x = facts_.exprs[item];
    ir::ExprId first = item;
    if (x.kind == ir::ExprKind::kConcat) {
      if (x.children.empty()) return false;
      first = x.children[0];
    }
    if (facts_.exprs[first].kind != ir::ExprKind::kString) return false;
    const std::string text = facts_.exprs[first].text;
    const ir::Span lit = facts_.exprs[first].literal_span;
    size_t colon = 0;
    while (colon < text.size() && (std::isalnum(static_cast<unsigned char>(text[colon])) != 0 || text[colon] == '-' ||
                                   text[colon] == '_')) {
      ++colon;
    }
    if (colon == 0 || colon >= text.size() || text[colon] != ':' || std::isalpha(static_cast<unsigned char>(text[0])) == 0) {
      return false;
    }
    size_t value_begin = colon + 1;
    while (value_begin < text.size() && (text[value_begin] == ' ' || text[value_begin] == '\t')) ++value_begin;
    // 1:1 sub-spans when the literal is written as decoded; the whole literal otherwise.
    const bool exact = lit.end >= lit.begin && lit.end <= source_.size() &&
                       source_.substr(lit.begin, lit.end - lit.begin) == text;
    auto sub = [&](size_t b, size_t en) -> ir::Span {
      if (!exact) return lit;
      return {static_cast<uint32_t>(lit.begin + b), static_cast<uint32_t>(lit.begin + en)};
    };
    entry->key = AddString(text.substr(0, colon), sub(0, colon), sub(0, colon));
    std::vector<ir::ExprId> parts;
    if (value_begin < text.size()) {
      parts.push_back(AddString(text.substr(value_begin), sub(value_begin, text.size()), sub(value_begin, text.size())));
    }
    if (x.kind == ir::ExprKind::kConcat) {
      const std::vector<ir::ExprId> rest(x.children.begin() + 1, x.children.end());
      parts.insert(parts.end(), rest.begin(), rest.end());
    }
    if (parts.size() == 1 && facts_.exprs[parts[0]].kind == ir::ExprKind::kString) {
      entry->value = parts[0];
    } else {
      entry->value = Add(ir::ExprKind::kConcat, x.span);
      facts_.exprs[entry->value].children = std::move(parts);
    }
    entry->span = x.span;
    entry->scope = scope_;
    return true;
  }

  ir::ExprId Call(const RoleMatch& m) {
    ir::Call call;
    call.span = SpanOf(m.node);
    TSNode callee = m.Part("callee");
    TSNode object = m.Part("object");
    TSNode property = m.Part("property");
    if (!IsNull(object)) {
      call.receiver = Expr(object);
      call.method = std::string(TextOf(property, source_));
      // No callee node (PHP `$c->m()`, Ruby `A::B.m`): the receiver's name chain and the method.
      std::string chain = IsNull(callee) ? NameChain(object) : NameChain(callee);
      if (IsNull(callee) && !chain.empty()) chain += "." + call.method;
      call.callee = chain.empty() ? "<expr>." + call.method : chain;
    } else {
      call.callee = std::string(TextOf(callee, source_));
      call.method = call.callee;
    }
    const std::vector<TSNode> arg_nodes = NamedChildren(m.Part("args"));
    // Ruby's bare `k: v` / `'k' => v` arguments: one positional hash (what Ruby passes).
    ir::ExprId bare_map = ir::kNoExpr;
    bool after_splat = false;
    for (TSNode c : arg_nodes) {
      if (ts_node_is_extra(c) || after_splat) continue;
      if (const RoleMatch* named = Role(c, "arg")) {
        ir::Arg a;
        a.name = std::string(TextOf(named->Part("name"), source_));
        a.value = Expr(named->Part("value"));
        a.span = SpanOf(c);
        lowered_[c.id] = ir::kNoExpr;
        call.args.push_back(std::move(a));
      } else if (Role(c, "pair") != nullptr) {
        if (bare_map == ir::kNoExpr) {
          bare_map = Add(ir::ExprKind::kMap, SpanOf(c));
          call.args.push_back({std::string(), bare_map, SpanOf(c)});
        }
        facts_.exprs[bare_map].span.end = ts_node_end_byte(c);
        call.args.back().span.end = ts_node_end_byte(c);
        MapPair(c, *Role(c, "pair"), bare_map);
      } else if (Role(c, "splat") != nullptr) {
        Lower(c, false);  // *args / **kwargs / ...spread: positions after it are unknown
        after_splat = true;
      } else {
        ir::Arg a;
        a.value = Expr(c);
        a.span = SpanOf(c);
        call.args.push_back(std::move(a));
      }
    }
    // Go `q.Encode()` (@call.receiver_arg): an encoder whose input is its receiver.
    if (!IsNull(m.Part("receiver_arg")) && call.args.empty() && call.receiver != ir::kNoExpr) {
      call.args.push_back({std::string(), call.receiver, facts_.exprs[call.receiver].span});
    }
    // Anything after a splat still holds facts, and so do blocks (Ruby) and other children.
    for (TSNode c : arg_nodes) Lower(c, false);
    for (TSNode c : NamedChildren(m.node)) {
      if (!ts_node_eq(c, property) && !ts_node_eq(c, callee)) Lower(c, false);
    }
    ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
    call.self = e;
    facts_.calls.push_back(std::move(call));
    facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
    return e;
  }

  void Put(const RoleMatch& m, ir::ExprId call) {
    // A receiver that is no plain name (`request.get(u).set(k, v)`) still holds the entry; no
    // name reaches it, so only matchers over every entry (headers) see it.
    const std::string container = NameChain(m.Part("object"));
    ir::MapEntry e;
    e.key = Expr(m.Part("key"));
    e.value = Expr(m.Part("value"));
    e.container_name = container;
    e.origin = ir::EntryOrigin::kPut;
    e.span = {facts_.exprs[e.key].span.begin, facts_.exprs[e.value].span.end};
    e.statement = StatementFor(SpanOf(m.node));
    e.scope = scope_;
    if (!IsNull(m.Part("direct")) && call != ir::kNoExpr && facts_.exprs[call].kind == ir::ExprKind::kCall) {
      // See lower.h: a setter that adds the entry to the request it builds; the entry belongs to
      // a one-entry map that is the call's argument "<entry>".
      const ir::ExprId map = Add(ir::ExprKind::kMap, e.span);
      e.container = map;
      e.container_name.clear();
      e.origin = ir::EntryOrigin::kLiteral;
      facts_.calls[facts_.exprs[call].call].args.push_back({"<entry>", map, e.span});
    }
    facts_.entries.push_back(e);
  }

  // See lower.h: `new AuthenticationHeaderValue(scheme, credentials)` is the header entry
  // Authorization => scheme + " " + credentials of a one-entry map (the creation's own call).
  void Authorization(const RoleMatch& m, ir::ExprId call) {
    TSNode scheme = m.Part("scheme");
    if (IsNull(scheme)) return;
    const ir::Span at = SpanOf(scheme);
    ir::MapEntry e;
    e.container = call;
    e.origin = ir::EntryOrigin::kLiteral;
    e.span = SpanOf(m.node);
    e.scope = scope_;
    e.key = AddString("Authorization", at, {at.begin, at.begin});
    std::vector<ir::ExprId> parts = {Expr(scheme)};
    TSNode credentials = m.Part("credentials");
    if (!IsNull(credentials)) {
      parts.push_back(AddString(" ", {at.end, at.end}, {at.end, at.end}));
      parts.push_back(Expr(credentials));
    }
    e.value = Add(ir::ExprKind::kConcat, e.span);
    facts_.exprs[e.value].children = std::move(parts);
    facts_.entries.push_back(e);
  }

  // `"…%s…" % args` (brace = false) or `"…{}…".format(args)` (brace = true): the template's
  // literal runs with one hole per placeholder, resolved to the matching argument when known.
  // `printf` (@format.printf): `args` is the whole argument list, the template its first item.
  ir::ExprId Format(const RoleMatch& m, bool brace, bool printf = false) {
    TSNode tmpl = m.Part("template");
    TSNode args = m.Part("args");
    DecodedString d = row_.decode(tmpl, source_);
    if (d.pieces.size() > 1 || (d.pieces.size() == 1 && d.pieces[0].hole)) {
      // An f-string template: no second formatting pass is modelled.
      Expr(tmpl);
      Lower(args, false);
      return ir::kNoExpr;
    }
    const std::string text = d.pieces.empty() ? std::string() : d.pieces[0].text;
    const ir::Span lit = d.pieces.empty() ? d.literal_span : d.pieces[0].span;
    const bool exact = TextOf(tmpl, source_).size() >= text.size() &&
                       source_.substr(lit.begin, lit.end - lit.begin) == text;
    // Arguments: positional in order, named by keyword (or by dict key for %(name)s).
    std::vector<ir::ExprId> positional;
    std::vector<std::pair<std::string, ir::ExprId>> named;
    if (!IsNull(args)) {
      if (brace || printf || Role(args, "list") != nullptr) {
        for (TSNode c : NamedChildren(args)) {
          if (ts_node_is_extra(c)) continue;
          if (printf && ts_node_start_byte(c) <= ts_node_start_byte(tmpl) && ts_node_end_byte(tmpl) <= ts_node_end_byte(c)) {
            lowered_[c.id] = ir::kNoExpr;
            continue;
          }
          if (const RoleMatch* kw = Role(c, "arg")) {
            named.emplace_back(std::string(TextOf(kw->Part("name"), source_)), Expr(kw->Part("value")));
            lowered_[c.id] = ir::kNoExpr;
          } else if (Role(c, "splat") == nullptr) {
            positional.push_back(Expr(c));
          } else {
            Lower(c, false);
          }
        }
        if (!brace && !printf) lowered_[args.id] = ir::kNoExpr;
      } else if (Role(args, "map") != nullptr) {
        ir::ExprId map = Expr(args);
        for (const ir::MapEntry& e : facts_.entries) {
          if (e.container != map) continue;
          const ir::Expr& k = facts_.exprs[e.key];
          if (k.kind == ir::ExprKind::kString) named.emplace_back(k.text, e.value);
        }
      } else {
        positional.push_back(Expr(args));
      }
    }
    std::vector<ir::ExprId> parts;
    std::string run;
    size_t run_begin = 0;
    size_t next_positional = 0;
    auto flush = [&](size_t end) {
      if (!run.empty()) {
        ir::Span s = lit;
        if (exact) s = {static_cast<uint32_t>(lit.begin + run_begin), static_cast<uint32_t>(lit.begin + end)};
        parts.push_back(AddString(run, s, s));
      }
      run.clear();
    };
    auto hole = [&](std::string_view field, size_t end) {
      ir::ExprId v = ir::kNoExpr;
      if (field.empty()) {
        if (next_positional < positional.size()) v = positional[next_positional];
        ++next_positional;
      } else if (field[0] >= '0' && field[0] <= '9') {
        size_t idx = 0;
        for (char ch : field) {
          if (ch < '0' || ch > '9') break;
          idx = idx * 10 + static_cast<size_t>(ch - '0');
        }
        if (idx < positional.size()) v = positional[idx];
      } else {
        for (const auto& [name, value] : named) {
          if (name == field) v = value;
        }
      }
      if (v == ir::kNoExpr) v = Other(tmpl);  // an unknown argument: a hole all the same
      flush(end);
      parts.push_back(v);
    };
    for (size_t i = 0; i < text.size();) {
      const char c = text[i];
      if (!brace && c == '%') {
        if (i + 1 < text.size() && text[i + 1] == '%') {
          if (run.empty()) run_begin = i;
          run += '%';
          i += 2;
          continue;
        }
        size_t j = i + 1;
        std::string_view field;
        if (j < text.size() && text[j] == '(') {
          const size_t close = text.find(')', j);
          if (close == std::string::npos) break;
          field = std::string_view(text).substr(j + 1, close - j - 1);
          j = close + 1;
        }
        while (j < text.size() && std::string_view("#0- +*.0123456789hlL").find(text[j]) != std::string_view::npos) ++j;
        if (j >= text.size()) break;
        flush(i);
        hole(field, i);
        i = j + 1;
        run_begin = i;
        continue;
      }
      if (brace && (c == '{' || c == '}')) {
        if (i + 1 < text.size() && text[i + 1] == c) {
          if (run.empty()) run_begin = i;
          run += c;
          i += 2;
          continue;
        }
        if (c == '{') {
          const size_t close = text.find('}', i);
          if (close == std::string::npos) break;
          std::string_view field = std::string_view(text).substr(i + 1, close - i - 1);
          field = field.substr(0, std::min({field.find(':'), field.find('!'), field.find('.'), field.find('[')}));
          flush(i);
          hole(field, i);
          i = close + 1;
          run_begin = i;
          continue;
        }
      }
      if (run.empty()) run_begin = i;
      run += c;
      ++i;
    }
    flush(text.size());
    lowered_[tmpl.id] = ir::kNoExpr;
    ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(m.node));
    facts_.exprs[e].children = std::move(parts);
    return e;
  }

  bool InScope(uint32_t inner, uint32_t outer) const {
    for (int guard = 0; guard < 64; ++guard) {
      if (inner == outer) return true;
      if (inner >= facts_.scope_parent.size() || facts_.scope_parent[inner] == inner) return false;
      inner = facts_.scope_parent[inner];
    }
    return false;
  }

  // See lower.h: the properties of an options object passed positionally become named arguments.
  // Same semantics as ir::Deref + ir::EntriesOf, with indexes: those scan every binding and entry
  // per call, which is quadratic on large generated files.
  void AddOptionsObjectArgs() {
    std::unordered_map<std::string_view, std::vector<uint32_t>> bindings_by_name;
    for (uint32_t i = 0; i < facts_.bindings.size(); ++i) bindings_by_name[facts_.bindings[i].name].push_back(i);
    std::unordered_map<ir::ExprId, std::vector<uint32_t>> literal_entries;
    std::unordered_map<std::string_view, std::vector<uint32_t>> named_entries;
    for (uint32_t i = 0; i < facts_.entries.size(); ++i) {
      const ir::MapEntry& e = facts_.entries[i];
      if (e.origin == ir::EntryOrigin::kLiteral || e.origin == ir::EntryOrigin::kKeyword) {
        literal_entries[e.container].push_back(i);
      } else if (!e.container_name.empty()) {
        named_entries[e.container_name].push_back(i);
      }
    }
    auto resolve = [&](const ir::Expr& name) -> const ir::Binding* {
      auto it = bindings_by_name.find(name.text);
      if (it == bindings_by_name.end()) return nullptr;
      for (auto b = it->second.rbegin(); b != it->second.rend(); ++b) {
        const ir::Binding& binding = facts_.bindings[*b];
        if (binding.span.end <= name.span.begin && InScope(name.scope, binding.scope)) return &binding;
      }
      return nullptr;
    };
    for (ir::Call& call : facts_.calls) {
      std::vector<ir::Arg> extra;
      auto add = [&](uint32_t entry) {
        const ir::MapEntry& e = facts_.entries[entry];
        const ir::Expr& k = facts_.exprs[e.key];
        // A string key, or a constant named in capitals (PHP `CURLOPT_POSTFIELDS => …` in
        // curl_setopt_array's options): the argument is named as written.
        const bool constant = k.kind == ir::ExprKind::kName && !k.text.empty() &&
                              std::all_of(k.text.begin(), k.text.end(), [](char ch) {
                                return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
                              });
        if (k.kind != ir::ExprKind::kString && !constant) return;
        auto same = [&](const ir::Arg& x) { return x.name == k.text; };
        if (std::any_of(call.args.begin(), call.args.end(), same) || std::any_of(extra.begin(), extra.end(), same)) return;
        extra.push_back({k.text, e.value, e.span});
      };
      for (const ir::Arg& a : call.args) {
        if (!a.name.empty() || a.value == ir::kNoExpr) continue;
        ir::ExprId target = a.value;
        for (int step = 0; step < 8 && facts_.exprs[target].kind == ir::ExprKind::kName; ++step) {
          const ir::Binding* b = resolve(facts_.exprs[target]);
          if (b == nullptr || b->value == ir::kNoExpr || b->op != "=") break;
          target = b->value;
        }
        if (auto it = literal_entries.find(target);
            it != literal_entries.end() && facts_.exprs[target].kind == ir::ExprKind::kMap) {
          for (uint32_t i : it->second) add(i);
        }
        const ir::Expr& arg = facts_.exprs[a.value];
        if (arg.kind != ir::ExprKind::kName) continue;
        if (auto it = named_entries.find(arg.text); it != named_entries.end()) {
          for (uint32_t i : it->second) {
            const ir::MapEntry& e = facts_.entries[i];
            if (InScope(arg.scope, e.scope) && e.span.begin < arg.span.begin) add(i);
          }
        }
      }
      call.args.insert(call.args.end(), extra.begin(), extra.end());
    }
  }

  // --- Shell commands and data files (see lower.h) --------------------------------------------

  // See lower.h (@kv): key/value objects of a list are also entries of the list, K => V, spanned
  // by the value's member; under @kv_bind they also bind K (Postman collection variables).
  void KeyValueItems(TSNode list, ir::ExprId container) {
    const bool bind = Role(list, "kv_bind") != nullptr;
    for (TSNode c : NamedChildren(list)) {
      const RoleMatch* kv = Role(c, "kv");
      if (kv == nullptr) continue;
      TSNode value = kv->Part("value");
      ir::MapEntry e;
      e.key = Expr(kv->Part("key"));
      e.value = Expr(value);
      e.container = container;
      e.origin = ir::EntryOrigin::kLiteral;
      TSNode member = ts_node_parent(value);
      e.span = IsNull(member) ? SpanOf(value) : SpanOf(member);
      e.scope = scope_;
      facts_.entries.push_back(e);
      const ir::Expr& k = facts_.exprs[e.key];
      if (bind && k.kind == ir::ExprKind::kString && !k.text.empty()) Bind(k.text, e.value, "=", e.span);
    }
  }

  // @kv_call: a member naming a request part (Postman `query`, `urlencoded`, `formdata`) whose
  // value is a list of key/value objects: the list, plus a call `<member>(list)`.
  ir::ExprId KvCall(const RoleMatch& m, TSNode n) {
    const ir::ExprId list = List(n);
    ir::Call call;
    call.callee = call.method = std::string(TextOf(m.Part("name"), source_));
    call.span = SpanOf(n);
    call.args.push_back({std::string(), list, SpanOf(n)});
    ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
    call.self = e;
    facts_.calls.push_back(std::move(call));
    facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
    return list;
  }

  // The literal text of a word (a string, or a join of strings), or false.
  bool StaticText(ir::ExprId id, std::string* out) const {
    if (id == ir::kNoExpr) return false;
    const ir::Expr& x = facts_.exprs[id];
    if (x.kind == ir::ExprKind::kString) {
      *out = x.text;
      return true;
    }
    if (x.kind != ir::ExprKind::kConcat) return false;
    out->clear();
    for (ir::ExprId c : x.children) {
      if (facts_.exprs[c].kind != ir::ExprKind::kString) return false;
      *out += facts_.exprs[c].text;
    }
    return true;
  }

  // The parts of a word: a join's children, or the word itself.
  std::vector<ir::ExprId> WordParts(ir::ExprId id) const {
    if (id == ir::kNoExpr) return {};
    const ir::Expr& x = facts_.exprs[id];
    if (x.kind == ir::ExprKind::kConcat) return x.children;
    return {id};
  }

  // A new string over [b, e) of the literal `lit` (1:1 sub-spans when written as decoded).
  ir::ExprId SubString(ir::ExprId lit, size_t b, size_t e) {
    const ir::Expr x = facts_.exprs[lit];
    const ir::Span ls = x.literal_span;
    const bool exact = ls.end >= ls.begin && ls.end <= source_.size() &&
                       source_.substr(ls.begin, ls.end - ls.begin) == x.text;
    const ir::Span s = exact ? ir::Span{static_cast<uint32_t>(ls.begin + b), static_cast<uint32_t>(ls.begin + e)} : ls;
    return AddString(x.text.substr(b, e - b), s, s);
  }

  // One expression for a run of parts: the part itself, a join, or "" at `at`.
  ir::ExprId JoinParts(std::vector<ir::ExprId> parts, ir::Span at) {
    if (parts.size() == 1) return parts[0];
    if (parts.empty()) return AddString(std::string(), {at.end, at.end}, {at.end, at.end});
    ir::Span s = facts_.exprs[parts.front()].span;
    s.end = std::max(s.end, facts_.exprs[parts.back()].span.end);
    ir::ExprId e = Add(ir::ExprKind::kConcat, s);
    facts_.exprs[e].children = std::move(parts);
    return e;
  }

  // Splits a word `k=v&k2=v2` (pairs split on `pair_sep` when non-zero, key and value on the
  // first `kv_sep`) at literal characters only, and adds each pair as an entry of `map`.
  // `skip` literal bytes at the start of the word are dropped (an option's attached name).
  void AddPairs(ir::ExprId word, ir::Span word_span, char pair_sep, std::string_view kv_sep, ir::ExprId map,
                size_t skip = 0) {
    std::vector<ir::ExprId> key;
    std::vector<ir::ExprId> value;
    bool in_value = false;
    auto finish = [&]() {
      std::string k;
      bool literal_key = !key.empty();
      for (ir::ExprId p : key) {
        if (facts_.exprs[p].kind != ir::ExprKind::kString) literal_key = false;
        if (literal_key) k += facts_.exprs[p].text;
      }
      if (literal_key && in_value && !k.empty()) {
        ir::MapEntry e;
        e.key = JoinParts(key, word_span);
        e.value = JoinParts(value, facts_.exprs[e.key].span);
        e.container = map;
        e.origin = ir::EntryOrigin::kLiteral;
        e.span = word_span;
        e.scope = scope_;
        facts_.entries.push_back(e);
      }
      key.clear();
      value.clear();
      in_value = false;
    };
    for (ir::ExprId p : WordParts(word)) {
      const ir::Expr& x = facts_.exprs[p];
      if (x.kind != ir::ExprKind::kString) {
        (in_value ? value : key).push_back(p);
        continue;
      }
      const std::string text = x.text;
      size_t run = std::min(skip, text.size());
      skip -= run;
      for (size_t i = run; i <= text.size(); ++i) {
        const bool end = i == text.size();
        const bool at_pair = !end && pair_sep != 0 && text[i] == pair_sep;
        const bool at_kv = !end && !in_value && text.compare(i, kv_sep.size(), kv_sep) == 0;
        if (!end && !at_pair && !at_kv) continue;
        if (i > run) (in_value ? value : key).push_back(SubString(p, run, i));
        if (at_pair) finish();
        if (at_kv) {
          in_value = true;
          i += kv_sep.size() - 1;
        }
        run = i + 1;
      }
    }
    finish();
  }

  ir::ExprId NewMap(ir::Span span, std::string_view arg, ir::Call* call) {
    ir::ExprId m = Add(ir::ExprKind::kMap, span);
    call->args.push_back({std::string(arg), m, span});
    return m;
  }

  // A header line word (`Name: value`) as an entry of the call's "headers" map.
  void AddHeader(ir::ExprId word, ir::Span span, ir::Call* call, ir::ExprId* headers) {
    ir::MapEntry e;
    if (!HeaderLine(word, &e)) return;
    if (*headers == ir::kNoExpr) *headers = NewMap(span, "headers", call);
    e.container = *headers;
    e.origin = ir::EntryOrigin::kLiteral;
    e.span = span;
    e.scope = scope_;
    facts_.entries.push_back(e);
  }

  // @command (Bash): a command is a call of its name with every word as a positional argument;
  // curl, wget and HTTPie options also become named arguments (see lower.h).
  ir::ExprId Command(const RoleMatch& m) {
    TSNode name_node = m.Part("name");
    ir::Call call;
    call.span = SpanOf(m.node);
    std::string callee(TextOf(name_node, source_));
    if (const size_t slash = callee.rfind('/'); slash != std::string::npos) callee.erase(0, slash + 1);
    call.callee = call.method = callee;
    std::vector<std::pair<ir::ExprId, ir::Span>> words;
    for (TSNode c : NamedChildren(m.node)) {
      if (ts_node_eq(c, name_node) || ts_node_is_extra(c)) continue;
      const std::string_view type = ts_node_type(c);
      if (type == "variable_assignment" || type.find("redirect") != std::string_view::npos) {
        Lower(c, false);
        continue;
      }
      const ir::ExprId w = Expr(c);
      words.emplace_back(w, SpanOf(c));
      call.args.push_back({std::string(), w, SpanOf(c)});
    }
    const bool curl = callee == "curl";
    const bool wget = callee == "wget";
    const bool httpie = callee == "http" || callee == "https" || callee == "xh" || callee == "xhs";
    if (curl || wget || httpie) CommandOptions(words, curl, wget, &call);
    ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
    call.self = e;
    facts_.calls.push_back(std::move(call));
    facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
    return e;
  }

  void CommandOptions(const std::vector<std::pair<ir::ExprId, ir::Span>>& words, bool curl, bool wget, ir::Call* call) {
    enum class Next : uint8_t { kNone, kHeader, kData, kUrlencode, kForm, kUrl, kSkip };
    // Options that take a value (the next word, or attached: `-Hx`, `--header=x`).
    static const std::vector<std::pair<std::string_view, Next>> kCurl = {
        {"-H", Next::kHeader}, {"--header", Next::kHeader}, {"-d", Next::kData}, {"--data", Next::kData},
        {"--data-raw", Next::kData}, {"--data-binary", Next::kData}, {"--data-ascii", Next::kData},
        {"--data-urlencode", Next::kUrlencode}, {"-F", Next::kForm}, {"--form", Next::kForm},
        {"--form-string", Next::kForm}, {"--url", Next::kUrl}, {"-X", Next::kSkip}, {"--request", Next::kSkip},
        {"-u", Next::kSkip}, {"--user", Next::kSkip}, {"-o", Next::kSkip}, {"--output", Next::kSkip},
        {"-A", Next::kSkip}, {"--user-agent", Next::kSkip}, {"-e", Next::kSkip}, {"--referer", Next::kSkip},
        {"-b", Next::kSkip}, {"--cookie", Next::kSkip}, {"-c", Next::kSkip}, {"--cookie-jar", Next::kSkip},
        {"-m", Next::kSkip}, {"--max-time", Next::kSkip}, {"--connect-timeout", Next::kSkip},
        {"--retry", Next::kSkip}, {"-w", Next::kSkip}, {"--write-out", Next::kSkip}, {"-T", Next::kSkip},
        {"--upload-file", Next::kSkip}, {"-x", Next::kSkip}, {"--proxy", Next::kSkip}, {"-K", Next::kSkip},
        {"--config", Next::kSkip}, {"--cacert", Next::kSkip}, {"-E", Next::kSkip}, {"--cert", Next::kSkip},
        {"--key", Next::kSkip}, {"--resolve", Next::kSkip}, {"-r", Next::kSkip}, {"--range", Next::kSkip},
        {"--oauth2-bearer", Next::kSkip}, {"--json", Next::kSkip}};
    static const std::vector<std::pair<std::string_view, Next>> kWget = {
        {"--header", Next::kHeader}, {"--post-data", Next::kData}, {"--body-data", Next::kData},
        {"-O", Next::kSkip}, {"--output-document", Next::kSkip}, {"-o", Next::kSkip}, {"-U", Next::kSkip},
        {"--user-agent", Next::kSkip}, {"-e", Next::kSkip}, {"-t", Next::kSkip}, {"-T", Next::kSkip},
        {"-P", Next::kSkip}, {"--method", Next::kSkip}, {"--user", Next::kSkip}, {"--password", Next::kSkip}};
    static const std::vector<std::pair<std::string_view, Next>> kHttpie = {
        {"-a", Next::kSkip}, {"--auth", Next::kSkip}, {"-A", Next::kSkip}, {"--auth-type", Next::kSkip},
        {"-o", Next::kSkip}, {"--output", Next::kSkip}, {"-p", Next::kSkip}, {"--print", Next::kSkip},
        {"--session", Next::kSkip}, {"--verify", Next::kSkip}, {"--timeout", Next::kSkip}};
    const auto& table = curl ? kCurl : wget ? kWget : kHttpie;
    const bool httpie = !curl && !wget;
    ir::ExprId headers = ir::kNoExpr;
    ir::ExprId data = ir::kNoExpr;
    ir::ExprId form = ir::kNoExpr;
    ir::ExprId params = ir::kNoExpr;
    ir::ExprId url = ir::kNoExpr;
    bool get = false;
    bool options_done = false;
    auto apply = [&](Next what, ir::ExprId word, ir::Span span, size_t skip) {
      switch (what) {
        case Next::kHeader: {
          ir::ExprId w = word;
          if (skip > 0) {
            // An attached value: the word without its option.
            std::vector<ir::ExprId> parts = WordParts(word);
            if (parts.empty() || facts_.exprs[parts[0]].kind != ir::ExprKind::kString) return;
            const std::string& t = facts_.exprs[parts[0]].text;
            if (skip > t.size()) return;
            if (skip == t.size()) {
              parts.erase(parts.begin());
            } else {
              parts[0] = SubString(parts[0], skip, t.size());
            }
            if (parts.empty()) return;
            w = JoinParts(std::move(parts), span);
          }
          AddHeader(w, span, call, &headers);
          return;
        }
        case Next::kData:
          if (data == ir::kNoExpr) data = NewMap(span, "data", call);
          AddPairs(word, span, '&', "=", data, skip);
          return;
        case Next::kUrlencode:
          if (data == ir::kNoExpr) data = NewMap(span, "data", call);
          AddPairs(word, span, 0, "=", data, skip);
          return;
        case Next::kForm:
          if (form == ir::kNoExpr) form = NewMap(span, "form", call);
          AddPairs(word, span, 0, "=", form, skip);
          return;
        case Next::kUrl:
          if (url == ir::kNoExpr && skip == 0) url = word;
          return;
        case Next::kNone:
        case Next::kSkip:
          return;
      }
    };
    Next pending = Next::kNone;
    bool method_seen = false;
    for (const auto& [word, span] : words) {
      if (pending != Next::kNone) {
        apply(pending, word, span, 0);
        pending = Next::kNone;
        continue;
      }
      std::string text;
      const bool known = StaticText(word, &text);
      std::string first;  // the literal start of the word
      if (!WordParts(word).empty() && facts_.exprs[WordParts(word)[0]].kind == ir::ExprKind::kString) {
        first = facts_.exprs[WordParts(word)[0]].text;
      }
      if (!options_done && first == "--" && known) {
        options_done = true;
        continue;
      }
      if (!options_done && first.size() > 1 && first[0] == '-') {
        if (curl && known && (text == "--get" || (text[1] != '-' && text.find('G') != std::string::npos))) {
          get = true;  // -G, also in a cluster (-sG)
          if (text.size() == 2 || text == "--get") continue;
        }
        const size_t eq = first.rfind("--", 0) == 0 ? first.find('=') : std::string::npos;
        const std::string opt = eq == std::string::npos ? first : first.substr(0, eq);
        bool matched = false;
        for (const auto& [name, what] : table) {
          if (first == name && known) {
            pending = what;
            matched = true;
          } else if (eq != std::string::npos && opt == name) {
            apply(what, word, span, eq + 1);  // --header=value
            matched = true;
          } else if (name.size() == 2 && name[1] != '-' && first.size() > 2 && first[1] != '-' &&
                     first.compare(0, 2, name) == 0) {
            apply(what, word, span, 2);  // -Hvalue
            matched = true;
          }
          if (matched) break;
        }
        if (!matched && curl && first.size() > 2 && first[1] != '-') {
          // A cluster of flags ending in one that takes a value: `-sH` then the value.
          const char last = first.back();
          for (const auto& [name, what] : table) {
            if (name.size() == 2 && name[1] == last && known) pending = what;
          }
        }
        continue;
      }
      if (!httpie) {
        if (url == ir::kNoExpr) url = word;
        continue;
      }
      // HTTPie: [METHOD] URL then request items `H:v`, `k==v`, `k=v`, `k:=v`.
      if (url == ir::kNoExpr) {
        if (!method_seen && known && !text.empty() &&
            std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
          method_seen = true;
          continue;
        }
        url = word;
        continue;
      }
      const size_t sep = first.find_first_of(":=");
      if (sep == std::string::npos || sep == 0) continue;
      if (first.compare(sep, 2, "==") == 0) {
        if (params == ir::kNoExpr) params = NewMap(span, "params", call);
        AddPairs(word, span, 0, "==", params);
      } else if (first[sep] == '=' || first.compare(sep, 2, ":=") == 0) {
        if (data == ir::kNoExpr) data = NewMap(span, "data", call);
        AddPairs(word, span, 0, first[sep] == '=' ? "=" : ":=", data);
      } else {
        AddHeader(word, span, call, &headers);
      }
    }
    if (url != ir::kNoExpr) call->args.push_back({"url", url, facts_.exprs[url].span});
    if (get && data != ir::kNoExpr) call->args.push_back({"params", data, facts_.exprs[data].span});
  }

  std::vector<std::string> key_path_;  // data files: the keys of the enclosing @field pairs

  const LanguageRow& row_;
  const CompiledQuery& query_;
  std::string_view source_;
  ir::Facts facts_;
  std::vector<ScopeInfo> scopes_;  // parallel to facts_.scope_parent
  std::vector<RoleMatch> matches_;
  std::unordered_map<const void*, std::vector<size_t>> roles_;
  std::unordered_map<const void*, ir::ExprId> lowered_;
  uint32_t scope_ = 0;
  ir::Span statement_;
  int depth_ = 0;
};

size_t CountErrors(TSNode root) {
  size_t errors = 0;
  std::vector<TSNode> stack = {root};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts_node_is_error(n) || ts_node_is_missing(n)) ++errors;
    if (!ts_node_has_error(n)) continue;
    const uint32_t count = ts_node_child_count(n);
    for (uint32_t i = count; i > 0; --i) stack.push_back(ts_node_child(n, i - 1));
  }
  return errors;
}

}  // namespace

bool HasLowering(std::string_view language_id) { return FindRow(language_id) != nullptr; }

long CountSyntaxErrors(std::string_view language_id, std::string_view source) {
  const LanguageRow* row = FindRow(language_id);
  if (row == nullptr) return -1;
  ParsedTree tree = ParsedTree::Parse(GrammarByName(row->grammar), source);
  return static_cast<long>(CountErrors(tree.Root()));
}

size_t YamlBlockIndent(std::string_view body) {
  size_t indent = std::string_view::npos;
  for (size_t i = 0; i < body.size();) {
    size_t e = body.find('\n', i);
    if (e == std::string_view::npos) e = body.size();
    const std::string_view line = body.substr(i, e - i);
    const size_t first = line.find_first_not_of(' ');
    if (first != std::string_view::npos && line.find_first_not_of(" \r") != std::string_view::npos) {
      indent = std::min(indent, first);
    }
    i = e + 1;
  }
  return indent;
}

std::optional<ir::Facts> LowerWithTreeSitter(std::string_view language_id, std::string_view source,
                                             size_t* parse_errors, std::span<const ir::Span> ranges) {
  const LanguageRow* row = FindRow(language_id);
  if (row == nullptr) return std::nullopt;
  const CompiledQuery& query = QueryFor(*row);
  std::vector<ByteRange> byte_ranges;
  byte_ranges.reserve(ranges.size());
  for (const ir::Span& r : ranges) byte_ranges.push_back({r.begin, r.end});
  ParsedTree tree = ParsedTree::Parse(GrammarByName(row->grammar), source, byte_ranges);
  if (parse_errors != nullptr) *parse_errors = CountErrors(tree.Root());
  return Lowering(*row, query, source).Run(tree.Root());
}

}  // namespace authshift::frontends::treesitter
