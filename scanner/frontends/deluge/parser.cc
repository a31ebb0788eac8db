// Recursive-descent parser for Deluge (docs/deluge.md) over the tokens of lexer.h.
//
// Failure model: parse functions return kNoNode on a syntax failure (fail_pos_ holds the offending
// token); the nearest statement catches it, drops the nodes it had built (they are the newest in
// the arena), skips the junk (SkipJunk) and leaves one kError node plus one ParseError. `if` and
// `else if` conditions recover locally so their blocks survive. Recursion is bounded by depth_,
// counted over nested expressions and blocks; deeper constructs are skipped iteratively.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lexer.h"

namespace authshift::frontends::deluge {
namespace {

using TK = TokenKind;

constexpr size_t kMaxSource = UINT32_MAX - 1;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive equality; `lower` must be lower-case.
bool IEquals(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsAssignOp(TK k) {
  return k == TK::kAssign || k == TK::kPlusAssign || k == TK::kMinusAssign ||
         k == TK::kStarAssign || k == TK::kSlashAssign || k == TK::kPercentAssign;
}

bool IsOpener(TK k) { return k == TK::kLParen || k == TK::kLBracket || k == TK::kLBrace; }
bool IsCloser(TK k) { return k == TK::kRParen || k == TK::kRBracket || k == TK::kRBrace; }

// Decodes the escapes of docs/deluge.md; any other backslash sequence is kept as written.
std::string DecodeEscapes(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    const char e = raw[i + 1];
    char decoded = 0;
    switch (e) {
      case '"':
        decoded = '"';
        break;
      case '\'':
        decoded = '\'';
        break;
      case '\\':
        decoded = '\\';
        break;
      case '/':
        decoded = '/';
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      default:
        break;
    }
    if (decoded != 0) {
      out += decoded;
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

// '01-Jan-2020', '2020-01-01 10:00:00', '10:30', '01/02/2020': starts with a digit, holds only
// digits, letters, spaces and - / : . and at least one of - / :.
bool LooksLikeDateTime(std::string_view s) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  bool separator = false;
  for (const char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c == '-' || c == '/' || c == ':') {
      separator = true;
    } else if (!alnum && c != ' ' && c != '.') {
      return false;
    }
  }
  return separator;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : src_(source.substr(0, kMaxSource)) {
    tokens_ = Lex(src_).tokens;
  }

  Tree Run() {
    const NodeId file = NewNode(NodeKind::kFile, 0, static_cast<uint32_t>(src_.size()));
    std::vector<NodeId> items;
    while (!Is(TK::kEnd)) {
      if (Is(TK::kSemicolon)) {
        Advance();
        continue;
      }
      items.push_back(IsFunctionHeader() ? StatementOrRecover(/*function=*/true)
                                         : StatementOrRecover(/*function=*/false));
    }
    tree_.nodes[file].children = std::move(items);
    tree_.root = file;
    FillLineColumns();
    return std::move(tree_);
  }

 private:
  // ---------------------------------------------------------------- tokens
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& At(size_t i) const { return tokens_[std::min(i, tokens_.size() - 1)]; }
  const Token& Ahead(size_t k) const { return At(pos_ + k); }
  bool Is(TK k) const { return Cur().kind == k; }
  void Advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  std::string_view Text(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }
  bool IsWord(const Token& t, std::string_view lower) const {
    return t.kind == TK::kIdentifier && IEquals(Text(t), lower);
  }
  uint32_t PrevEnd() const { return pos_ == 0 ? 0 : tokens_[pos_ - 1].end; }

  // ---------------------------------------------------------------- nodes and errors
  NodeId NewNode(NodeKind kind, uint32_t begin, uint32_t end, std::vector<NodeId> children = {},
                 std::string text = {}, std::string op = {}) {
    Node n;
    n.kind = kind;
    n.begin = begin;
    n.end = std::max(begin, end);
    n.text = std::move(text);
    n.op = std::move(op);
    n.children = std::move(children);
    tree_.nodes.push_back(std::move(n));
    return static_cast<NodeId>(tree_.nodes.size() - 1);
  }
  uint32_t Begin(NodeId id) const { return tree_.nodes[id].begin; }
  uint32_t End(NodeId id) const { return tree_.nodes[id].end; }
  NodeKind Kind(NodeId id) const { return tree_.nodes[id].kind; }

  void AddError(uint32_t offset, std::string message) {
    ParseError e;
    e.offset = offset;
    e.message = std::move(message);
    tree_.errors.push_back(std::move(e));
  }

  NodeId Fail() {
    fail_pos_ = pos_;
    return kNoNode;
  }

  void FillLineColumns() {
    std::vector<uint32_t> line_starts{0};
    for (size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\n') line_starts.push_back(static_cast<uint32_t>(i + 1));
    }
    const bool bom = src_.substr(0, 3) == "\xEF\xBB\xBF";
    for (ParseError& e : tree_.errors) {
      const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), e.offset);
      const auto line = static_cast<size_t>(it - line_starts.begin());  // >= 1
      uint32_t start = line_starts[line - 1];
      if (line == 1 && bom && e.offset >= 3) start = 3;
      e.line = static_cast<uint32_t>(line);
      e.column = e.offset - start + 1;
    }
  }

