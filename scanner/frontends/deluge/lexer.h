#pragma once
// Deluge lexer: turns source bytes into tokens with exact byte spans [begin, end).
//
// Contract:
// - Any bytes are accepted (invalid UTF-8, NULs, lone quotes); lexing never fails, never throws for
//   input reasons and runs in time linear in the input. Bytes that start no token become kUnknown
//   tokens (one byte, or one UTF-8 sequence of a lead byte and its continuation bytes).
// - Whitespace (including a leading UTF-8 BOM and U+00A0 no-break spaces) and comments (`//…` to
// the
//   end of the line, `/*…*/`, an unterminated one running to the end of the input) are not tokens;
//   comments are reported separately. Token::newline_before says whether a line break lies between
//   the previous token and this one (in whitespace or inside a comment).
// - Strings: "…" with backslash escapes; '…' with backslash escapes; “…” (closed by ” or “) and ‘…’
//   (closed by ’), no escapes. A string without its closing quote on its line is a token with
//   `unterminated` set that ends at the end of that line — except that a "…" string may span lines
//   when its closing quote is followed by something that can follow a string (`;` `)` `,` `+` `]`
//   `}` `.` `:` an operator, or the end of a line), as multi-line Deluge strings do; a lone quote
//   in prose is then still unterminated at the end of its line.
// - Identifiers are [A-Za-z_][A-Za-z0-9_]*; keywords are identifiers (the parser compares them
//   case-insensitively). `content-type` is three tokens: identifier, kMinus, identifier.
// - Numbers: digits, optionally `.` and digits; also `.` and digits where no operand precedes
//   (`x * .1`; after a name or a closing bracket `.` is member access).
// - The last token is always kEnd with begin == end == source.size().
//
// Precondition: source.size() < UINT32_MAX (offsets are 32-bit); Parse() truncates longer input.
// Thread safety: Lex is a pure function.
#include <cstdint>
#include <string_view>
#include <vector>

namespace authshift::frontends::deluge {

enum class TokenKind : uint8_t {
  kEnd,
  kIdentifier,
  kNumber,
  kString,        // "…"
  kSingleString,  // '…'
  kTypoString,    // “…” or ‘…’
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kLBracket,
  kRBracket,
  kComma,
  kSemicolon,
  kColon,
  kDot,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kBang,
  kAssign,         // =
  kPlusAssign,     // +=
  kMinusAssign,    // -=
  kStarAssign,     // *=
  kSlashAssign,    // /=
  kPercentAssign,  // %=
  kEq,             // ==
  kNotEq,          // !=
  kLess,
  kLessEq,
  kGreater,
  kGreaterEq,
  kAndAnd,  // &&
  kOrOr,    // ||
  kUnknown,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  bool newline_before = false;  // a line break lies between the previous token and this one
  bool unterminated = false;    // strings only: no closing quote (the token ends at end of line)
  uint32_t begin = 0;           // byte offsets in the source
  uint32_t end = 0;
};

struct Comment {
  uint32_t begin = 0;  // includes the `//` or `/*` … `*/` delimiters
  uint32_t end = 0;
  bool block = false;  // `/*…*/`
};

struct LexResult {
  std::vector<Token> tokens;  // ends with one kEnd token
  std::vector<Comment> comments;
};

LexResult Lex(std::string_view source);

}  // namespace authshift::frontends::deluge
