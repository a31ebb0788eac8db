// YAML: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - YAML / JSON (data files): mappings/objects are @map, sequences/arrays @list; each pair is
//   also @field: its value is bound ("=") to the dotted key path from the document root
//   ("zoho.books.authtoken"; list items add no segment). YAML scalars decode per style (plain as
//   written, 'single' with '', "double" escapes, block scalars with indentation removed and `>`
//   folded). JSON strings decode escapes, and Postman `{{name}}` is a hole named "name".
//   Postman collections v2.1 (also HAR): `{"key"|"name": K, "value": V}` objects in a list (@kv)
//   are also entries K => V of the list, spanned by the `"value": …` member; lists under
//   "variable"/"values" (@kv_bind) bind K = V; lists under "query"/"urlencoded"/"formdata"
//   (@kv_call @kv_call.name) are also a call of that name with the list as argument 0.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"
#include "scanner/frontends/treesitter/lower.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kYaml = {
    .id = "yaml",
    .queries = {"yaml.scm", ""},
    .decode = DecodeYaml,
    .self_names = {"", ""}};

}  // namespace authshift::frontends::treesitter::lang

namespace authshift::frontends::treesitter {

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

}  // namespace authshift::frontends::treesitter
