// Deluge parser: the file, statements and error recovery (see parser_internal.h).
#include "scanner/frontends/deluge/parser_internal.h"

namespace authshift::frontends::deluge::detail {

Tree Parser::Run() {
  const NodeId file = NewNode(NodeKind::kFile, 0, static_cast<uint32_t>(src_.size()));
  std::vector<NodeId> items;
  if (IsContainerStart()) ParseContainer(items);
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

void Parser::FillLineColumns() {
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

bool Parser::StrongStatementStart(size_t i) const {
  const Token& t = At(i);
  if (t.kind != TK::kIdentifier) return false;
  const std::string_view w = Text(t);
  if (core::EqualsIgnoreAsciiCase(w, "if") || core::EqualsIgnoreAsciiCase(w, "for") || core::EqualsIgnoreAsciiCase(w, "info") || core::EqualsIgnoreAsciiCase(w, "return") ||
      core::EqualsIgnoreAsciiCase(w, "try") || core::EqualsIgnoreAsciiCase(w, "catch") || core::EqualsIgnoreAsciiCase(w, "while")) {
    return true;
  }
  return IsAssignOp(At(i + 1).kind);
}

bool Parser::StatementStart(size_t i) const {
  if (StrongStatementStart(i)) return true;
  const Token& t = At(i);
  if (t.kind != TK::kIdentifier) return false;
  const TK next = At(i + 1).kind;
  if (next == TK::kDot || next == TK::kLParen) return true;
  const std::string_view w = Text(t);
  if (core::EqualsIgnoreAsciiCase(w, "break") || core::EqualsIgnoreAsciiCase(w, "continue")) return true;
  if (core::EqualsIgnoreAsciiCase(w, "invokeurl") && next == TK::kLBracket) return true;
  return next == TK::kIdentifier && (At(i + 2).kind == TK::kLParen || At(i + 2).kind == TK::kDot);
}

uint32_t Parser::SkipJunk(size_t start) {
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

uint32_t Parser::SkipBalanced() {
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

NodeId Parser::StatementOrRecover(bool function) {
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
  std::vector<NodeId> salvaged = Salvage(start, pos_);
  AddError(fail_offset, "unparsable statement");
  return NewNode(NodeKind::kError, begin, end, std::move(salvaged));
}

// Recovers what can be read inside the skipped tokens [from, to): `x = value` assignments, calls
// (a call whose arguments break keeps the ones that parse), maps, task blocks and strings, so the
// rules still see a broken statement's request and its token. Errors met here are not reported
// (the statement already is). Work is bounded by a budget linear in the skipped tokens.
std::vector<NodeId> Parser::Salvage(size_t from, size_t to) {
  std::vector<NodeId> out;
  if (depth_ >= kMaxDepth || to <= from) return out;
  const size_t error_mark = tree_.errors.size();
  const size_t saved_pos = pos_;
  size_t budget = 8 * (to - from) + 64;
  {
    LimitScope limit(*this, to);
    pos_ = from;
    while (pos_ < to && !Is(TK::kEnd) && budget > 0) {
      const size_t at = pos_;
      const size_t node_mark = tree_.nodes.size();
      fail_pos_ = at;
      NodeId n = kNoNode;
      const TK k = Cur().kind;
      if (k == TK::kIdentifier && IsAssignOp(Ahead(1).kind)) {
        const Token& name = Cur();
        const NodeId target = NewNode(NodeKind::kIdentifier, name.begin, name.end, {}, std::string(Text(name)));
        std::string op(Text(Ahead(1)));
        Advance();
        Advance();
        const NodeId value = SalvageValue();
        if (value != kNoNode) n = NewNode(NodeKind::kAssign, name.begin, End(value), {target, value}, {}, std::move(op));
      } else if (k == TK::kIdentifier || k == TK::kString || k == TK::kSingleString || k == TK::kTypoString ||
                 k == TK::kLBrace) {
        n = SalvageValue();
      }
      const NodeKind kind = n == kNoNode ? NodeKind::kError : Kind(n);
      const bool bare = kind == NodeKind::kIdentifier || kind == NodeKind::kMember || kind == NodeKind::kNumber ||
                        kind == NodeKind::kBool || kind == NodeKind::kNull;  // prose words: nothing to keep
      if (n != kNoNode && pos_ > at && !bare) {
        out.push_back(kind == NodeKind::kAssign ? n : NewNode(NodeKind::kExprStmt, Begin(n), End(n), {n}));
        budget -= std::min(budget, pos_ - at);
        continue;
      }
      budget -= std::min(budget, std::max(fail_pos_, at) - at + 1);
      tree_.nodes.resize(node_mark);
      pos_ = at + 1;
    }
  }
  tree_.errors.resize(error_mark);
  pos_ = saved_pos;
  return out;
}

// One argument of a broken call: the operands of a `+` join that parse, junk between them skipped
// (`"…/v2/" + <module> + "?authtoken=" + t` keeps the strings and `t`; a string right after an
// operand joins it too, as its '+' was lost), up to a ',' or ')'.
NodeId Parser::SalvageJoin() {
  NodeId joined = kNoNode;
  while (!Is(TK::kEnd) && !Is(TK::kComma) && !Is(TK::kRParen) && !Is(TK::kSemicolon)) {
    const size_t at = pos_;
    const size_t mark = tree_.nodes.size();
    const NodeId operand = ParseUnary();
    if (operand == kNoNode || pos_ == at) {
      tree_.nodes.resize(mark);
      pos_ = at;
      Advance();
      continue;
    }
    joined = joined == kNoNode ? operand
                               : NewNode(NodeKind::kBinary, Begin(joined), End(operand), {joined, operand}, {}, "+");
    if (Is(TK::kPlus)) {
      Advance();
    } else if (Is(TK::kIdentifier)) {
      break;  // `YOUR ZOHO AUTHTOKEN`: words are not joined (a string is: its '+' was lost)
    }
  }
  return joined;
}

// An expression, or failing that a call `name(…)` / `a.b(…)` with the arguments that parse.
NodeId Parser::SalvageValue() {
  const size_t at = pos_;
  const size_t node_mark = tree_.nodes.size();
  const NodeId n = ParseExpression();
  if (n != kNoNode) return n;
  tree_.nodes.resize(node_mark);
  pos_ = at;
  size_t i = pos_;
  while (At(i).kind == TK::kIdentifier && At(i + 1).kind == TK::kDot) i += 2;
  if (At(i).kind != TK::kIdentifier || At(i + 1).kind != TK::kLParen) return Fail();
  NodeId recv = kNoNode;
  std::string name(Text(At(i)));
  if (i > pos_ && IsWord(Cur(), "zoho")) {
    name.clear();
    for (size_t j = pos_; j <= i; j += 2) name += (name.empty() ? "" : ".") + std::string(Text(At(j)));
  } else {
    for (size_t j = pos_; j < i; j += 2) {
      const Token& t = At(j);
      recv = recv == kNoNode ? NewNode(NodeKind::kIdentifier, t.begin, t.end, {}, std::string(Text(t)))
                             : NewNode(NodeKind::kMember, Begin(recv), t.end, {recv}, std::string(Text(t)));
    }
  }
  const uint32_t begin = Cur().begin;
  pos_ = i + 2;
  std::vector<NodeId> args;
  if (recv != kNoNode) args.push_back(recv);
  while (!Is(TK::kEnd) && !Is(TK::kRParen) && !Is(TK::kSemicolon)) {
    const NodeId arg = SalvageJoin();
    if (arg != kNoNode) args.push_back(arg);
    while (!Is(TK::kEnd) && !Is(TK::kComma) && !Is(TK::kRParen) && !Is(TK::kSemicolon)) Advance();
    if (Is(TK::kComma)) Advance();
  }
  const uint32_t end = Is(TK::kRParen) ? Cur().end : PrevEnd();
  if (Is(TK::kRParen)) Advance();
  return NewNode(recv == kNoNode ? NodeKind::kCall : NodeKind::kMemberCall, begin, end, std::move(args),
                 std::move(name));
}

bool Parser::IsFunctionHeader() const {
  const Token& t = Cur();
  if (t.kind != TK::kIdentifier || Ahead(1).kind != TK::kIdentifier) return false;
  const std::string_view w = Text(t);
  if (core::EqualsIgnoreAsciiCase(w, "info") || core::EqualsIgnoreAsciiCase(w, "return") || core::EqualsIgnoreAsciiCase(w, "if") || core::EqualsIgnoreAsciiCase(w, "for") ||
      core::EqualsIgnoreAsciiCase(w, "else")) {
    return false;
  }
  size_t i = pos_ + 2;
  while (At(i).kind == TK::kDot && At(i + 1).kind == TK::kIdentifier) i += 2;
  if (At(i).kind != TK::kLParen) return false;
  // A header's ')' is followed by its body; `invokefunction thisapp.f(a);` is a statement.
  if (core::EqualsIgnoreAsciiCase(w, "invokefunction")) return false;
  return true;
}

NodeId Parser::ParseFunction() {
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

NodeId Parser::ParseBlock() {
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

NodeId Parser::ParseBody() {
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

bool Parser::EndStatement(uint32_t& end, bool optional) {
  if (Is(TK::kSemicolon)) {
    end = Cur().end;
    Advance();
    return true;
  }
  if (Is(TK::kEnd) || Is(TK::kRBrace) || Cur().newline_before) {
    end = PrevEnd();
    if (!optional) AddError(end, "expected ';' after statement");
    return true;
  }
  Fail();
  return false;
}

// A bracketed task (`invokeurl [ … ]`, `sendmail [ … ]`) needs no ';' after its ']', as Zoho's
// editor accepts; also when it is assigned (`r = invokeurl [ … ]`).
bool Parser::IsBracketTask(NodeId id) const {
  const NodeKind k = Kind(id);
  return k == NodeKind::kInvokeUrl || k == NodeKind::kTask;
}

NodeId Parser::ParseStatement() {
  const Token& t = Cur();
  const uint32_t begin = t.begin;
  if (t.kind == TK::kLBrace) return ParseBlock();
  if (t.kind == TK::kIdentifier && !IsAssignOp(Ahead(1).kind)) {
    const std::string_view w = Text(t);
    if (core::EqualsIgnoreAsciiCase(w, "if") && Ahead(1).kind == TK::kLParen) return ParseIf();
    if (core::EqualsIgnoreAsciiCase(w, "for") && IsWord(Ahead(1), "each")) return ParseForEach();
    if (core::EqualsIgnoreAsciiCase(w, "try") && Ahead(1).kind == TK::kLBrace) return ParseTry();
    if (core::EqualsIgnoreAsciiCase(w, "while") && Ahead(1).kind == TK::kLParen) {
      Advance();
      const NodeId cond = ParseCondition();
      const NodeId body = ParseBody();
      if (body == kNoNode) return kNoNode;
      return NewNode(NodeKind::kWhile, begin, End(body), {cond, body});
    }
    if (ClientTaskStart()) return ParseClientTask();
    if (core::EqualsIgnoreAsciiCase(w, "info") && !IsNameUse(Ahead(1))) {
      Advance();
      const NodeId e = ParseExpression();
      if (e == kNoNode) return kNoNode;
      uint32_t end = 0;
      if (!EndStatement(end)) return kNoNode;
      return NewNode(NodeKind::kInfo, begin, end, {e});
    }
    if (core::EqualsIgnoreAsciiCase(w, "return")) {
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
    if (core::EqualsIgnoreAsciiCase(w, "break") || core::EqualsIgnoreAsciiCase(w, "continue")) {
      const NodeKind kind = core::EqualsIgnoreAsciiCase(w, "break") ? NodeKind::kBreak : NodeKind::kContinue;
      Advance();
      uint32_t end = 0;
      if (!EndStatement(end)) return kNoNode;
      return NewNode(kind, begin, end);
    }
    if (core::EqualsIgnoreAsciiCase(w, "else")) return Fail();
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
    if (!EndStatement(end, IsBracketTask(rhs))) return kNoNode;
    return NewNode(NodeKind::kAssign, begin, end, {lhs, rhs}, {}, std::move(op));
  }
  uint32_t end = 0;
  if (!EndStatement(end, IsBracketTask(lhs))) return kNoNode;
  return NewNode(NodeKind::kExprStmt, begin, end, {lhs});
}

NodeId Parser::ParseCondition() {
  const size_t start = pos_;  // at '('
  const size_t node_mark = tree_.nodes.size();
  const size_t error_mark = tree_.errors.size();
  Advance();
  NodeId cond = kNoNode;
  {
    NestScope nest(*this);
    cond = ParseExpression();
  }
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

NodeId Parser::ParseIf() {
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

NodeId Parser::ParseForEach() {
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

// `try { … } catch (e) { … }`, the braces on the keyword's line or the next (Zoho's layout puts
// `try` and `catch (e)` alone on their lines). `catch` without a variable is accepted.
NodeId Parser::ParseTry() {
  const uint32_t begin = Cur().begin;
  Advance();  // try
  const NodeId body = ParseBlock();
  std::vector<NodeId> children{body};
  uint32_t end = End(body);
  if (IsWord(Cur(), "catch")) {
    const uint32_t catch_begin = Cur().begin;
    Advance();
    std::string var;
    if (Is(TK::kLParen)) {
      Advance();
      if (Is(TK::kIdentifier)) {
        var = Text(Cur());
        Advance();
      }
      if (!Is(TK::kRParen)) return Fail();
      Advance();
    }
    if (!Is(TK::kLBrace)) return Fail();
    const NodeId handler = ParseBlock();
    children.push_back(NewNode(NodeKind::kCatch, catch_begin, End(handler), {handler}, std::move(var)));
    end = End(handler);
  }
  return NewNode(NodeKind::kTry, begin, end, std::move(children));
}

// A statement keyword used as a variable: `info = …`, `info.put(…)`, `info[…]`.
bool Parser::IsNameUse(const Token& next) const {
  return IsAssignOp(next.kind) || next.kind == TK::kDot || next.kind == TK::kLBracket;
}

// Creator form and client tasks written without brackets: `show F;`, `hide input.F;`, `enable F;`,
// `disable F;`, `clear F;`, `alert "…";`, `success message "…";`, `cancel submit;`,
// `delete from Form[c];`, `openUrl "…";`.
bool Parser::ClientTaskStart() const {
  const Token& t = Cur();
  const Token& next = Ahead(1);
  if (t.kind != TK::kIdentifier || next.newline_before) return false;
  const std::string_view w = Text(t);
  if (core::EqualsIgnoreAsciiCase(w, "delete")) return IsWord(next, "from");
  if (core::EqualsIgnoreAsciiCase(w, "success")) return IsWord(next, "message") && !Ahead(2).newline_before;
  if (core::EqualsIgnoreAsciiCase(w, "cancel")) return next.kind == TK::kIdentifier && !IsAssignOp(Ahead(2).kind) && Ahead(2).kind != TK::kDot;
  static constexpr std::string_view kVerbs[] = {"show", "hide", "enable", "disable", "clear", "alert",
                                                "openurl", "select", "deselect", "setfocus"};
  const bool verb = std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](std::string_view v) { return core::EqualsIgnoreAsciiCase(w, v); });
  if (!verb) return false;
  return next.kind == TK::kIdentifier || next.kind == TK::kString || next.kind == TK::kSingleString ||
         next.kind == TK::kTypoString;
}

NodeId Parser::ParseClientTask() {
  const uint32_t begin = Cur().begin;
  std::string name = core::AsciiLowered(Text(Cur()));
  Advance();
  if (name == "delete" || name == "cancel" || name == "success") {
    name += ' ';
    name += core::AsciiLowered(Text(Cur()));
    Advance();
  }
  std::vector<NodeId> operands;
  if (name.rfind("cancel", 0) != 0) {
    for (;;) {
      const NodeId e = ParseExpression();
      if (e == kNoNode) return kNoNode;
      operands.push_back(e);
      if (!Is(TK::kComma)) break;
      Advance();
    }
  }
  uint32_t end = 0;
  if (!EndStatement(end)) return kNoNode;
  return NewNode(NodeKind::kClientTask, begin, end, std::move(operands), std::move(name));
}

}  // namespace authshift::frontends::deluge::detail

namespace authshift::frontends::deluge {

Tree Parse(std::string_view source) { return detail::Parser(source).Run(); }

}  // namespace authshift::frontends::deluge
