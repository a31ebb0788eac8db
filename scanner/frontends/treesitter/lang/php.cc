// PHP: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - PHP: variables keep their `$` in bindings and uses ("$url"; "${url}" in a string is "$url");
//   `$o->p` is "$o.p", `self::X` "self.X"; class properties bind their bare name in the class
//   scope ("tok", reachable as "$this.tok"); `.=` appends like `+=`. Arrays with a `=>` element
//   are maps, others lists; `['k' => v]` passed positionally is an options object (see above;
//   a constant key in capitals names its argument too: `CURLOPT_POSTFIELDS => v`).
// - Header lines (PHP, row flag header_line_items): a list item written as one header line,
//   `'Authorization: Bearer ' . $t` (curl's CURLOPT_HTTPHEADER), is also a kLiteral map
//   entry of that list with key "Authorization" (the text before the colon, a new kString over its
//   characters) and value the rest (a new kString and the item's later parts, a kConcat when
//   more than one), so header rules see it; `$headers[] = 'Name: v'` is the same kIndexAssign entry
//   of "$headers".
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

#include "scanner/core/utf8.h"

namespace authshift::frontends::treesitter::lang {
namespace {

// PHP double-quoted escapes (the grammar only makes escape_sequence nodes of valid ones): \e and
// one-digit \xH on top of the shared C-family set.
std::string DecodePhpEscape(std::string_view e) {
  if (e == "\\e") return "\x1b";
  if (e.size() == 3 && e[1] == 'x' && core::HexDigitValue(e[2]) >= 0) {
    std::string out;
    core::AppendUtf8(static_cast<uint32_t>(core::HexDigitValue(e[2])), &out);
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

}  // namespace

extern const LanguageRow kPhp = {
    .id = "php",
    .queries = {"php.scm", ""},
    .decode = DecodePhp,
    .self_names = {"$this", "self"},
    .options_object_args = true,
    .header_line_items = true};

}  // namespace authshift::frontends::treesitter::lang