  // ---------------------------------------------------------------- recovery
  // Strongly statement-like: a keyword that starts a statement, or `name <assign-op>`.
  bool StrongStatementStart(size_t i) const {
    const Token& t = At(i);
    if (t.kind != TK::kIdentifier) return false;
    const std::string_view w = Text(t);
    if (IEquals(w, "if") || IEquals(w, "for") || IEquals(w, "info") || IEquals(w, "return"))
      return true;
    return IsAssignOp(At(i + 1).kind);
  }

  // Statement-like at the start of a line: the above, `name.`/`name(`, break/continue,
  // `invokeurl [`, or a function header `type name(` / `type cat.name(`.
  bool StatementStart(size_t i) const {
    if (StrongStatementStart(i)) return true;
    const Token& t = At(i);
    if (t.kind != TK::kIdentifier) return false;
    const TK next = At(i + 1).kind;
    if (next == TK::kDot || next == TK::kLParen) return true;
    const std::string_view w = Text(t);
    if (IEquals(w, "break") || IEquals(w, "continue")) return true;
    if (IEquals(w, "invokeurl") && next == TK::kLBracket) return true;
    return next == TK::kIdentifier && (At(i + 2).kind == TK::kLParen || At(i + 2).kind == TK::kDot);
  }

  // Consumes junk from token `start` (which it always consumes): up to and including the next ';'
  // outside braces, or up to (excluding) a line that starts something statement-like, a '}' that
  // closes the enclosing block, or the end. Returns the end offset of the last consumed token.
  uint32_t SkipJunk(size_t start) {
    pos_ = start;
    size_t parens = 0;
    size_t braces = 0;
    uint32_t end = Cur().end;
    for (bool first = true;; first = false) {
      const Token& t = Cur();
      if (t.kind == TK::kEnd) break;
      if (!first) {
        if (braces == 0 && t.kind == TK::kRBrace) break;
        if (t.newline_before &&
            (StrongStatementStart(pos_) || (braces == 0 && parens == 0 && StatementStart(pos_)))) {
          break;
        }
      }
      switch (t.kind) {
        case TK::kLParen:
        case TK::kLBracket:
          ++parens;
          break;
        case TK::kRParen:
        case TK::kRBracket:
          if (parens > 0) --parens;
          break;
        case TK::kLBrace:
          ++braces;
          break;
        case TK::kRBrace:
          if (braces > 0) --braces;
          break;
        default:
          break;
      }
      end = t.end;
      Advance();
      if (t.kind == TK::kSemicolon && braces == 0) break;
    }
    return end;
  }

  // Skips one bracketed construct starting at the current opener without recursing: to and
  // including its matching closer, or to the end. Used beyond kMaxDepth.
  uint32_t SkipBalanced() {
    size_t depth = 0;
    uint32_t end = Cur().end;
    while (!Is(TK::kEnd)) {
      const TK k = Cur().kind;
      end = Cur().end;
      Advance();
      if (IsOpener(k)) {
        ++depth;
      } else if (IsCloser(k) && depth > 0) {
        if (--depth == 0) break;
      }
    }
    return end;
  }

  // ---------------------------------------------------------------- statements
  NodeId StatementOrRecover(bool function) {
    const size_t start = pos_;
    const size_t node_mark = tree_.nodes.size();
    const size_t error_mark = tree_.errors.size();
    fail_pos_ = start;
    const NodeId n = function ? ParseFunction() : ParseStatement();
    if (n != kNoNode && pos_ > start) return n;  // a statement always consumes a token
    const uint32_t fail_offset = At(std::max(fail_pos_, start)).begin;
    tree_.nodes.resize(node_mark);
    tree_.errors.resize(error_mark);
    const uint32_t begin = At(start).begin;
    const uint32_t end = SkipJunk(start);
    AddError(fail_offset, "unparsable statement");
    return NewNode(NodeKind::kError, begin, end);
  }

