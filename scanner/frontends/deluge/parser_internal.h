#pragma once
// Internal to the Deluge parser (not part of its interface, cst.h): the Parser class, whose methods
// are defined over parser.cc (file, statements, recovery), parse_expr.cc (expressions, literals,
// bracketed tasks) and container.cc (Creator application exports).
//
// Recursive-descent parser for Deluge (docs/deluge.md) over the tokens of lexer.h.
//
// Failure model: parse functions return kNoNode on a syntax failure (fail_pos_ holds the offending
// token); the nearest statement catches it, drops the nodes it had built (they are the newest in
// the arena), skips the junk (SkipJunk) and leaves one kError node plus one ParseError. `if` and
// `else if` conditions recover locally so their blocks survive. Recursion is bounded by depth_,
// counted over nested expressions and blocks; deeper constructs are skipped iteratively.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/core/strings.h"
#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lexer.h"

namespace authshift::frontends::deluge::detail {

using TK = TokenKind;

constexpr size_t kMaxSource = UINT32_MAX - 1;

inline bool IsAssignOp(TK k) {
  return k == TK::kAssign || k == TK::kPlusAssign || k == TK::kMinusAssign ||
         k == TK::kStarAssign || k == TK::kSlashAssign || k == TK::kPercentAssign;
}

inline bool IsOpener(TK k) { return k == TK::kLParen || k == TK::kLBracket || k == TK::kLBrace; }
inline bool IsCloser(TK k) { return k == TK::kRParen || k == TK::kRBracket || k == TK::kRBrace; }

// Decodes the escapes of docs/deluge.md; any other backslash sequence is kept as written.
std::string DecodeEscapes(std::string_view raw);

// '01-Jan-2020', '2020-01-01 10:00:00', '10:30', '01/02/2020': starts with a digit, holds only
// digits, letters, spaces and - / : . and at least one of - / :.
bool LooksLikeDateTime(std::string_view s);

// An open bracket of a Creator application export's declarations (container.cc).
struct ContainerFrame {
  std::string label;  // "form Order", "Order_on_success as \"…\"", "on success", "actions"
  std::string form;   // a workflow's `form = Order`
};

class Parser {
 public:
  explicit Parser(std::string_view source) : src_(source.substr(0, kMaxSource)) {
    tokens_ = Lex(src_).tokens;
    limit_ = tokens_.size() - 1;
    end_token_ = tokens_.back();
  }

  Tree Run();

