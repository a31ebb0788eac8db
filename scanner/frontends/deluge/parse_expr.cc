// Deluge parser: expressions, literals and bracketed tasks (see parser_internal.h).
#include "scanner/frontends/deluge/parser_internal.h"

namespace authshift::frontends::deluge::detail {

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

NodeId Parser::ParseExpression() {
  if (depth_ >= kMaxDepth) return TooDeepExpression();
  ++depth_;
  const NodeId n = ParseBinary(0);
  --depth_;
  return n;
}

NodeId Parser::TooDeepExpression() {
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

int Parser::BinaryPrecedence(const Token& t, std::string& op) const {
  if (task_values_ && t.newline_before && TaskKeyAt(pos_)) return -1;  // t is Cur()
  switch (t.kind) {
    case TK::kAssign:
      if (nest_ == 0) return -1;
      op = "=";
      return 2;
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
      if (core::EqualsIgnoreAsciiCase(Text(t), "or")) {
        op = "or";
        return 0;
      }
      if (core::EqualsIgnoreAsciiCase(Text(t), "and")) {
        op = "and";
        return 1;
      }
      return -1;
    default:
      return -1;
  }
}

// The criteria operators of Creator record fetches (`Form[Name contains "x" && F is not null]`),
// inside brackets and conditions only: their words are names elsewhere. Returns the operator's
// token count (0: none) and sets op.
size_t Parser::CriteriaOperator(std::string& op) const {
  if (nest_ == 0 || Cur().kind != TK::kIdentifier) return 0;
  const Token& a = Cur();
  const Token& b = Ahead(1);
  if (IsWord(a, "contains") || IsWord(a, "in") || IsWord(a, "like")) {
    op = core::AsciiLowered(Text(a));
    return 1;
  }
  if (IsWord(a, "not") && (IsWord(b, "contains") || IsWord(b, "in") || IsWord(b, "like"))) {
    op = "not " + core::AsciiLowered(Text(b));
    return 2;
  }
  if ((IsWord(a, "starts") || IsWord(a, "ends")) && IsWord(b, "with")) {
    op = core::AsciiLowered(Text(a)) + " with";
    return 2;
  }
  if (IsWord(a, "is")) {
    op = IsWord(b, "not") ? "is not" : "is";
    return op.size() == 2 ? 1 : 2;
  }
  return 0;
}

NodeId Parser::ParseBinary(int min_precedence) {
  NodeId lhs = ParseUnary();
  if (lhs == kNoNode) return kNoNode;
  for (;;) {
    std::string op;
    int precedence = BinaryPrecedence(Cur(), op);
    size_t width = 1;
    if (precedence < 0) {
      width = CriteriaOperator(op);
      if (width > 0) precedence = 2;
    }
    if (precedence < min_precedence) break;
    for (size_t i = 0; i < width; ++i) Advance();
    const NodeId rhs = ParseBinary(precedence + 1);
    if (rhs == kNoNode) return kNoNode;
    lhs = NewNode(NodeKind::kBinary, Begin(lhs), End(rhs), {lhs, rhs}, {}, std::move(op));
  }
  return lhs;
}

NodeId Parser::ParseUnary() {
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

NodeId Parser::ParsePostfix() {
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
    } else if (Is(TK::kColon) && IsWord(Ahead(1), "ui") && Ahead(2).kind == TK::kDot &&
               Ahead(3).kind == TK::kIdentifier && Ahead(4).kind == TK::kLParen) {
      // Creator client functions on a field: `input.F:ui.add(…)`, `input.F:ui.append(…)`.
      Advance();
      Advance();
      Advance();
      std::string name = "ui." + std::string(Text(Cur()));
      Advance();
      std::vector<NodeId> children{n};
      uint32_t end = 0;
      if (!ParseArguments(children, end)) return kNoNode;
      n = NewNode(NodeKind::kMemberCall, Begin(n), end, std::move(children), std::move(name));
    } else if (Is(TK::kLBracket)) {
      n = ParseIndex(n);
      if (n == kNoNode) return kNoNode;
    } else if ((IsWord(Cur(), "sort") && IsWord(Ahead(1), "by")) ||
               (IsWord(Cur(), "range") && IsWord(Ahead(1), "from"))) {
      n = ParseFetchClauses(n);
      if (n == kNoNode) return kNoNode;
    } else {
      return n;
    }
  }
}

// `recv[expr]`; also a record fetch `Form[criteria]` (Creator), where `=` compares.
NodeId Parser::ParseIndex(NodeId recv) {
  Advance();  // [
  NodeId index = kNoNode;
  {
    NestScope nest(*this);
    index = Is(TK::kRBracket) ? NewNode(NodeKind::kList, Cur().begin, Cur().begin) : ParseExpression();
  }
  if (index == kNoNode) return kNoNode;
  if (!Is(TK::kRBracket)) return Fail();
  const uint32_t end = Cur().end;
  Advance();
  return NewNode(NodeKind::kIndex, Begin(recv), end, {recv, index});
}

// A record fetch's `sort by X [asc|desc]` and `range from a to b` clauses, after `Form[c]` or a
// field of it (`Form[c].F sort by F desc`): a kIndex with op "sort", "range" or "sort range" whose
// children are the fetch, then the sort key and the range bounds.
NodeId Parser::ParseFetchClauses(NodeId fetch) {
  std::vector<NodeId> children{fetch};
  uint32_t end = End(fetch);
  std::string op;
  if (IsWord(Cur(), "sort") && IsWord(Ahead(1), "by")) {
    Advance();
    Advance();
    const NodeId key = ParseExpression();
    if (key == kNoNode) return kNoNode;
    children.push_back(key);
    end = End(key);
    if (IsWord(Cur(), "asc") || IsWord(Cur(), "desc")) {
      end = Cur().end;
      Advance();
    }
    op = "sort";
  }
  if (IsWord(Cur(), "range") && IsWord(Ahead(1), "from")) {
    Advance();
    Advance();
    const NodeId from = ParseExpression();
    if (from == kNoNode || !IsWord(Cur(), "to")) return Fail();
    Advance();
    const NodeId to = ParseExpression();
    if (to == kNoNode) return kNoNode;
    children.push_back(from);
    children.push_back(to);
    end = End(to);
    op += op.empty() ? "range" : " range";
  }
  return NewNode(NodeKind::kIndex, Begin(fetch), end, std::move(children), {}, std::move(op));
}

bool Parser::ParseArguments(std::vector<NodeId>& children, uint32_t& end) {
  NestScope nest(*this);
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

NodeId Parser::ParsePrimary() {
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

NodeId Parser::ParseStringLiteral() {
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

NodeId Parser::ParseBraceLiteral() {
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

NodeId Parser::ParseBracketList() {
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

NodeId Parser::ParseNamePrimary() {
  const Token& t = Cur();
  const std::string_view w = Text(t);
  const TK next = Ahead(1).kind;
  if (core::EqualsIgnoreAsciiCase(w, "true") || core::EqualsIgnoreAsciiCase(w, "false")) {
    Advance();
    return NewNode(NodeKind::kBool, t.begin, t.end, {}, core::AsciiLowered(w));
  }
  if (core::EqualsIgnoreAsciiCase(w, "null")) {
    Advance();
    return NewNode(NodeKind::kNull, t.begin, t.end);
  }
  if (next == TK::kLBracket && (core::EqualsIgnoreAsciiCase(w, "invokeurl") || TaskKeyAt(pos_ + 2) || IsTaskWord(w))) {
    return ParseTask(1);
  }
  if (core::EqualsIgnoreAsciiCase(w, "invokefunction") && next == TK::kIdentifier) return ParseInvokeFunction();
  if (core::EqualsIgnoreAsciiCase(w, "insert") && IsWord(Ahead(1), "into") && Ahead(2).kind == TK::kIdentifier &&
      Ahead(3).kind == TK::kLBracket) {
    return ParseTask(3);
  }
  std::string name(w);
  // `List:String(…)`, `Map:String(…)`, `Collection:…(…)`: one call named as written.
  if (next == TK::kColon && Ahead(2).kind == TK::kIdentifier && Ahead(3).kind == TK::kLParen &&
      (core::EqualsIgnoreAsciiCase(w, "list") || core::EqualsIgnoreAsciiCase(w, "map") || core::EqualsIgnoreAsciiCase(w, "collection"))) {
    name += ':';
    name += Text(Ahead(2));
    Advance();
    Advance();
  } else if (core::EqualsIgnoreAsciiCase(w, "zoho") && next == TK::kDot) {
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

// Bracketed tasks Deluge writes without commas, one `key: value` (or `Field = value` for
// `insert into`) after another: invokeurl, sendmail, invokeapi, sendsms, pushnotify, …
bool Parser::IsTaskWord(std::string_view w) const {
  static constexpr std::string_view kTasks[] = {"sendmail", "invokeapi", "sendsms", "pushnotify", "postfeed"};
  return std::any_of(std::begin(kTasks), std::end(kTasks), [&](std::string_view t) { return core::EqualsIgnoreAsciiCase(w, t); });
}

// `invokefunction thisapp.f(…)`, `invokefunction thisapp.f with input { … }` (Creator: a function
// of the application, or a serverless one given a map): a kTask "invokefunction" whose params are
// "function" and "input".
NodeId Parser::ParseInvokeFunction() {
  const Token& keyword = Cur();
  Advance();
  const NodeId target = ParsePostfix();
  if (target == kNoNode) return kNoNode;
  std::vector<NodeId> params{NewNode(NodeKind::kInvokeParam, Begin(target), End(target), {target}, "function")};
  uint32_t end = End(target);
  if (IsWord(Cur(), "with") && Ahead(1).kind == TK::kIdentifier) {
    const uint32_t with_begin = Cur().begin;
    Advance();
    Advance();
    const NodeId input = ParseExpression();
    if (input == kNoNode) return kNoNode;
    params.push_back(NewNode(NodeKind::kInvokeParam, with_begin, End(input), {input}, "input"));
    end = End(input);
  }
  return NewNode(NodeKind::kTask, keyword.begin, end, std::move(params), "invokefunction");
}

// A task key starts at token i: words joined by '-' or spaces (`content-type`, `reply to`,
// `Attachments`), then ':' — or one word then '=' inside `insert into`.
bool Parser::TaskKeyAt(size_t i) const {
  if (At(i).kind != TK::kIdentifier) return false;
  for (size_t words = 0; words < 4; ++words) {
    ++i;
    if (At(i).kind == TK::kColon) return true;
    if (At(i).kind == TK::kMinus) ++i;
    if (At(i).kind != TK::kIdentifier || At(i).newline_before) return false;
  }
  return false;
}

// At the task word; `header_tokens` tokens (the word, or `insert into Form`) come before '['.
NodeId Parser::ParseTask(size_t header_tokens) {
  const Token& keyword = Cur();
  const bool invokeurl = IsWord(keyword, "invokeurl");
  const bool insert = header_tokens > 1;
  const uint32_t header_end = Ahead(header_tokens - 1).end;
  for (size_t i = 0; i <= header_tokens; ++i) Advance();  // the header and '['
  std::vector<NodeId> params;
  const bool saved_task_values = task_values_;
  const int saved_nest = nest_;
  task_values_ = true;
  nest_ = 0;
  for (;;) {
    if (Is(TK::kComma) && !params.empty() && !TaskKeyAt(pos_ + 1) && Ahead(1).kind != TK::kRBracket &&
        !(insert && Ahead(2).kind == TK::kAssign)) {
      // `to :a, b`: one more value of the entry before (a list of recipients).
      Advance();
      const NodeId more = ParseExpression();
      if (more == kNoNode) {
        task_values_ = saved_task_values;
        nest_ = saved_nest;
        return kNoNode;
      }
      Node& last = tree_.nodes[params.back()];
      last.children.push_back(more);
      last.end = End(more);
      continue;
    }
    if (Is(TK::kComma) || Is(TK::kSemicolon)) {
      Advance();
      continue;
    }
    if (Is(TK::kRBracket)) break;
    const NodeId param = ParseTaskParam(insert);
    if (param == kNoNode) {
      task_values_ = saved_task_values;
      nest_ = saved_nest;
      return kNoNode;
    }
    params.push_back(param);
  }
  task_values_ = saved_task_values;
  nest_ = saved_nest;
  const uint32_t end = Cur().end;
  Advance();
  std::string name(src_.substr(keyword.begin, header_end - keyword.begin));
  return NewNode(invokeurl ? NodeKind::kInvokeUrl : NodeKind::kTask, keyword.begin, end, std::move(params),
                 std::move(name));
}

// `key: value`, `reply to: value`, `Attachments: file: input.F`, `template: T as PDF`, `F = v`.
NodeId Parser::ParseTaskParam(bool insert) {
  if (!Is(TK::kIdentifier)) return Fail();
  const uint32_t key_begin = Cur().begin;
  uint32_t key_end = Cur().end;
  Advance();
  while (((Is(TK::kMinus) || Is(TK::kDot)) && Ahead(1).kind == TK::kIdentifier) ||
         (Is(TK::kIdentifier) && !Cur().newline_before)) {
    if (!Is(TK::kIdentifier)) Advance();  // `content-type`, `Name.first_name`
    key_end = Cur().end;
    Advance();
  }
  if (!Is(TK::kColon) && !(insert && Is(TK::kAssign))) return Fail();
  Advance();
  std::string type;
  if (Is(TK::kIdentifier) && Ahead(1).kind == TK::kColon && !Ahead(1).newline_before) {
    type = core::AsciiLowered(Text(Cur()));  // a typed value: file:, template:, view:, report:
    Advance();
    Advance();
  }
  const NodeId value = ParseExpression();
  if (value == kNoNode) return kNoNode;
  uint32_t end = End(value);
  if (IsWord(Cur(), "as") && Ahead(1).kind == TK::kIdentifier) {  // `template: T as PDF`
    Advance();
    end = Cur().end;
    Advance();
  }
  return NewNode(NodeKind::kInvokeParam, key_begin, end, {value},
                 std::string(src_.substr(key_begin, key_end - key_begin)), std::move(type));
}

}  // namespace authshift::frontends::deluge::detail