  bool IsFunctionHeader() const {
    const Token& t = Cur();
    if (t.kind != TK::kIdentifier || Ahead(1).kind != TK::kIdentifier) return false;
    const std::string_view w = Text(t);
    if (IEquals(w, "info") || IEquals(w, "return") || IEquals(w, "if") || IEquals(w, "for") ||
        IEquals(w, "else")) {
      return false;
    }
    size_t i = pos_ + 2;
    while (At(i).kind == TK::kDot && At(i + 1).kind == TK::kIdentifier) i += 2;
    return At(i).kind == TK::kLParen;
  }

  // `<type> <category>.<name>(<type> <arg>, …) { … }`
  NodeId ParseFunction() {
    const uint32_t begin = Cur().begin;
    Advance();  // return type
    std::string name(Text(Cur()));
    Advance();
    while (Is(TK::kDot) && Ahead(1).kind == TK::kIdentifier) {
      name += '.';
      name += Text(Ahead(1));
      Advance();
      Advance();
    }
    if (!Is(TK::kLParen)) return Fail();
    Advance();
    std::vector<NodeId> children;
    if (!Is(TK::kRParen)) {
      for (;;) {
        if (!Is(TK::kIdentifier)) return Fail();
        const Token& type_token = Cur();
        std::string type(Text(type_token));
        Advance();
        if (Is(TK::kColon) && Ahead(1).kind == TK::kIdentifier) {  // List:String
          type += ':';
          type += Text(Ahead(1));
          Advance();
          Advance();
        }
        if (!Is(TK::kIdentifier)) return Fail();
        children.push_back(NewNode(NodeKind::kParam, type_token.begin, Cur().end, {},
                                   std::string(Text(Cur())), std::move(type)));
        Advance();
        if (Is(TK::kComma)) {
          Advance();
          continue;
        }
        if (Is(TK::kRParen)) break;
        return Fail();
      }
    }
    Advance();  // ')'
    if (!Is(TK::kLBrace)) return Fail();
    const NodeId body = ParseBlock();
    children.push_back(body);
    return NewNode(NodeKind::kFunction, begin, End(body), std::move(children), std::move(name));
  }

  // At '{'. Never fails: a missing '}' at the end of input is an error, the block is kept.
  NodeId ParseBlock() {
    const uint32_t begin = Cur().begin;
    if (depth_ >= kMaxDepth) {
      const uint32_t end = SkipBalanced();
      AddError(begin, "nesting too deep");
      const NodeId err = NewNode(NodeKind::kError, begin, end);
      return NewNode(NodeKind::kBlock, begin, end, {err});
    }
    ++depth_;
    Advance();
    std::vector<NodeId> statements;
    uint32_t end = 0;
    for (;;) {
      if (Is(TK::kRBrace)) {
        end = Cur().end;
        Advance();
        break;
      }
      if (Is(TK::kEnd)) {
        end = PrevEnd();
        AddError(static_cast<uint32_t>(src_.size()), "expected '}'");
        break;
      }
      if (Is(TK::kSemicolon)) {
        Advance();
        continue;
      }
      statements.push_back(StatementOrRecover(false));
    }
    --depth_;
    return NewNode(NodeKind::kBlock, begin, end, std::move(statements));
  }

  // A body: `{ … }`, or one statement without braces (wrapped in a kBlock of its span).
  NodeId ParseBody() {
    if (Is(TK::kLBrace)) return ParseBlock();
    if (Is(TK::kEnd) || Is(TK::kRBrace)) return Fail();  // never take the enclosing block's '}'
    const uint32_t begin = Cur().begin;
    if (depth_ >= kMaxDepth) {
      const uint32_t end = SkipJunk(pos_);
      AddError(begin, "nesting too deep");
      const NodeId err = NewNode(NodeKind::kError, begin, end);
      return NewNode(NodeKind::kBlock, begin, end, {err});
    }
    ++depth_;
    const NodeId s = StatementOrRecover(false);
    --depth_;
    return NewNode(NodeKind::kBlock, begin, End(s), {s});
  }

  // Consumes the statement terminator. A missing ';' before a line break, '}' or the end is
  // recorded and forgiven; anything else on the same line is a failure.
  bool EndStatement(uint32_t& end) {
    if (Is(TK::kSemicolon)) {
      end = Cur().end;
      Advance();
      return true;
    }
    if (Is(TK::kEnd) || Is(TK::kRBrace) || Cur().newline_before) {
      end = PrevEnd();
      AddError(end, "expected ';' after statement");
      return true;
    }
    Fail();
    return false;
  }

