// See lower.h for the conventions this row's flags select.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kJava = {
    .id = "java",
    .grammar = "java",
    .queries = {"java.scm", ""},
    .decode = DecodeJava,
    .self_names = {"this", ""}};

}  // namespace authshift::frontends::treesitter::lang
