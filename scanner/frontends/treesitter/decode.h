#pragma once
// String decoding shared by the languages' decoders (lang/<id>.cc): a decoder turns a @string node
// into its decoded text as literal runs and interpolation holes (see lower.h, @string).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

#include "scanner/frontends/treesitter/node.h"
#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

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

// A language's decoder (LanguageRow::decode): `node` is a @string capture of its query.
using StringDecoder = DecodedString (*)(TSNode node, std::string_view source);

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

// Decodes the backslash escape starting at s[*i] == '\\' (C-family set shared by Python and
// JavaScript: \n \t \r \b \f \v \0 \xHH \uHHHH \u{H…} \UHHHHHHHH, octal, line continuation) and
// advances *i past it. An unknown escape keeps its backslash (Python's rule).
void DecodeEscape(std::string_view s, size_t* i, std::string* out);

// Decodes raw string characters: escapes unless `raw`, `{{`/`}}` when `braces` (f-strings).
std::string DecodeChars(std::string_view s, bool raw, bool braces);

// The span between a string node's opening and closing delimiters: the end of its first child
// and the start of its last child when those are anonymous (quotes, `%Q(`, `<<<EOT`), else the
// node's span shrunk by `quote` bytes on each side.
ir::Span BetweenDelimiters(TSNode node, uint32_t quote);

// Single-quoted strings (PHP, Ruby): only \\ and \<quote> are escapes.
std::string DecodeSingleQuoted(std::string_view s, char quote);

// Java and C#: escapes decoded by DecodeEscape with their own differences (Java `\s` is a space;
// C# `\xH…` takes one to four hex digits), `{{`/`}}` in C# interpolated strings when `braces`,
// `""` in C# verbatim strings when `verbatim` (which then has no escapes).
std::string DecodeJvmChars(std::string_view s, bool java, bool verbatim, bool braces);

// A multi-line block's lines with the common indentation removed (Java text blocks, C# raw
// strings). `body` starts after the opening line; its last line is the closing delimiter's own
// line when that holds only whitespace (it then counts for the indentation, `closing_sets` says
// whether it alone decides it, as in C#). Trailing whitespace is dropped per line when `trim`.
std::string StripBlockIndent(std::string_view body, bool closing_sets, bool trim);

}  // namespace authshift::frontends::treesitter
