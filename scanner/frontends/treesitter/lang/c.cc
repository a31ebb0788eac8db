// C and C++ rows (lang/c.scm + c-only.scm, lang/c.scm + cpp.scm): the tree-sitter path of C/C++,
// used by builds without Clang (-DAUTHSHIFT_WITH_CLANG=OFF) and, in Clang builds, for files whose
// headers are missing. scanner/frontends/clang/cfamily.cc (LowerCFamily) runs the library semantics
// on these facts as it does on Clang's, so the same rules and the same rewriter serve both paths.
// Conventions (mirroring the Clang frontend, scanner/frontends/clang/lower.h): adjacent literals are
// one kConcat; a macro of strings among them is a kName bound by its `#define`; `#define NAME
// "text"` binds NAME; brace lists of pairs are maps; `T x(v)` binds x to v; string macros and
// conversions (`QStringLiteral("…")`, `std::string(x)`) are their argument. Not seen, unlike
// Clang: macros that are not string literals, types, overloads and anything from headers.
#include <string>
#include <string_view>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

// The characters of a "…" literal (`text` between the quotes, at source offset `base`) decoded
// with C's escapes.
void DecodeQuoted(std::string_view text, uint32_t base, PieceBuilder* b) {
  std::string decoded;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\\') {
      DecodeEscape(text, &i, &decoded);
    } else {
      decoded.push_back(text[i++]);
    }
  }
  b->Literal(decoded, {base, static_cast<uint32_t>(base + text.size())});
}

// `#define NAME "a" "b"`: the literals of the macro's text in order, up to the first token that
// is not one (the query only captures a text that starts with a literal).
DecodedString DecodeMacro(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const uint32_t begin = ts_node_start_byte(node);
  const std::string_view text = source.substr(begin, ts_node_end_byte(node) - begin);
  size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\\' || text[i] == '\r' ||
                               text[i] == '\n')) {
      ++i;
    }
    size_t q = i;
    while (q < text.size() && q - i < 2 && (text[q] == 'u' || text[q] == '8' || text[q] == 'L' || text[q] == 'U')) ++q;
    if (q >= text.size() || text[q] != '"') break;
    size_t close = q + 1;
    while (close < text.size() && text[close] != '"') close += text[close] == '\\' ? size_t{2} : size_t{1};
    if (close >= text.size()) break;
    const auto inner_begin = static_cast<uint32_t>(begin + q + 1);
    DecodeQuoted(text.substr(q + 1, close - q - 1), inner_begin, &b);
    if (first) d.literal_span.begin = inner_begin;
    d.literal_span.end = static_cast<uint32_t>(begin + close);
    first = false;
    i = close + 1;
  }
  d.pieces = b.Finish();
  return d;
}

DecodedString DecodeC(TSNode node, std::string_view source) {
  const std::string_view type = ts_node_type(node);
  if (type == "preproc_arg") return DecodeMacro(node, source);
  DecodedString d;
  PieceBuilder b;
  if (type == "raw_string_literal") {
    // R"delim( … )delim": the content is verbatim.
    for (TSNode c : NamedChildren(node)) {
      if (std::string_view(ts_node_type(c)) != "raw_string_content") continue;
      d.literal_span = SpanOf(c);
      b.Literal(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), d.literal_span);
    }
    if (d.literal_span.empty()) d.literal_span = BetweenDelimiters(node, 1);
    d.pieces = b.Finish();
    return d;
  }
  // "…", L"…", u"…", U"…", u8"…": the prefix is part of the opening delimiter token.
  d.literal_span = BetweenDelimiters(node, 1);
  DecodeQuoted(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), d.literal_span.begin,
               &b);
  d.pieces = b.Finish();
  return d;
}

}  // namespace

extern const LanguageRow kC = {
    .id = "c",
    .queries = {"c.scm", "c-only.scm"},
    .decode = DecodeC,
    .self_names = {"", ""}};

extern const LanguageRow kCpp = {
    .id = "cpp",
    // cpp.scm first: where both files give a node the same role (`T x(v);` declarations), the
    // first pattern wins.
    .queries = {"cpp.scm", "c.scm"},
    .decode = DecodeC,
    .self_names = {"this", ""}};

}  // namespace authshift::frontends::treesitter::lang
