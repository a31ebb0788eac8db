// A parameter map that empties out and was only encoded into a query string joined onto the URL:
// `params = {"authtoken": t}; q = urlencode(params); url = base + "?" + q`. The map, the encoded
// string and its `+ "?" + q` join go; nothing else is touched.
#include "rewriters/oauth/common/fixer.h"
#include "scanner/ir/built_from.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

namespace {

bool IsEncoder(std::string_view method) {
  return method == "urlencode" || method == "stringify" || method == "URLSearchParams" ||
         method == "encode";
}

// The binding whose value is `v` (the statement that names it), or nullptr.
const ir::Binding* BindingWithValue(const ir::Facts& facts, ExprId v) {
  for (const auto& b : facts.bindings) {
    if (b.value == v && b.op == "=") return &b;
  }
  return nullptr;
}

// The statement of binding `b` with its declaration keyword (`const q = …`), or nullopt when
// something else precedes it on its line.
std::optional<ir::Span> DeclarationSpan(const Context& ctx, const ir::Binding& b) {
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(b.span.begin);
  std::string_view before = src.substr(lb, b.span.begin - lb);
  size_t first = before.find_first_not_of(" \t");
  if (first == std::string_view::npos) return b.span;
  std::string_view kw = before.substr(first);
  while (!kw.empty() && (kw.back() == ' ' || kw.back() == '\t')) kw.remove_suffix(1);
  if (kw != "const" && kw != "let" && kw != "var") return std::nullopt;
  return ir::Span{static_cast<uint32_t>(lb + first), b.span.end};
}

}  // namespace

bool Fixer::RemoveEncodedQuery(ExprId map) {
  const ir::Binding* held = BindingWithValue(facts_, map);
  if (held == nullptr) return false;
  std::vector<ExprId> reads = ctx_->ReadsOf(*held);
  if (reads.size() != 1) return false;
  // The one read is the first argument of an encoder call.
  const ir::Call* enc = nullptr;
  for (const auto& c : facts_.calls) {
    std::vector<const ir::Arg*> args = ir::WrittenArgs(c);
    if (IsEncoder(c.method) && args.size() == 1 && args[0]->name.empty() && args[0]->value == reads[0])
      enc = &c;
  }
  if (enc == nullptr) return false;
  // The encoded string: the call itself, or `URLSearchParams(…).toString()`.
  ExprId encoded = enc->self;
  for (const auto& c : facts_.calls) {
    if (c.receiver == encoded && c.method == "toString" && ir::WrittenArgs(c).empty()) encoded = c.self;
  }
  const ir::Binding* q = BindingWithValue(facts_, encoded);
  ExprId use = encoded;
  if (q != nullptr) {
    std::vector<ExprId> qr = ctx_->ReadsOf(*q);
    if (qr.size() != 1) return false;
    use = qr[0];
  }
  // The use is the last part of a join whose part before it is a standalone "?" or "&" literal,
  // with something before that: the URL.
  for (const auto& k : facts_.exprs) {
    if (k.kind != ExprKind::kConcat || k.children.size() < 3 || k.children.back() != use) continue;
    size_t n = k.children.size();
    const ir::Expr& sep = facts_.exprs[k.children[n - 2]];
    const ir::Expr& before = facts_.exprs[k.children[n - 3]];
    const ir::Expr& last = facts_.exprs[use];
    if (sep.kind != ExprKind::kString || !Standalone(sep) || !Plain(sep) ||
        (sep.text != "?" && sep.text != "&")) {
      return false;
    }
    // Plain `a + "?" + q`: only blanks and the join operator between the parts.
    for (auto [b, e] : {std::pair{before.span.end, sep.span.begin}, std::pair{sep.span.end, last.span.begin}}) {
      std::string_view gap = src_.substr(b, e - b);
      std::string op(ctx_->profile().concat);
      std::string_view trimmed = gap.substr(std::min(gap.find_first_not_of(" \t"), gap.size()));
      while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
        trimmed.remove_suffix(1);
      std::string_view op_core = std::string_view(op).substr(1, op.size() - 2);
      if (trimmed != op_core) return false;
    }
    std::optional<ir::Span> held_stmt = DeclarationSpan(*ctx_, *held);
    std::optional<ir::Span> q_stmt = q != nullptr ? DeclarationSpan(*ctx_, *q) : std::nullopt;
    if (!held_stmt || (q != nullptr && !q_stmt)) return false;
    ctx_->Delete(before.span.end, last.span.end);
    if (q_stmt) DeleteStatement(*q_stmt);
    DeleteStatement(*held_stmt);
    return true;
  }
  return false;
}

}  // namespace authshift::rewriters::oauth
