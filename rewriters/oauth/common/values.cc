// Questions about values shared by the language files: which arguments are written, what a value
// is built from, which binding holds it, whether a key names the Authorization header.
#include "rewriters/oauth/common/values.h"

#include <re2/re2.h>

#include <algorithm>

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

std::vector<const ir::Arg*> WrittenArgs(const ir::Call& call) {
  std::vector<const ir::Arg*> out;
  for (const auto& x : call.args) {
    bool inner = std::any_of(call.args.begin(), call.args.end(), [&](const ir::Arg& o) {
      return &o != &x && o.span.begin <= x.span.begin && x.span.end <= o.span.end &&
             (o.span.end - o.span.begin) > (x.span.end - x.span.begin);
    });
    // The properties of an options object bound to a variable are listed too, outside the call.
    bool outside = x.span.begin < call.span.begin || x.span.end > call.span.end;
    if (!inner && !outside) out.push_back(&x);
  }
  return out;
}

bool DeepReaches(const Context& ctx, ir::ExprId e, const std::function<bool(ir::ExprId)>& hit,
                 int depth) {
  if (e == ir::kNoExpr || depth > 6) return false;
  if (hit(e)) return true;
  const ir::Expr& x = ctx.at(e);
  switch (x.kind) {
    case ir::ExprKind::kName: {
      ir::ExprId d = ir::Deref(ctx.facts(), e);
      return d != e && DeepReaches(ctx, d, hit, depth + 1);
    }
    case ir::ExprKind::kConcat:
    case ir::ExprKind::kList:
      for (ir::ExprId k : x.children) {
        if (DeepReaches(ctx, k, hit, depth + 1)) return true;
      }
      return false;
    case ir::ExprKind::kMap:
      for (uint32_t en : ctx.LiteralEntries(e)) {
        if (DeepReaches(ctx, ctx.facts().entries[en].value, hit, depth + 1)) return true;
      }
      return false;
    case ir::ExprKind::kCall: {
      const ir::Call& c = ctx.facts().calls[x.call];
      if (DeepReaches(ctx, c.receiver, hit, depth + 1)) return true;
      for (const ir::Arg* a : WrittenArgs(c)) {
        if (DeepReaches(ctx, a->value, hit, depth + 1)) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

bool CarriesEntry(const Context& ctx, ir::ExprId v, uint32_t entry,
                  const std::vector<ir::ExprId>& encoded) {
  if (v == ir::kNoExpr) return false;
  if (ctx.HoldsEntry(v, entry)) return true;
  return DeepReaches(ctx, v, [&](ir::ExprId x) {
    return std::find(encoded.begin(), encoded.end(), x) != encoded.end();
  });
}

const ir::Binding* BindingOfValue(const Context& ctx, ir::ExprId value) {
  for (const auto& b : ctx.facts().bindings) {
    if (b.value == value) return &b;
  }
  return nullptr;
}

const ir::Binding* BoundTo(const Context& ctx, ExprId value) {
  for (const auto& b : ctx.facts().bindings) {
    if (b.value == value && b.op == "=") return &b;
  }
  return nullptr;
}

bool Carries(const Context& ctx, ExprId arg, ExprId value, int depth) {
  if (arg == kNoExpr || depth > 5) return false;
  if (arg == value || ctx.Flows(arg, value) || ctx.Reaches(arg, value)) return true;
  ExprId d = ir::Deref(ctx.facts(), arg);
  if (d != arg && (d == value || ctx.Flows(d, value))) return true;
  const ir::Expr& e = ctx.at(d);
  if (e.kind != ExprKind::kCall || e.call >= ctx.facts().calls.size()) return false;
  const ir::Call& c = ctx.facts().calls[e.call];
  for (const ir::Arg& a : c.args) {
    if (a.name.empty() && Carries(ctx, a.value, value, depth + 1)) return true;
  }
  return Carries(ctx, c.receiver, value, depth + 1);
}

bool ConstantDeclaration(const Context& ctx, const ir::Binding& b) {
  std::string_view id = ctx.profile().id;
  if (id != "go" && id != "php" && id != "csharp") return false;
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(b.span.begin);
  std::string_view line = src.substr(lb, b.span.end - lb);
  static const RE2 kConst(R"(\bconst\b)");
  if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kConst)) return true;
  if (id != "go") return false;
  // Inside a `const (` … `)` block: the nearest block opener above, with no closing line between.
  std::string_view before = src.substr(0, lb);
  size_t open = before.rfind("\nconst (");
  size_t close = before.rfind("\n)");
  return open != std::string_view::npos && (close == std::string_view::npos || close < open);
}

bool IsAuthorizationKey(const Context& ctx, ir::ExprId key) {
  if (key == ir::kNoExpr) return false;
  std::string k = ir::Flatten(ctx.facts(), key, ctx.src()).Joined();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return k == "authorization" || k.find(".authorization") != std::string::npos;
}

}  // namespace authshift::rewriters::oauth
