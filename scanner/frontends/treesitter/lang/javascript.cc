// JavaScript, TypeScript and TSX: the string decoder and the lowering rows. Their conventions are
// lower.h's generic ones (options objects: row flag options_object_args), plus lodash/underscore
// `_.pick(obj, ['a', 'b'])` (or `_.pick(obj, 'a', 'b')`): a map whose entries are the named members of
// `obj` (row flag pick_by_names; Lowering::PickByNames).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kJavaScript = {
    .id = "javascript",
    .queries = {"javascript.scm", "javascript-only.scm"},
    .decode = DecodeJavaScript,
    .self_names = {"this", ""},
    .options_object_args = true,
    .pick_by_names = true};

extern const LanguageRow kTsx = {
    .id = "tsx",
    .queries = {"javascript.scm", "typescript.scm"},
    .decode = DecodeJavaScript,
    .self_names = {"this", ""},
    .options_object_args = true,
    .pick_by_names = true};

extern const LanguageRow kTypeScript = {
    .id = "typescript",
    .queries = {"javascript.scm", "typescript.scm"},
    .decode = DecodeJavaScript,
    .self_names = {"this", ""},
    .options_object_args = true,
    .pick_by_names = true};

}  // namespace authshift::frontends::treesitter::lang