  NodeId ParseStatement() {
    const Token& t = Cur();
    const uint32_t begin = t.begin;
    if (t.kind == TK::kLBrace) return ParseBlock();
    if (t.kind == TK::kIdentifier && !IsAssignOp(Ahead(1).kind)) {
      const std::string_view w = Text(t);
      if (IEquals(w, "if") && Ahead(1).kind == TK::kLParen) return ParseIf();
      if (IEquals(w, "for") && IsWord(Ahead(1), "each")) return ParseForEach();
      if (IEquals(w, "info")) {
        Advance();
        const NodeId e = ParseExpression();
        if (e == kNoNode) return kNoNode;
        uint32_t end = 0;
        if (!EndStatement(end)) return kNoNode;
        return NewNode(NodeKind::kInfo, begin, end, {e});
      }
      if (IEquals(w, "return")) {
        Advance();
        std::vector<NodeId> children;
        if (!Is(TK::kSemicolon) && !Is(TK::kRBrace) && !Is(TK::kEnd)) {
          const NodeId e = ParseExpression();
          if (e == kNoNode) return kNoNode;
          children.push_back(e);
        }
        uint32_t end = 0;
        if (!EndStatement(end)) return kNoNode;
        return NewNode(NodeKind::kReturn, begin, end, std::move(children));
      }
      if (IEquals(w, "break") || IEquals(w, "continue")) {
        const NodeKind kind = IEquals(w, "break") ? NodeKind::kBreak : NodeKind::kContinue;
        Advance();
        uint32_t end = 0;
        if (!EndStatement(end)) return kNoNode;
        return NewNode(kind, begin, end);
      }
      if (IEquals(w, "else")) return Fail();
    }
    const NodeId lhs = ParseExpression();
    if (lhs == kNoNode) return kNoNode;
    if (IsAssignOp(Cur().kind)) {
      const NodeKind target = Kind(lhs);
      if (target != NodeKind::kIdentifier && target != NodeKind::kMember &&
          target != NodeKind::kIndex) {
        return Fail();
      }
      std::string op(Text(Cur()));
      Advance();
      const NodeId rhs = ParseExpression();
      if (rhs == kNoNode) return kNoNode;
      uint32_t end = 0;
      if (!EndStatement(end)) return kNoNode;
      return NewNode(NodeKind::kAssign, begin, end, {lhs, rhs}, {}, std::move(op));
    }
    uint32_t end = 0;
    if (!EndStatement(end)) return kNoNode;
    return NewNode(NodeKind::kExprStmt, begin, end, {lhs});
  }

  // `( expr )` of if / else if. Recovers locally: an unparsable condition becomes a kError
  // spanning the parentheses, so the blocks that follow survive.
  NodeId ParseCondition() {
    const size_t start = pos_;  // at '('
    const size_t node_mark = tree_.nodes.size();
    const size_t error_mark = tree_.errors.size();
    Advance();
    NodeId cond = ParseExpression();
    if (cond != kNoNode && !Is(TK::kRParen)) cond = Fail();
    if (cond != kNoNode) {
      Advance();
      return cond;
    }
    const uint32_t fail_offset = At(std::max(fail_pos_, start)).begin;
    tree_.nodes.resize(node_mark);
    tree_.errors.resize(error_mark);
    pos_ = start;
    const uint32_t begin = Cur().begin;
    size_t depth = 0;
    uint32_t end = begin;
    while (!Is(TK::kEnd)) {
      const TK k = Cur().kind;
      if (depth >= 1 && (k == TK::kLBrace || k == TK::kRBrace || k == TK::kSemicolon)) break;
      if (depth >= 1 && Cur().newline_before && StrongStatementStart(pos_)) break;
      end = Cur().end;
      Advance();
      if (k == TK::kLParen) ++depth;
      if (k == TK::kRParen && --depth == 0) break;
    }
    AddError(fail_offset, "unparsable condition");
    return NewNode(NodeKind::kError, begin, end);
  }

