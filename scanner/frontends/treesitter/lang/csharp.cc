// C#: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - C#: "…" decodes escapes (`\xH` takes one to four hex digits), @"…" only `""`, raw """…"""
//   drops the closing line's indentation from every line, $"…"/$@"…"/$"""…""" have holes
//   (alignment and format clauses dropped; `{{`/`}}` are braces except in raw strings). Fields,
//   `const`s and properties with initialisers bind in the class scope ("Token", "this.Token",
//   "Books.Token"). `string.Format` is brace-style; StringBuilder as in Java (`Append`, `ToString`).
//   A creation with a collection initializer is its initializer: `{ ["k"] = v }`, `{ { "k", v } }`
//   and lists of `new KeyValuePair<…>(k, v)` are maps, other initializers lists. Entries:
//   `x.Add/TryAdd/Set/TryAddWithoutValidation/AddHeader(k, v)` (kPut into x, e.g.
//   "client.DefaultRequestHeaders"), `list.Add(new KeyValuePair<…>(k, v))`, `x[k] = v`, RestSharp
//   AddParameter/AddQueryParameter, WebClient `QueryString.Add` and Flurl SetQueryParam
//   (@put.direct), `new AuthenticationHeaderValue(scheme, t)` (@authorization).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

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

}  // namespace

extern const LanguageRow kCSharp = {
    .id = "csharp",
    .queries = {"csharp.scm", ""},
    .decode = DecodeCSharp,
    .self_names = {"this", ""}};

}  // namespace authshift::frontends::treesitter::lang
