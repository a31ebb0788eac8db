#include "scanner/frontends/deluge/lower.h"

#include "scanner/core/strings.h"

namespace authshift::frontends::deluge {
namespace {

class Lowering {
 public:
  Lowering(const Tree& tree, std::string_view source) : tree_(tree), source_(source) {
    facts_.scope_parent.push_back(0);
  }

  ir::Facts Run() {
    if (tree_.root != kNoNode) Statements(tree_.root);
    for (const Node& n : tree_.nodes) {
      if (n.kind == NodeKind::kAssign || n.kind == NodeKind::kExprStmt || n.kind == NodeKind::kInfo ||
          n.kind == NodeKind::kReturn) {
        facts_.statements.push_back(SpanOf(n));
      } else if (n.kind == NodeKind::kError) {
        facts_.syntax_errors.push_back(SpanOf(n));
      }
    }
    return std::move(facts_);
  }

 private:
  const Node& N(NodeId id) const { return tree_.at(id); }
  static ir::Span SpanOf(const Node& n) { return {n.begin, n.end}; }

  ir::ExprId Add(ir::ExprKind kind, const Node& n, std::string text = {}) {
    return facts_.Add(kind, SpanOf(n), std::move(text), scope_);
  }

  // Statements of a file, function or block (recursion is bounded by the parser's depth limit).
  void Statements(NodeId id) {
    for (NodeId c : N(id).children) Statement(c);
  }

  void Statement(NodeId id) {
    const Node& n = N(id);
    switch (n.kind) {
      case NodeKind::kFunction: {
        facts_.regions.push_back({SpanOf(n), "function " + n.text});
        uint32_t saved = scope_;
        facts_.scope_parent.push_back(scope_);
        scope_ = static_cast<uint32_t>(facts_.scope_parent.size() - 1);
        for (NodeId c : n.children) {
          const Node& child = N(c);
          if (child.kind == NodeKind::kParam) {
            // A parameter binds its name to an unknown value: resolution stops there.
            facts_.bindings.push_back({child.text, ir::kNoExpr, "param", SpanOf(child), scope_});
          } else {
            Statement(c);
          }
        }
        scope_ = saved;
        return;
      }
      case NodeKind::kSection:
        facts_.regions.push_back({SpanOf(n), n.text});
        Statements(id);
        return;
      case NodeKind::kBlock:
      case NodeKind::kFile:
      case NodeKind::kElse:
      case NodeKind::kTry:
        Statements(id);
        return;
      case NodeKind::kCatch:
        if (!n.text.empty()) facts_.bindings.push_back({n.text, ir::kNoExpr, "catch", SpanOf(n), scope_});
        Statements(id);
        return;
      case NodeKind::kError:
        // What the parser salvaged inside a broken statement: assignments and expressions.
        for (NodeId c : n.children) {
          const NodeKind k = N(c).kind;
          if (k == NodeKind::kAssign || k == NodeKind::kExprStmt) {
            Statement(c);
          } else {
            Expr(c);
          }
        }
        return;
      case NodeKind::kIf:
      case NodeKind::kElseIf:
      case NodeKind::kWhile:
        for (NodeId c : n.children) {
          const Node& child = N(c);
          if (child.kind == NodeKind::kBlock || child.kind == NodeKind::kElseIf || child.kind == NodeKind::kElse) {
            Statement(c);
          } else {
            Expr(c);
          }
        }
        return;
      case NodeKind::kForEach:
      case NodeKind::kForEachIndex:
        facts_.bindings.push_back({n.text, ir::kNoExpr, "loop", SpanOf(n), scope_});
        for (NodeId c : n.children) {
          if (N(c).kind == NodeKind::kBlock) {
            Statement(c);
          } else {
            Expr(c);
          }
        }
        return;
      case NodeKind::kAssign:
        Assign(n);
        return;
      case NodeKind::kExprStmt:
        ExprStatement(n);
        return;
      case NodeKind::kInfo:
      case NodeKind::kReturn:
      case NodeKind::kClientTask:
        for (NodeId c : n.children) Expr(c);
        return;
      default:
        return;  // break, continue, error nodes
    }
  }