  NodeId ParseIf() {
    const uint32_t begin = Cur().begin;
    Advance();  // if
    const NodeId cond = ParseCondition();
    const NodeId then_block = ParseBody();
    if (then_block == kNoNode) return kNoNode;
    std::vector<NodeId> children{cond, then_block};
    uint32_t end = End(then_block);
    while (IsWord(Cur(), "else")) {
      const uint32_t else_begin = Cur().begin;
      if (IsWord(Ahead(1), "if") && Ahead(2).kind == TK::kLParen) {
        Advance();
        Advance();
        const NodeId c = ParseCondition();
        const NodeId b = ParseBody();
        if (b == kNoNode) return kNoNode;
        children.push_back(NewNode(NodeKind::kElseIf, else_begin, End(b), {c, b}));
        end = End(b);
        continue;
      }
      Advance();
      const NodeId b = ParseBody();
      if (b == kNoNode) return kNoNode;
      children.push_back(NewNode(NodeKind::kElse, else_begin, End(b), {b}));
      end = End(b);
      break;
    }
    return NewNode(NodeKind::kIf, begin, end, std::move(children));
  }

  // `for each x in expr body` / `for each index i in expr body`
  NodeId ParseForEach() {
    const uint32_t begin = Cur().begin;
    Advance();  // for
    Advance();  // each
    NodeKind kind = NodeKind::kForEach;
    if (IsWord(Cur(), "index") && Ahead(1).kind == TK::kIdentifier && IsWord(Ahead(2), "in")) {
      kind = NodeKind::kForEachIndex;
      Advance();
    }
    if (!Is(TK::kIdentifier)) return Fail();
    std::string var(Text(Cur()));
    Advance();
    if (!IsWord(Cur(), "in")) return Fail();
    Advance();
    const NodeId iterable = ParseExpression();
    if (iterable == kNoNode) return kNoNode;
    const NodeId body = ParseBody();
    if (body == kNoNode) return kNoNode;
    return NewNode(kind, begin, End(body), {iterable, body}, std::move(var));
  }

  // ---------------------------------------------------------------- expressions
  NodeId ParseExpression() {
    if (depth_ >= kMaxDepth) return TooDeepExpression();
    ++depth_;
    const NodeId n = ParseBinary(0);
    --depth_;
    return n;
  }

  // Skips the rest of an expression nested beyond kMaxDepth without recursing: up to a closer,
  // ',' or ';' at bracket depth 0, or the end.
  NodeId TooDeepExpression() {
    const uint32_t begin = Cur().begin;
    uint32_t end = begin;
    size_t depth = 0;
    while (!Is(TK::kEnd)) {
      const TK k = Cur().kind;
      if (depth == 0 && (IsCloser(k) || k == TK::kComma || k == TK::kSemicolon)) break;
      if (IsOpener(k)) ++depth;
      if (IsCloser(k)) --depth;
      end = Cur().end;
      Advance();
    }
    AddError(begin, "nesting too deep");
    return NewNode(NodeKind::kError, begin, end);
  }

  // Binary precedence (0 = loosest), or -1.
  int BinaryPrecedence(const Token& t, std::string& op) const {
    switch (t.kind) {
      case TK::kOrOr:
        op = "||";
        return 0;
      case TK::kAndAnd:
        op = "&&";
        return 1;
      case TK::kEq:
        op = "==";
        return 2;
      case TK::kNotEq:
        op = "!=";
        return 2;
      case TK::kLess:
        op = "<";
        return 3;
      case TK::kLessEq:
        op = "<=";
        return 3;
      case TK::kGreater:
        op = ">";
        return 3;
      case TK::kGreaterEq:
        op = ">=";
        return 3;
      case TK::kPlus:
        op = "+";
        return 4;
      case TK::kMinus:
        op = "-";
        return 4;
      case TK::kStar:
        op = "*";
        return 5;
      case TK::kSlash:
        op = "/";
        return 5;
      case TK::kPercent:
        op = "%";
        return 5;
      case TK::kIdentifier:
        if (IEquals(Text(t), "or")) {
          op = "or";
          return 0;
        }
        if (IEquals(Text(t), "and")) {
          op = "and";
          return 1;
        }
        return -1;
      default:
        return -1;
    }
  }

  // Precedence climbing: recursion depth is bounded by the number of levels, not by the input.
  NodeId ParseBinary(int min_precedence) {
    NodeId lhs = ParseUnary();
    if (lhs == kNoNode) return kNoNode;
    for (;;) {
      std::string op;
      const int precedence = BinaryPrecedence(Cur(), op);
      if (precedence < min_precedence) break;
      Advance();
      const NodeId rhs = ParseBinary(precedence + 1);
      if (rhs == kNoNode) return kNoNode;
      lhs = NewNode(NodeKind::kBinary, Begin(lhs), End(rhs), {lhs, rhs}, {}, std::move(op));
    }
    return lhs;
  }

