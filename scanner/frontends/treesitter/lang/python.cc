// Python: the string decoder and the lowering row. Its conventions are lower.h's generic ones.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kPython = {
    .id = "python",
    .queries = {"python.scm", ""},
    .decode = DecodePython,
    .self_names = {"self", "cls"}};

}  // namespace authshift::frontends::treesitter::lang