  // `x = v`: a binding, or a map entry for `m["k"] = v`.
  void Assign(const Node& n) {
    if (n.children.size() < 2) return;
    const Node& target = N(n.children[0]);
    ir::ExprId value = Expr(n.children[1]);
    if (target.kind == NodeKind::kIdentifier) {
      facts_.bindings.push_back({target.text, value, n.op, SpanOf(n), scope_});
    } else if (target.kind == NodeKind::kIndex && target.children.size() == 2 &&
               N(target.children[0]).kind == NodeKind::kIdentifier) {
      ir::MapEntry m;
      m.key = Expr(target.children[1]);
      m.value = value;
      m.container_name = N(target.children[0]).text;
      m.origin = ir::EntryOrigin::kIndexAssign;
      m.span = SpanOf(n);
      m.statement = SpanOf(n);
      m.scope = scope_;
      facts_.entries.push_back(m);
    } else {
      Expr(n.children[0]);
    }
  }

  // An expression statement; `m.put(k, v);` is also a map entry of the map named m.
  void ExprStatement(const Node& n) {
    if (n.children.empty()) return;
    const Node& e = N(n.children[0]);
    ir::ExprId id_expr = Expr(n.children[0]);
    // m.put(k, v); -> a map entry of the map named m.
    if (e.kind == NodeKind::kMemberCall && core::AsciiLowered(e.text) == "put" && e.children.size() == 3 &&
        N(e.children[0]).kind == NodeKind::kIdentifier) {
      const ir::Call& call = facts_.calls[facts_.exprs[id_expr].call];
      ir::MapEntry m;
      m.key = call.args[0].value;
      m.value = call.args[1].value;
      m.container_name = N(e.children[0]).text;
      m.origin = ir::EntryOrigin::kPut;
      m.span = {facts_.exprs[m.key].span.begin, facts_.exprs[m.value].span.end};
      m.statement = SpanOf(n);
      m.scope = scope_;
      facts_.entries.push_back(m);
    }
  }

  // `a + b + c` becomes one concatenation of its leaves. Iterative: the parser builds long `+`
  // chains without recursion, so they can be far deeper than the stack allows.
  void ConcatLeaves(NodeId id, std::vector<ir::ExprId>* out) {
    std::vector<NodeId> stack = {id};
    while (!stack.empty()) {
      NodeId cur = stack.back();
      stack.pop_back();
      const Node& n = N(cur);
      if (n.kind == NodeKind::kBinary && n.op == "+" && n.children.size() == 2) {
        stack.push_back(n.children[1]);
        stack.push_back(n.children[0]);
      } else if (n.kind == NodeKind::kParen && n.children.size() == 1 && N(n.children[0]).kind == NodeKind::kBinary &&
                 N(n.children[0]).op == "+") {
        stack.push_back(n.children[0]);
      } else {
        out->push_back(Expr(cur));
      }
    }
  }

  // Bounded: chains such as `!!!…x` or `a.b().b()…` parse into trees deeper than any real code;
  // past kMaxExprDepth the rest is one opaque expression.
  static constexpr int kMaxExprDepth = 256;

  ir::ExprId Expr(NodeId id) {
    const Node& n = N(id);
    if (depth_ >= kMaxExprDepth) return Add(ir::ExprKind::kOther, n, Text(n));
    ++depth_;
    ir::ExprId e = ExprInner(id);
    --depth_;
    return e;
  }