  // Prefix operators are collected iteratively, then applied innermost first.
  NodeId ParseUnary() {
    std::vector<size_t> ops;
    while (Is(TK::kBang) || Is(TK::kMinus)) {
      ops.push_back(pos_);
      Advance();
    }
    NodeId operand = ParsePostfix();
    if (operand == kNoNode) return kNoNode;
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
      const Token& t = tokens_[*it];
      operand = NewNode(NodeKind::kUnary, t.begin, End(operand), {operand}, {},
                        t.kind == TK::kBang ? "!" : "-");
    }
    return operand;
  }

  NodeId ParsePostfix() {
    NodeId n = ParsePrimary();
    if (n == kNoNode) return kNoNode;
    for (;;) {
      if (Is(TK::kDot)) {
        Advance();
        if (!Is(TK::kIdentifier)) return Fail();
        std::string name(Text(Cur()));
        const uint32_t name_end = Cur().end;
        Advance();
        if (Is(TK::kLParen)) {
          std::vector<NodeId> children{n};
          uint32_t end = 0;
          if (!ParseArguments(children, end)) return kNoNode;
          n = NewNode(NodeKind::kMemberCall, Begin(n), end, std::move(children), std::move(name));
        } else {
          n = NewNode(NodeKind::kMember, Begin(n), name_end, {n}, std::move(name));
        }
      } else if (Is(TK::kLBracket)) {
        Advance();
        const NodeId index = ParseExpression();
        if (index == kNoNode) return kNoNode;
        if (!Is(TK::kRBracket)) return Fail();
        const uint32_t end = Cur().end;
        Advance();
        n = NewNode(NodeKind::kIndex, Begin(n), end, {n, index});
      } else {
        return n;
      }
    }
  }

  // At '('. Appends the arguments; `end` = end of ')'.
  bool ParseArguments(std::vector<NodeId>& children, uint32_t& end) {
    Advance();
    if (!Is(TK::kRParen)) {
      for (;;) {
        const NodeId arg = ParseExpression();
        if (arg == kNoNode) return false;
        children.push_back(arg);
        if (Is(TK::kComma)) {
          Advance();
          continue;
        }
        if (Is(TK::kRParen)) break;
        Fail();
        return false;
      }
    }
    end = Cur().end;
    Advance();
    return true;
  }

  NodeId ParsePrimary() {
    const Token& t = Cur();
    switch (t.kind) {
      case TK::kNumber: {
        Advance();
        return NewNode(NodeKind::kNumber, t.begin, t.end, {}, std::string(Text(t)));
      }
      case TK::kString:
      case TK::kSingleString:
      case TK::kTypoString:
        return ParseStringLiteral();
      case TK::kLParen: {
        Advance();
        const NodeId inner = ParseExpression();
        if (inner == kNoNode) return kNoNode;
        if (!Is(TK::kRParen)) return Fail();
        const uint32_t end = Cur().end;
        Advance();
        return NewNode(NodeKind::kParen, t.begin, end, {inner});
      }
      case TK::kLBrace:
        return ParseBraceLiteral();
      case TK::kLBracket:
        return ParseBracketList();
      case TK::kIdentifier:
        return ParseNamePrimary();
      default:
        return Fail();
    }
  }

  NodeId ParseStringLiteral() {
    const Token& t = Cur();
    if (t.unterminated) return Fail();
    Advance();
    const std::string_view raw = Text(t);
    if (t.kind == TK::kTypoString) {
      return NewNode(NodeKind::kString, t.begin, t.end, {},
                     std::string(raw.substr(3, raw.size() - 6)), "\xE2\x80\x9C");
    }
    const std::string_view inner = raw.substr(1, raw.size() - 2);
    if (t.kind == TK::kSingleString) {
      if (LooksLikeDateTime(inner)) {
        return NewNode(NodeKind::kDateTime, t.begin, t.end, {}, std::string(inner));
      }
      return NewNode(NodeKind::kString, t.begin, t.end, {}, DecodeEscapes(inner), "'");
    }
    return NewNode(NodeKind::kString, t.begin, t.end, {}, DecodeEscapes(inner), "\"");
  }