 private:
  // ---------------------------------------------------------------- tokens
  // Tokens at or past limit_ read as one kEnd token (end_token_): a Deluge body inside a .ds
  // container, or a salvage parse inside a broken statement, ends where its brackets close.
  const Token& At(size_t i) const { return i >= limit_ ? end_token_ : tokens_[i]; }
  const Token& Cur() const { return At(pos_); }
  const Token& Ahead(size_t k) const { return At(pos_ + k); }
  bool Is(TK k) const { return Cur().kind == k; }
  void Advance() {
    if (pos_ < limit_) ++pos_;
  }
  // Parses up to token `limit` (exclusive) only; restores the previous limit on destruction.
  struct LimitScope {
    Parser& p;
    size_t saved_limit;
    Token saved_end;
    LimitScope(Parser& parser, size_t limit) : p(parser), saved_limit(parser.limit_), saved_end(parser.end_token_) {
      p.limit_ = std::min(limit, saved_limit);
      p.end_token_ = Token{};
      p.end_token_.begin = p.end_token_.end = p.tokens_[p.limit_].begin;
      p.end_token_.newline_before = true;
    }
    ~LimitScope() {
      p.limit_ = saved_limit;
      p.end_token_ = saved_end;
    }
    LimitScope(const LimitScope&) = delete;
    LimitScope& operator=(const LimitScope&) = delete;
  };
  // `=` is a comparison inside brackets and conditions (`if(R.get("id") = itemId)`); nest_ counts
  // the brackets an expression is inside.
  struct NestScope {
    Parser& p;
    explicit NestScope(Parser& parser) : p(parser) { ++p.nest_; }
    ~NestScope() { --p.nest_; }
    NestScope(const NestScope&) = delete;
    NestScope& operator=(const NestScope&) = delete;
  };
  std::string_view Text(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }
  bool IsWord(const Token& t, std::string_view lower) const {
    return t.kind == TK::kIdentifier && core::EqualsIgnoreAsciiCase(Text(t), lower);
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

  void FillLineColumns();

  // ---------------------------------------------------------------- recovery
  // Strongly statement-like: a keyword that starts a statement, or `name <assign-op>`.
  bool StrongStatementStart(size_t i) const;

  // Statement-like at the start of a line: the above, `name.`/`name(`, break/continue,
  // `invokeurl [`, or a function header `type name(` / `type cat.name(`.
  bool StatementStart(size_t i) const;

  // Consumes junk from token `start` (which it always consumes): up to and including the next ';'
  // outside braces, or up to (excluding) a line that starts something statement-like, a '}' that
  // closes the enclosing block, or the end. Returns the end offset of the last consumed token.
  uint32_t SkipJunk(size_t start);

  // Skips one bracketed construct starting at the current opener without recursing: to and
  // including its matching closer, or to the end. Used beyond kMaxDepth.
  uint32_t SkipBalanced();

  // ---------------------------------------------------------------- statements
  NodeId StatementOrRecover(bool function);
  std::vector<NodeId> Salvage(size_t from, size_t to);
  NodeId SalvageValue();
  NodeId SalvageJoin();

  bool IsFunctionHeader() const;

  // `<type> <category>.<name>(<type> <arg>, …) { … }`
  NodeId ParseFunction();

  // At '{'. Never fails: a missing '}' at the end of input is an error, the block is kept.
  NodeId ParseBlock();

  // A body: `{ … }`, or one statement without braces (wrapped in a kBlock of its span).
  NodeId ParseBody();

  // Consumes the statement terminator. A missing ';' before a line break, '}' or the end is
  // recorded and forgiven; anything else on the same line is a failure.
  bool EndStatement(uint32_t& end, bool optional = false);
  // container.cc
  bool IsContainerStart() const;
  std::string LabelBefore(size_t open) const;
  size_t MatchingClose(size_t open) const;
  std::string SectionName(const std::vector<ContainerFrame>& frames) const;
  NodeId ParseSection(size_t open, std::string name, bool functions);
  void ParseContainer(std::vector<NodeId>& items);
  bool IsBracketTask(NodeId id) const;
  NodeId ParseTry();
  bool IsNameUse(const Token& next) const;
  bool ClientTaskStart() const;
  NodeId ParseClientTask();

  NodeId ParseStatement();

  // `( expr )` of if / else if. Recovers locally: an unparsable condition becomes a kError
  // spanning the parentheses, so the blocks that follow survive.
  NodeId ParseCondition();

  NodeId ParseIf();

  // `for each x in expr body` / `for each index i in expr body`
  NodeId ParseForEach();

  // ---------------------------------------------------------------- expressions
  NodeId ParseExpression();

  // Skips the rest of an expression nested beyond kMaxDepth without recursing: up to a closer,
  // ',' or ';' at bracket depth 0, or the end.
  NodeId TooDeepExpression();

  // Binary precedence (0 = loosest), or -1.
  int BinaryPrecedence(const Token& t, std::string& op) const;

  // Precedence climbing: recursion depth is bounded by the number of levels, not by the input.
  size_t CriteriaOperator(std::string& op) const;
  NodeId ParseBinary(int min_precedence);

  // Prefix operators are collected iteratively, then applied innermost first.
  NodeId ParseUnary();

  NodeId ParsePostfix();

  // At '('. Appends the arguments; `end` = end of ')'.
  bool ParseArguments(std::vector<NodeId>& children, uint32_t& end);

  NodeId ParsePrimary();

  NodeId ParseStringLiteral();

  // `{}` (an empty kMap), `{k: v, …}` or `{a, b, …}`; a trailing ',' is accepted.
  NodeId ParseBraceLiteral();

  NodeId ParseBracketList();

  NodeId ParseNamePrimary();

  // `invokeurl [ key: value … ]`: entries need no separator (a ',' between them is tolerated);
  // keys are identifiers joined by '-' (`content-type`); a value is any expression, which ends
  // where the next key or the ']' begins.
  bool IsTaskWord(std::string_view w) const;
  bool TaskKeyAt(size_t i) const;
  NodeId ParseTask(size_t header_tokens);
  NodeId ParseTaskParam(bool insert);
  NodeId ParseInvokeFunction();
  NodeId ParseIndex(NodeId recv);
  NodeId ParseFetchClauses(NodeId fetch);

  std::string_view src_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t fail_pos_ = 0;
  size_t limit_ = 0;     // index of the token that reads as the end (see At)
  Token end_token_;
  int depth_ = 0;
  int nest_ = 0;         // brackets around the current expression (see NestScope)
  bool task_values_ = false;  // inside `task [ key: value … ]`: a new line `key:` ends a value
  Tree tree_;
};

}  // namespace authshift::frontends::deluge::detail
