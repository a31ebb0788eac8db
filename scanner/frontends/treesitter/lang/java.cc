// Java: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - Java: "…" decodes escapes (`\s` is a space); text blocks drop the incidental indentation
//   (the least of the content lines and the closing line) and trailing spaces, then decode escapes
//   (`\<newline>` joins lines). Fields, constants and enum/record members bind in the class scope
//   ("tok", "this.tok", "Books.tok"); `this.x = v` in a constructor binds "this.x" there.
//   `String.format` is printf-style, `MessageFormat.format` brace-style; StringBuilder /
//   StringBuffer: `new StringBuilder(a).append(b)…toString()` is a join and `sb.append(x);` as a
//   statement appends to sb like `+=` (a chained `sb.append(a).append(b);` statement is a join of
//   its own and leaves sb alone). `new T(args)` is a call of T (generic arguments dropped).
//   Entries: `x.put/add/set/header/setHeader/addHeader/setRequestProperty(k, v)` (kPut into x),
//   `params.add(new BasicNameValuePair(k, v))` (kPut into params), `new BasicHeader(k, v)` and the
//   request builders' parameter setters (@put.direct), `Map.of`/`ImmutableMap.of` (a map literal).
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
    .queries = {"java.scm", ""},
    .decode = DecodeJava,
    .self_names = {"this", ""}};

}  // namespace authshift::frontends::treesitter::lang