  // `{}` (an empty kMap), `{k: v, …}` or `{a, b, …}`; a trailing ',' is accepted.
  NodeId ParseBraceLiteral() {
    const uint32_t begin = Cur().begin;
    Advance();
    std::vector<NodeId> children;
    if (Is(TK::kRBrace)) {
      const uint32_t end = Cur().end;
      Advance();
      return NewNode(NodeKind::kMap, begin, end);
    }
    bool is_map = false;
    for (bool first = true;; first = false) {
      const NodeId key = ParseExpression();
      if (key == kNoNode) return kNoNode;
      if (first) is_map = Is(TK::kColon);
      if (is_map) {
        if (!Is(TK::kColon)) return Fail();
        Advance();
        const NodeId value = ParseExpression();
        if (value == kNoNode) return kNoNode;
        children.push_back(NewNode(NodeKind::kMapEntry, Begin(key), End(value), {key, value}));
      } else {
        children.push_back(key);
      }
      if (Is(TK::kComma)) {
        Advance();
        if (!Is(TK::kRBrace)) continue;
      }
      if (!Is(TK::kRBrace)) return Fail();
      const uint32_t end = Cur().end;
      Advance();
      return NewNode(is_map ? NodeKind::kMap : NodeKind::kList, begin, end, std::move(children));
    }
  }

  NodeId ParseBracketList() {
    const uint32_t begin = Cur().begin;
    Advance();
    std::vector<NodeId> children;
    while (!Is(TK::kRBracket)) {
      const NodeId item = ParseExpression();
      if (item == kNoNode) return kNoNode;
      children.push_back(item);
      if (Is(TK::kComma)) {
        Advance();
        continue;
      }
      if (!Is(TK::kRBracket)) return Fail();
    }
    const uint32_t end = Cur().end;
    Advance();
    return NewNode(NodeKind::kList, begin, end, std::move(children));
  }

  NodeId ParseNamePrimary() {
    const Token& t = Cur();
    const std::string_view w = Text(t);
    const TK next = Ahead(1).kind;
    if (IEquals(w, "true") || IEquals(w, "false")) {
      Advance();
      return NewNode(NodeKind::kBool, t.begin, t.end, {}, ToLower(w));
    }
    if (IEquals(w, "null")) {
      Advance();
      return NewNode(NodeKind::kNull, t.begin, t.end);
    }
    if (IEquals(w, "invokeurl") && next == TK::kLBracket) return ParseInvokeUrl();
    std::string name(w);
    // `List:String(…)`, `Map:String(…)`, `Collection:…(…)`: one call named as written.
    if (next == TK::kColon && Ahead(2).kind == TK::kIdentifier && Ahead(3).kind == TK::kLParen &&
        (IEquals(w, "list") || IEquals(w, "map") || IEquals(w, "collection"))) {
      name += ':';
      name += Text(Ahead(2));
      Advance();
      Advance();
    } else if (IEquals(w, "zoho") && next == TK::kDot) {
      // A dotted task name `zoho.crm.getRecordById(…)` is one call.
      size_t i = pos_ + 1;
      while (At(i).kind == TK::kDot && At(i + 1).kind == TK::kIdentifier) i += 2;
      if (i > pos_ + 1 && At(i).kind == TK::kLParen) {
        for (size_t j = pos_ + 2; j < i; j += 2) {
          name += '.';
          name += Text(At(j));
        }
        pos_ = i - 1;
      }
    }
    Advance();
    if (Is(TK::kLParen)) {
      std::vector<NodeId> children;
      uint32_t end = 0;
      if (!ParseArguments(children, end)) return kNoNode;
      return NewNode(NodeKind::kCall, t.begin, end, std::move(children), std::move(name));
    }
    return NewNode(NodeKind::kIdentifier, t.begin, t.end, {}, std::string(w));
  }

  // `invokeurl [ key: value … ]`: entries need no separator (a ',' between them is tolerated);
  // keys are identifiers joined by '-' (`content-type`); a value is any expression, which ends
  // where the next key or the ']' begins.
  NodeId ParseInvokeUrl() {
    const Token& keyword = Cur();
    Advance();  // invokeurl
    Advance();  // [
    std::vector<NodeId> params;
    for (;;) {
      if (Is(TK::kComma)) {
        Advance();
        continue;
      }
      if (Is(TK::kRBracket)) break;
      if (!Is(TK::kIdentifier)) return Fail();
      const uint32_t key_begin = Cur().begin;
      uint32_t key_end = Cur().end;
      Advance();
      while (Is(TK::kMinus) && Ahead(1).kind == TK::kIdentifier) {
        Advance();
        key_end = Cur().end;
        Advance();
      }
      if (!Is(TK::kColon)) return Fail();
      Advance();
      const NodeId value = ParseExpression();
      if (value == kNoNode) return kNoNode;
      params.push_back(NewNode(NodeKind::kInvokeParam, key_begin, End(value), {value},
                               std::string(src_.substr(key_begin, key_end - key_begin))));
    }
    const uint32_t end = Cur().end;
    Advance();
    return NewNode(NodeKind::kInvokeUrl, keyword.begin, end, std::move(params),
                   std::string(Text(keyword)));
  }

