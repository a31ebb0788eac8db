#include "scanner/frontends/deluge/lexer.h"

#include <algorithm>
#include <cstddef>

namespace authshift::frontends::deluge {
namespace {

bool IsIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(unsigned char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Typographic quotes are E2 80 xx: 98 ‘, 99 ’, 9C “, 9D ”. Returns xx, or 0.
unsigned char TypoQuoteAt(std::string_view s, size_t i) {
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80) {
    const auto c = static_cast<unsigned char>(s[i + 2]);
    if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D) return c;
  }
  return 0;
}

class Lexer {
 public:
  explicit Lexer(std::string_view source) : s_(source) {}

  LexResult Run() {
    size_t i = 0;
    const size_t n = s_.size();
    if (n >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    bool newline = false;
    for (;;) {
      i = SkipTrivia(i, newline);
      if (i >= n) {
        Push(TokenKind::kEnd, n, n, newline);
        break;
      }
      const size_t start = i;
      const auto c = static_cast<unsigned char>(s_[i]);
      const unsigned char next = i + 1 < n ? static_cast<unsigned char>(s_[i + 1]) : 0;
      TokenKind kind = TokenKind::kUnknown;
      bool unterminated = false;
      if (IsIdentStart(c)) {
        while (i < n && IsIdentChar(static_cast<unsigned char>(s_[i]))) ++i;
        kind = TokenKind::kIdentifier;
      } else if (IsDigit(c)) {
        while (i < n && IsDigit(static_cast<unsigned char>(s_[i]))) ++i;
        if (i + 1 < n && s_[i] == '.' && IsDigit(static_cast<unsigned char>(s_[i + 1]))) {
          ++i;
          while (i < n && IsDigit(static_cast<unsigned char>(s_[i]))) ++i;
        }
        kind = TokenKind::kNumber;
      } else if (c == '.' && IsDigit(next) && !AfterOperand()) {
        ++i;  // a decimal with a leading dot: `x * .1`
        while (i < n && IsDigit(static_cast<unsigned char>(s_[i]))) ++i;
        kind = TokenKind::kNumber;
      } else if (c == '"') {
        kind = TokenKind::kString;
        i = ScanDoubleString(start, unterminated);
      } else if (c == '\'') {
        kind = TokenKind::kSingleString;
        i = ScanSingleLine(start + 1, '\'', unterminated);
      } else if (const unsigned char q = TypoQuoteAt(s_, i); q == 0x9C || q == 0x98) {
        kind = TokenKind::kTypoString;
        i = ScanTypo(start + 3, q == 0x9C, unterminated);
      } else {
        size_t len = 1;
        kind = Punct(c, next, len);
        if (kind == TokenKind::kUnknown && c >= 0xC0) {
          while (len < 4 && i + len < n && (static_cast<unsigned char>(s_[i + len]) & 0xC0) == 0x80)
            ++len;
        }
        i += len;
      }
      Push(kind, start, i, newline, unterminated);
      newline = false;
    }
    return std::move(out_);
  }

 private:
  void Push(TokenKind kind, size_t begin, size_t end, bool newline, bool unterminated = false) {
    Token t;
    t.kind = kind;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.newline_before = newline;
    t.unterminated = unterminated;
    out_.tokens.push_back(t);
  }

  // The previous token ends an operand (a '.' after it is member access, not a decimal point).
  bool AfterOperand() const {
    if (out_.tokens.empty()) return false;
    switch (out_.tokens.back().kind) {
      case TokenKind::kIdentifier:
      case TokenKind::kNumber:
      case TokenKind::kString:
      case TokenKind::kSingleString:
      case TokenKind::kTypoString:
      case TokenKind::kRParen:
      case TokenKind::kRBracket:
      case TokenKind::kRBrace:
        return true;
      default:
        return false;
    }
  }

  size_t EndOfLine(size_t i) const {
    const size_t nl = s_.find('\n', i);
    return nl == std::string_view::npos ? s_.size() : nl;
  }

  size_t SkipTrivia(size_t i, bool& newline) {
    const size_t n = s_.size();
    while (i < n) {
      const char c = s_[i];
      if (c == '\n') {
        newline = true;
        ++i;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i;
      } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < n &&
                 static_cast<unsigned char>(s_[i + 1]) == 0xA0) {
        i += 2;  // U+00A0 no-break space, common in code pasted from web pages
      } else if (c == '/' && i + 1 < n && s_[i + 1] == '/') {
        const size_t end = EndOfLine(i);
        out_.comments.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), false});
        i = end;
      } else if (c == '/' && i + 1 < n && s_[i + 1] == '*') {
        const size_t close = s_.find("*/", i + 2);
        const size_t end = close == std::string_view::npos ? n : close + 2;
        if (s_.substr(i, end - i).find('\n') != std::string_view::npos) newline = true;
        out_.comments.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), true});
        i = end;
      } else {
        break;
      }
    }
    return i;
  }

  // "…": first on its own line. Without a closing quote there, the string may span lines, but only
  // when the quote that closes it is followed by something that can follow a string (`;`, `)`, `,`,
  // `+`, an operator or the end of the line); otherwise (a lone quote in prose, a placeholder) the
  // token is unterminated and ends at the end of its line.
  // Linear time: the cross-line scan is memoised. A scan from `s` that closes at `c` consumed every
  // '"' in between as an escape and resumes aligned after it, so any string opening at q in (s, c)
  // closes at `c` too (or, if the scan hit the end, never closes).
  size_t ScanDoubleString(size_t start, bool& unterminated) {
    const size_t n = s_.size();
    size_t j = start + 1;
    while (j < n && s_[j] != '\n') {
      const char c = s_[j];
      if (c == '\\') {
        if (j + 1 < n && s_[j + 1] == '\n') break;
        j += 2;
      } else if (c == '"') {
        return j + 1;
      } else {
        ++j;
      }
    }
    const size_t eol = std::min(j, n);
    size_t close = std::string_view::npos;
    if (start < memo_scan_end_) {
      close = memo_close_;
    } else {
      j = eol;
      while (j < n) {
        const char c = s_[j];
        if (c == '\\') {
          j += 2;
        } else if (c == '"') {
          close = j;
          break;
        } else {
          ++j;
        }
      }
      memo_close_ = close;
      memo_scan_end_ = close == std::string_view::npos ? n : close;
    }
    if (close != std::string_view::npos && CanFollowString(close + 1)) return close + 1;
    unterminated = true;
    return eol;
  }

  bool CanFollowString(size_t i) const {
    while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t' || s_[i] == '\r')) ++i;
    if (i >= s_.size()) return true;
    switch (s_[i]) {
      case '\n':
      case ';':
      case ')':
      case ',':
      case '+':
      case ']':
      case '}':
      case '.':
      case ':':
      case '=':
      case '!':
      case '&':
      case '|':
      case '<':
      case '>':
        return true;
      default:
        return false;
    }
  }

  // '…' on one line, with backslash escapes.
  size_t ScanSingleLine(size_t j, char quote, bool& unterminated) {
    const size_t n = s_.size();
    while (j < n) {
      const char c = s_[j];
      if (c == '\n') break;
      if (c == '\\' && j + 1 < n && s_[j + 1] != '\n') {
        j += 2;
      } else if (c == quote) {
        return j + 1;
      } else {
        ++j;
      }
    }
    unterminated = true;
    return j < n ? j : n;
  }

  // “…” (closed by ” or “) or ‘…’ (closed by ’), on one line, no escapes.
  size_t ScanTypo(size_t j, bool double_kind, bool& unterminated) {
    const size_t n = s_.size();
    while (j < n && s_[j] != '\n') {
      const unsigned char q = TypoQuoteAt(s_, j);
      if (double_kind ? (q == 0x9D || q == 0x9C) : q == 0x99) return j + 3;
      ++j;
    }
    unterminated = true;
    return j;
  }

  static TokenKind Punct(unsigned char c, unsigned char next, size_t& len) {
    auto two = [&](TokenKind k) {
      len = 2;
      return k;
    };
    switch (c) {
      case '(':
        return TokenKind::kLParen;
      case ')':
        return TokenKind::kRParen;
      case '{':
        return TokenKind::kLBrace;
      case '}':
        return TokenKind::kRBrace;
      case '[':
        return TokenKind::kLBracket;
      case ']':
        return TokenKind::kRBracket;
      case ',':
        return TokenKind::kComma;
      case ';':
        return TokenKind::kSemicolon;
      case ':':
        return TokenKind::kColon;
      case '.':
        return TokenKind::kDot;
      case '+':
        return next == '=' ? two(TokenKind::kPlusAssign) : TokenKind::kPlus;
      case '-':
        return next == '=' ? two(TokenKind::kMinusAssign) : TokenKind::kMinus;
      case '*':
        return next == '=' ? two(TokenKind::kStarAssign) : TokenKind::kStar;
      case '/':
        return next == '=' ? two(TokenKind::kSlashAssign) : TokenKind::kSlash;
      case '%':
        return next == '=' ? two(TokenKind::kPercentAssign) : TokenKind::kPercent;
      case '!':
        return next == '=' ? two(TokenKind::kNotEq) : TokenKind::kBang;
      case '=':
        return next == '=' ? two(TokenKind::kEq) : TokenKind::kAssign;
      case '<':
        return next == '=' ? two(TokenKind::kLessEq) : TokenKind::kLess;
      case '>':
        return next == '=' ? two(TokenKind::kGreaterEq) : TokenKind::kGreater;
      case '&':
        return next == '&' ? two(TokenKind::kAndAnd) : TokenKind::kUnknown;
      case '|':
        return next == '|' ? two(TokenKind::kOrOr) : TokenKind::kUnknown;
      default:
        return TokenKind::kUnknown;
    }
  }

  std::string_view s_;
  LexResult out_;
  size_t memo_scan_end_ = 0;  // cross-line scans from a start below this end at memo_close_
  size_t memo_close_ = std::string_view::npos;
};

}  // namespace

LexResult Lex(std::string_view source) { return Lexer(source).Run(); }

}  // namespace authshift::frontends::deluge
