// Go: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - Go: interpreted strings decode escapes, raw strings drop `\r`; composite literals with keys
//   are maps, a one-element literal `{v}` is v (url.Values / http.Header values), others lists;
//   `a, b := x, y` binds only the first pair (`req, err := http.NewRequest(…)` binds req).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kGo = {
    .id = "go",
    .queries = {"go.scm", ""},
    .decode = DecodeGo,
    .self_names = {"", ""}};

}  // namespace authshift::frontends::treesitter::lang