  std::string_view src_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t fail_pos_ = 0;
  int depth_ = 0;
  Tree tree_;
};

// ---------------------------------------------------------------- Dump
bool DumpsText(NodeKind k) {
  switch (k) {
    case NodeKind::kFunction:
    case NodeKind::kParam:
    case NodeKind::kForEach:
    case NodeKind::kForEachIndex:
    case NodeKind::kString:
    case NodeKind::kDateTime:
    case NodeKind::kNumber:
    case NodeKind::kBool:
    case NodeKind::kIdentifier:
    case NodeKind::kCall:
    case NodeKind::kMemberCall:
    case NodeKind::kMember:
    case NodeKind::kInvokeUrl:
    case NodeKind::kInvokeParam:
      return true;
    default:
      return false;
  }
}

// The op shown in a dump: binary/unary/param always; assign unless "="; string unless '"'.
std::string_view DumpedOp(const Node& n) {
  switch (n.kind) {
    case NodeKind::kBinary:
    case NodeKind::kUnary:
    case NodeKind::kParam:
      return n.op;
    case NodeKind::kAssign:
      return n.op == "=" ? std::string_view() : std::string_view(n.op);
    case NodeKind::kString:
      return n.op == "\"" ? std::string_view() : std::string_view(n.op);
    default:
      return {};
  }
}

void AppendQuoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += "\\x";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string_view NodeKindName(NodeKind k) {
  switch (k) {
    case NodeKind::kFile:
      return "file";
    case NodeKind::kFunction:
      return "function";
    case NodeKind::kParam:
      return "param";
    case NodeKind::kBlock:
      return "block";
    case NodeKind::kAssign:
      return "assign";
    case NodeKind::kExprStmt:
      return "exprstmt";
    case NodeKind::kInfo:
      return "info";
    case NodeKind::kReturn:
      return "return";
    case NodeKind::kIf:
      return "if";
    case NodeKind::kElseIf:
      return "elseif";
    case NodeKind::kElse:
      return "else";
    case NodeKind::kForEach:
      return "foreach";
    case NodeKind::kForEachIndex:
      return "foreachindex";
    case NodeKind::kBreak:
      return "break";
    case NodeKind::kContinue:
      return "continue";
    case NodeKind::kError:
      return "error";
    case NodeKind::kString:
      return "string";
    case NodeKind::kDateTime:
      return "datetime";
    case NodeKind::kNumber:
      return "number";
    case NodeKind::kBool:
      return "bool";
    case NodeKind::kNull:
      return "null";
    case NodeKind::kIdentifier:
      return "identifier";
    case NodeKind::kBinary:
      return "binary";
    case NodeKind::kUnary:
      return "unary";
    case NodeKind::kParen:
      return "paren";
    case NodeKind::kCall:
      return "call";
    case NodeKind::kMemberCall:
      return "membercall";
    case NodeKind::kMember:
      return "member";
    case NodeKind::kIndex:
      return "index";
    case NodeKind::kMap:
      return "map";
    case NodeKind::kMapEntry:
      return "mapentry";
    case NodeKind::kList:
      return "list";
    case NodeKind::kInvokeUrl:
      return "invokeurl";
    case NodeKind::kInvokeParam:
      return "invokeparam";
  }
  return "unknown";
}

Tree Parse(std::string_view source) { return Parser(source).Run(); }

// Iterative (trees of long binary or call chains are deep): `(kind[ op][ "text"] children…)`.
std::string Dump(const Tree& tree, NodeId id) {
  std::string out;
  struct Frame {
    NodeId id;
    size_t next;
  };
  std::vector<Frame> stack;
  auto open = [&](NodeId n) {
    if (n >= tree.nodes.size()) {
      out += "(invalid)";
      return;
    }
    const Node& node = tree.nodes[n];
    out += '(';
    out += NodeKindName(node.kind);
    if (const std::string_view op = DumpedOp(node); !op.empty()) {
      out += ' ';
      out += op;
    }
    if (DumpsText(node.kind)) {
      out += ' ';
      AppendQuoted(out, node.text);
    }
    stack.push_back({n, 0});
  };
  open(id);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const Node& node = tree.nodes[frame.id];
    if (frame.next < node.children.size()) {
      const NodeId child = node.children[frame.next++];
      out += ' ';
      open(child);  // may invalidate `frame`
    } else {
      out += ')';
      stack.pop_back();
    }
  }
  return out;
}

}  // namespace authshift::frontends::deluge
