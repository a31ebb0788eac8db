#include "scanner/ir/built_from.h"

#include <algorithm>
#include <unordered_map>

namespace authshift::ir {
namespace {

class Walk {
 public:
  Walk(const Facts& facts, std::string_view source, const std::function<bool(ExprId)>& hit,
       unsigned edges, int max_depth)
      : facts_(facts), source_(source), hit_(hit), edges_(edges), max_depth_(max_depth) {}

  bool Visit(ExprId e, int depth) {
    if (e == kNoExpr || e >= facts_.exprs.size() || depth > max_depth_) return false;
    // An expression already walked from as near the start has nothing new to offer.
    auto [it, fresh] = seen_.try_emplace(e, depth);
    if (!fresh) {
      if (it->second <= depth) return false;
      it->second = depth;
    }
    if (hit_(e)) return true;
    const Expr& x = facts_.exprs[e];
    if (Has(kViaNames) && x.kind == ExprKind::kName) {
      ExprId d = Deref(facts_, e);
      if (d != e && Visit(d, depth + 1)) return true;
    }
    if (Has(kViaStringParts) && depth < max_depth_ &&
        (x.kind == ExprKind::kConcat || x.kind == ExprKind::kName)) {
      for (const StrPart& p : Flatten(facts_, e, source_).parts) {
        if (p.expr != e && Visit(p.expr, depth + 1)) return true;
      }
    }
    if (Has(kViaItems) && Items(e, x, depth)) return true;
    if (x.kind == ExprKind::kCall && x.call < facts_.calls.size())
      return Call(facts_.calls[x.call], depth);
    return false;
  }

 private:
  bool Has(unsigned edge) const { return (edges_ & edge) != 0; }

  // Join parts, list items, map values: true when one of them (or what it is built from) hits.
  bool Items(ExprId e, const Expr& x, int depth) {
    if (x.kind == ExprKind::kConcat || x.kind == ExprKind::kList) {
      for (ExprId k : x.children) {
        if (Visit(k, depth + 1)) return true;
      }
    } else if (x.kind == ExprKind::kMap) {
      if (auto it = facts_.entries_by_container.find(e); it != facts_.entries_by_container.end()) {
        for (uint32_t en : it->second) {
          if (Visit(facts_.entries[en].value, depth + 1)) return true;
        }
      }
    }
    return false;
  }

  bool Call(const ir::Call& c, int depth) {
    if (Has(kViaReceivers) && Visit(c.receiver, depth + 1)) return true;
    bool args = Has(kViaArguments) || (Has(kViaFreeCallArguments) && c.receiver == kNoExpr);
    if (!args) return false;
    for (const Arg* a : WrittenArgs(c)) {
      if (Visit(a->value, depth + 1)) return true;
    }
    return false;
  }

  const Facts& facts_;
  std::string_view source_;
  const std::function<bool(ExprId)>& hit_;
  unsigned edges_;
  int max_depth_;
  std::unordered_map<ExprId, int> seen_;  // expression -> the least depth it was visited at
};

}  // namespace

bool BuiltFrom(const Facts& facts, std::string_view source, ExprId value,
               const std::function<bool(ExprId)>& hit, BuiltFromWalk walk) {
  return Walk(facts, source, hit, walk.edges, walk.max_depth).Visit(value, 0);
}

bool BuiltFrom(const Facts& facts, std::string_view source, ExprId value, ExprId part,
               BuiltFromWalk walk) {
  if (value == kNoExpr) return false;
  return BuiltFrom(
      facts, source, value, [part](ExprId e) { return e == part; }, walk);
}

std::vector<const Arg*> WrittenArgs(const Call& call) {
  std::vector<const Arg*> out;
  for (const auto& x : call.args) {
    bool inner = std::any_of(call.args.begin(), call.args.end(), [&](const Arg& o) {
      return &o != &x && o.span.begin <= x.span.begin && x.span.end <= o.span.end &&
             (o.span.end - o.span.begin) > (x.span.end - x.span.begin);
    });
    // The properties of an options object bound to a variable are listed too, outside the call.
    bool outside = x.span.begin < call.span.begin || x.span.end > call.span.end;
    if (!inner && !outside) out.push_back(&x);
  }
  return out;
}

const Binding* BindingOfValue(const Facts& facts, ExprId value, bool assignment_only) {
  for (const auto& b : facts.bindings) {
    if (b.value == value && (!assignment_only || b.op == "=")) return &b;
  }
  return nullptr;
}

}  // namespace authshift::ir