  ir::ExprId ExprInner(NodeId id) {
    const Node& n = N(id);
    switch (n.kind) {
      case NodeKind::kString: {
        ir::ExprId e = Add(ir::ExprKind::kString, n, n.text);
        uint32_t quote = n.op == "\xE2\x80\x9C" ? 3 : 1;
        ir::Expr& ex = facts_.exprs[e];
        ex.literal_span = {std::min(n.begin + quote, n.end), n.end >= n.begin + 2 * quote ? n.end - quote : n.end};
        return e;
      }
      case NodeKind::kIdentifier:
        return Add(ir::ExprKind::kName, n, n.text);
      case NodeKind::kNumber:
        return Add(ir::ExprKind::kNumber, n, n.text);
      case NodeKind::kBool:
        return Add(ir::ExprKind::kBool, n, n.text);
      case NodeKind::kNull:
        return Add(ir::ExprKind::kNull, n);
      case NodeKind::kParen:
        return n.children.empty() ? Add(ir::ExprKind::kOther, n) : Expr(n.children[0]);
      case NodeKind::kBinary: {
        if (n.op == "+") {
          std::vector<ir::ExprId> parts;
          ConcatLeaves(id, &parts);
          ir::ExprId e = Add(ir::ExprKind::kConcat, n);
          facts_.exprs[e].children = std::move(parts);
          return e;
        }
        for (NodeId c : n.children) Expr(c);
        return Add(ir::ExprKind::kOther, n, Text(n));
      }
      case NodeKind::kMap: {
        ir::ExprId map = Add(ir::ExprKind::kMap, n);
        for (NodeId c : n.children) {
          const Node& entry = N(c);
          if (entry.children.size() != 2) continue;
          ir::MapEntry m;
          m.key = Expr(entry.children[0]);
          m.value = Expr(entry.children[1]);
          m.container = map;
          m.origin = ir::EntryOrigin::kLiteral;
          m.span = SpanOf(entry);
          m.scope = scope_;
          facts_.entries.push_back(m);
        }
        return map;
      }
      case NodeKind::kList: {
        std::vector<ir::ExprId> items;
        for (NodeId c : n.children) items.push_back(Expr(c));
        ir::ExprId e = Add(ir::ExprKind::kList, n);
        facts_.exprs[e].children = std::move(items);
        return e;
      }
      case NodeKind::kCall:
      case NodeKind::kMemberCall:
      case NodeKind::kInvokeUrl:
      case NodeKind::kTask:
        return CallExpr(id);
      default:
        for (NodeId c : n.children) Expr(c);
        return Add(ir::ExprKind::kOther, n, Text(n));
    }
  }

  ir::ExprId CallExpr(NodeId id) {
    const Node& n = N(id);
    ir::Call call;
    call.span = SpanOf(n);
    size_t first_arg = 0;
    if (n.kind == NodeKind::kInvokeUrl || n.kind == NodeKind::kTask) {
      // A task is a call with named arguments: "invokeurl", "sendmail", "insert into order", …
      call.callee = n.kind == NodeKind::kInvokeUrl ? std::string("invokeurl") : core::AsciiLowered(n.text);
      call.method = call.callee;
      for (NodeId c : n.children) {
        const Node& p = N(c);
        ir::Arg a;
        a.name = core::AsciiLowered(p.text);
        a.span = SpanOf(p);
        a.value = p.children.empty() ? ir::kNoExpr : Expr(p.children[0]);
        for (size_t k = 1; k < p.children.size(); ++k) Expr(p.children[k]);  // `to: a, b`
        call.args.push_back(a);
      }
    } else {
      if (n.kind == NodeKind::kMemberCall) {
        if (n.children.empty()) return Add(ir::ExprKind::kOther, n, Text(n));
        call.receiver = Expr(n.children[0]);
        const Node& recv = N(n.children[0]);
        call.callee = (recv.kind == NodeKind::kIdentifier ? recv.text : std::string("<expr>")) + "." + n.text;
        first_arg = 1;
      } else {
        call.callee = n.text;
      }
      call.method = n.text.substr(n.text.rfind('.') == std::string::npos ? 0 : n.text.rfind('.') + 1);
      for (size_t i = first_arg; i < n.children.size(); ++i) {
        ir::Arg a;
        a.span = SpanOf(N(n.children[i]));
        a.value = Expr(n.children[i]);
        call.args.push_back(a);
      }
    }
    ir::ExprId e = Add(ir::ExprKind::kCall, n, call.callee);
    call.self = e;
    facts_.calls.push_back(std::move(call));
    facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
    return e;
  }

  std::string Text(const Node& n) const { return std::string(source_.substr(n.begin, n.end - n.begin)); }

  const Tree& tree_;
  std::string_view source_;
  ir::Facts facts_;
  uint32_t scope_ = 0;
  int depth_ = 0;
};

}  // namespace

ir::Facts Lower(const Tree& tree, std::string_view source) { return Lowering(tree, source).Run(); }

}  // namespace authshift::frontends::deluge
