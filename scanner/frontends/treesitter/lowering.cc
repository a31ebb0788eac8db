#include "scanner/frontends/treesitter/lowering.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "scanner/core/budget.h"

namespace authshift::frontends::treesitter {

ir::Facts Lowering::Run(TSNode root) {
  CollectRoles(root);
  Lower(root, false);
  if (row_.options_object_args) AddOptionsObjectArgs();
  std::sort(facts_.comments.begin(), facts_.comments.end(),
            [](const ir::Span& a, const ir::Span& b) { return a.begin < b.begin; });
  return std::move(facts_);
}

namespace {

// In-progress matches a query cursor keeps (see CollectRoles).
constexpr uint32_t kQueryMatchLimit = 512;

}  // namespace

// Runs the query once and indexes every match by the node carrying its role.
void Lowering::CollectRoles(TSNode root) {
  TSQueryCursor* cursor = ts_query_cursor_new();
  // A query cursor advances every in-progress match at every node: unbounded, a 20,000-term
  // `a + b + …` chain (each level an open match) costs depth × nodes. The limit bounds that to
  // a constant per node; ordinary code stays far below it. When it is hit, matches were lost:
  // within a scan the file falls back to its text rules (budget-exceeded, core/budget.h).
  ts_query_cursor_set_match_limit(cursor, kQueryMatchLimit);
  ts_query_cursor_exec(cursor, query_.query, root);
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor, &match)) {
    if (ts_query_cursor_did_exceed_match_limit(cursor) && core::HasBudget()) {
      ts_query_cursor_delete(cursor);
      throw core::BudgetExceeded();
    }
    if (!PredicatesHold(query_, match, source_)) continue;
    RoleMatch rm;
    bool have_role = false;
    for (uint16_t i = 0; i < match.capture_count; ++i) {
      const std::string& name = query_.capture_names[match.captures[i].index];
      if (name.empty() || name[0] == '_') continue;
      const size_t dot = name.find('.');
      if (dot == std::string::npos) {
        rm.role = name;
        rm.node = match.captures[i].node;
        have_role = true;
      } else {
        rm.parts.emplace_back(std::string_view(name).substr(dot + 1), match.captures[i].node);
      }
    }
    if (!have_role) {
      // A pattern with only a dotted capture (@pair.shorthand): the capture is the role.
      for (uint16_t i = 0; i < match.capture_count; ++i) {
        const std::string& name = query_.capture_names[match.captures[i].index];
        if (name.empty() || name[0] == '_') continue;
        rm.role = name;
        rm.node = match.captures[i].node;
        have_role = true;
        break;
      }
    }
    if (!have_role) continue;
    for (const Predicate& p : query_.predicates[match.pattern_index]) {
      if (p.kind != Predicate::Kind::kPart) continue;
      for (uint16_t i = 0; i < match.capture_count; ++i) {
        if (match.captures[i].index != p.capture) continue;
        TSNode node = match.captures[i].node;
        rm.parts.emplace_back(p.literal, FieldPath(node, p.field));
        break;
      }
    }
    if (rm.role == "comment") {
      facts_.comments.push_back(SpanOf(rm.node));
      continue;
    }
    roles_[rm.node.id].push_back(matches_.size());
    matches_.push_back(std::move(rm));
  }
  ts_query_cursor_delete(cursor);
}

const RoleMatch* Lowering::Role(TSNode n, std::string_view role) const {
  if (IsNull(n)) return nullptr;
  auto it = roles_.find(n.id);
  if (it == roles_.end()) return nullptr;
  for (size_t i : it->second) {
    if (matches_[i].role == role) return &matches_[i];
  }
  return nullptr;
}

uint32_t Lowering::NewScope(bool is_class, std::string class_name) {
  facts_.scope_parent.push_back(scope_);
  scopes_.push_back({is_class, std::move(class_name)});
  return static_cast<uint32_t>(facts_.scope_parent.size() - 1);
}

ir::ExprId Lowering::Add(ir::ExprKind kind, ir::Span span, std::string text) {
  return facts_.Add(kind, span, std::move(text), scope_);
}

ir::ExprId Lowering::AddString(std::string text, ir::Span span, ir::Span literal_span) {
  ir::ExprId id = Add(ir::ExprKind::kString, span, std::move(text));
  facts_.exprs[id].literal_span = literal_span;
  return id;
}

ir::ExprId Lowering::Other(TSNode n) {
  const ir::Span s = SpanOf(n);
  // Long source texts are not copied: holes read their text from the source by span.
  return Add(ir::ExprKind::kOther, s, s.end - s.begin <= 256 ? std::string(TextOf(n, source_)) : std::string());
}

// The dotted name `a.b.c` of a member chain over plain names (identifier, this), or "".
std::string Lowering::NameChain(TSNode n) const {
  std::vector<std::string_view> segments;
  for (int guard = 0; guard < 32 && !IsNull(n); ++guard) {
    if (const RoleMatch* m = Role(n, "member")) {
      segments.push_back(TextOf(m->Part("property"), source_));
      n = m->Part("object");
      continue;
    }
    if (Role(n, "name") != nullptr) {
      std::string out(TextOf(n, source_));
      for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
        out += '.';
        out += *it;
      }
      return out;
    }
    return {};
  }
  return {};
}

// Lowers `n`; returns its expression, or kNoExpr when `need_expr` is false and `n` is no
// expression the facts need. Memoised per node (a node is lowered once).
ir::ExprId Lowering::Lower(TSNode n, bool need_expr) {
  if (IsNull(n)) return ir::kNoExpr;
  if (auto it = lowered_.find(n.id); it != lowered_.end()) {
    if (it->second != ir::kNoExpr || !need_expr) return it->second;
    ir::ExprId e = Other(n);
    it->second = e;
    return e;
  }
  if (depth_ >= kMaxDepth) return need_expr ? Other(n) : ir::kNoExpr;
  ++depth_;
  lowered_[n.id] = ir::kNoExpr;  // guards against re-entry
  ir::ExprId e = LowerInner(n, need_expr);
  if (e == ir::kNoExpr && need_expr) e = Other(n);
  lowered_[n.id] = e;
  --depth_;
  return e;
}

void Lowering::Children(TSNode n) {
  for (TSNode c : NamedChildren(n)) Lower(c, false);
}

ir::ExprId Lowering::LowerInner(TSNode n, bool need_expr) {
  if (const RoleMatch* m = Role(n, "function")) return Function(*m, need_expr);
  if (const RoleMatch* m = Role(n, "class")) return Class(*m);
  if (const RoleMatch* m = Role(n, "param")) return Param(*m);
  if (const RoleMatch* m = Role(n, "assign")) return Assign(*m);
  if (const RoleMatch* m = Role(n, "format.percent")) return Format(*m, false);
  if (const RoleMatch* m = Role(n, "format.call")) return Format(*m, true);
  if (const RoleMatch* m = Role(n, "format.printf")) return Format(*m, false, true);
  if (const RoleMatch* m = Role(n, "format.printf_brace")) return Format(*m, true, true);
  if (const RoleMatch* m = Role(n, "header_constant")) {
    TSNode name = m->Part("name");
    return AddString(std::string(TextOf(name, source_)), SpanOf(n), SpanOf(name));
  }
  if (const RoleMatch* m = Role(n, "call")) {
    ir::ExprId e = Call(*m);
    if (const RoleMatch* put = Role(n, "put")) Put(*put, e);
    if (const RoleMatch* auth = Role(n, "authorization")) Authorization(*auth, e);
    if (row_.pick_by_names) PickByNames(e);
    return e;
  }
  if (const RoleMatch* m = Role(n, "command")) return Command(*m);
  if (const RoleMatch* m = Role(n, "kv_call")) return KvCall(*m, n);
  if (Role(n, "string") != nullptr) return String(n);
  if (Role(n, "concat") != nullptr) return Concat(n);
  if (Role(n, "map") != nullptr) return Map(n);
  if (Role(n, "list") != nullptr) return List(n);
  if (const RoleMatch* m = Role(n, "member")) {
    std::string chain = NameChain(n);
    if (!chain.empty()) return Add(ir::ExprKind::kName, SpanOf(n), std::move(chain));
    Expr(m->Part("object"));
    return ir::kNoExpr;
  }
  if (const RoleMatch* m = Role(n, "index")) {
    Expr(m->Part("object"));
    Expr(m->Part("key"));
    return ir::kNoExpr;
  }
  if (Role(n, "name") != nullptr) return Add(ir::ExprKind::kName, SpanOf(n), std::string(TextOf(n, source_)));
  if (Role(n, "wrap") != nullptr) {
    ir::ExprId inner = ir::kNoExpr;
    for (TSNode c : NamedChildren(n)) {
      if (inner == ir::kNoExpr && HasAnyRole(c)) {
        inner = Lower(c, need_expr);
      } else {
        Lower(c, false);
      }
    }
    return inner;
  }
  if (Role(n, "statement") != nullptr) {
    const ir::Span saved = statement_;
    statement_ = SpanOf(n);
    Children(n);
    statement_ = saved;
    return ir::kNoExpr;
  }
  if (Role(n, "number") != nullptr) return Add(ir::ExprKind::kNumber, SpanOf(n), std::string(TextOf(n, source_)));
  if (Role(n, "bool") != nullptr) return Add(ir::ExprKind::kBool, SpanOf(n), std::string(TextOf(n, source_)));
  if (Role(n, "null") != nullptr) return Add(ir::ExprKind::kNull, SpanOf(n));
  Children(n);
  return ir::kNoExpr;
}

ir::ExprId Lowering::Function(const RoleMatch& m, bool need_expr) {
  const uint32_t saved = scope_;
  scope_ = NewScope(false, {});
  Children(m.node);
  scope_ = saved;
  return need_expr ? Other(m.node) : ir::kNoExpr;
}

ir::ExprId Lowering::Class(const RoleMatch& m) {
  const uint32_t saved = scope_;
  scope_ = NewScope(true, std::string(TextOf(m.Part("name"), source_)));
  Children(m.node);
  scope_ = saved;
  return ir::kNoExpr;
}

ir::ExprId Lowering::Param(const RoleMatch& m) {
  TSNode name = m.Part("name");
  TSNode value = m.Part("value");
  if (IsNull(name)) return ir::kNoExpr;
  ir::Binding b;
  b.name = std::string(TextOf(name, source_));
  b.span = SpanOf(m.node);
  b.scope = scope_;
  if (IsNull(value)) {
    b.op = "param";
  } else {
    b.value = Expr(value);
    b.op = "=";
  }
  facts_.bindings.push_back(std::move(b));
  return ir::kNoExpr;
}

bool Lowering::IsSelfName(std::string_view s) const {
  return !s.empty() && std::find(row_.self_names.begin(), row_.self_names.end(), s) != row_.self_names.end();
}

void Lowering::Bind(std::string name, ir::ExprId value, std::string op, ir::Span span) {
  uint32_t scope = scope_;
  // `self.x = v` in a method: bound in the class scope, visible to sibling methods.
  const size_t dot = name.find('.');
  // Ruby `@x = v` in a method: the instance's x, like `self.x`.
  const bool instance = !row_.instance_sigil.empty() && name.rfind(row_.instance_sigil, 0) == 0 &&
                        name.rfind(std::string(row_.instance_sigil) + std::string(row_.instance_sigil), 0) != 0;
  if (((dot != std::string::npos && IsSelfName(std::string_view(name).substr(0, dot))) || instance) && scope != 0 &&
      !scopes_[scope].is_class) {
    const uint32_t parent = facts_.scope_parent[scope];
    if (scopes_[parent].is_class) scope = parent;
  }
  if (dot == std::string::npos && scopes_[scope].is_class) {
    // A class-level name is also reachable as self.N / cls.N / this.N / Class.N.
    for (std::string_view self : row_.self_names) {
      if (!self.empty()) facts_.bindings.push_back({std::string(self) + "." + name, value, op, span, scope});
    }
    if (!scopes_[scope].class_name.empty()) {
      facts_.bindings.push_back({scopes_[scope].class_name + "." + name, value, op, span, scope});
    }
  }
  facts_.bindings.push_back({std::move(name), value, std::move(op), span, scope});
}

ir::Span Lowering::StatementFor(ir::Span inner) const {
  if (statement_.begin <= inner.begin && inner.end <= statement_.end && !statement_.empty()) return statement_;
  return inner;
}

ir::ExprId Lowering::Assign(const RoleMatch& m) {
  TSNode left = m.Part("left");
  TSNode right = m.Part("right");
  TSNode op_node = m.Part("op");
  std::string op = IsNull(op_node) ? std::string("=") : std::string(TextOf(op_node, source_));
  // String appends: PHP `.=`, Ruby `s << x`, Java/C# `sb.append(x);` (see lang/<id>.cc).
  if (op == ".=" || op == "<<" || op == "append" || op == "Append") op = "+=";
  const ir::ExprId value = IsNull(right) ? ir::kNoExpr : Expr(right);
  const ir::Span span = SpanOf(m.node);
  if (IsNull(left)) return value;
  if (Role(left, "name") != nullptr || (!HasAnyRole(left) && ts_node_named_child_count(left) == 0)) {
    Bind(std::string(TextOf(left, source_)), value, op, span);
  } else if (Role(left, "string") != nullptr) {
    // A name given as a string (PHP `define('NAME', value)`): binds the decoded name.
    const ir::ExprId name = Expr(left);
    if (name != ir::kNoExpr && facts_.exprs[name].kind == ir::ExprKind::kString && !facts_.exprs[name].text.empty())
      Bind(facts_.exprs[name].text, value, op, span);
  } else if (const RoleMatch* member = Role(left, "member")) {
    const std::string chain = NameChain(left);
    const std::string container = NameChain(member->Part("object"));
    if (!chain.empty()) Bind(chain, value, op, span);
    if (!container.empty() && op == "=") {
      TSNode prop = member->Part("property");
      ir::MapEntry e;
      e.key = AddString(std::string(TextOf(prop, source_)), SpanOf(prop), SpanOf(prop));
      e.value = value;
      AddIndexEntry(std::move(e), container, span);
    }
    if (container.empty()) Expr(member->Part("object"));
  } else if (const RoleMatch* append = Role(left, "index"); append != nullptr && IsNull(append->Part("key"))) {
    // PHP `$headers[] = 'Name: value'`: an appended header line is an entry (see lang/php.cc).
    const std::string container = NameChain(append->Part("object"));
    ir::MapEntry e;
    if (row_.header_line_items && !container.empty() && op == "=" && HeaderLine(value, &e)) {
      AddIndexEntry(std::move(e), container, span);
    }
    if (container.empty()) Expr(append->Part("object"));
  } else if (const RoleMatch* index = Role(left, "index")) {
    const std::string container = NameChain(index->Part("object"));
    const ir::ExprId key = Expr(index->Part("key"));
    if (!container.empty() && op == "=") {
      ir::MapEntry e;
      e.key = key;
      e.value = value;
      AddIndexEntry(std::move(e), container, span);
    } else {
      Expr(index->Part("object"));
    }
  } else {
    Lower(left, false);
  }
  return value;
}

void Lowering::AddIndexEntry(ir::MapEntry e, const std::string& container, ir::Span span) {
  e.container_name = container;
  e.origin = ir::EntryOrigin::kIndexAssign;
  e.span = span;
  e.statement = StatementFor(span);
  e.scope = scope_;
  facts_.entries.push_back(std::move(e));
}

bool Lowering::InScope(uint32_t inner, uint32_t outer) const {
  for (int guard = 0; guard < 64; ++guard) {
    if (inner == outer) return true;
    if (inner >= facts_.scope_parent.size() || facts_.scope_parent[inner] == inner) return false;
    inner = facts_.scope_parent[inner];
  }
  return false;
}

// See lower.h: the properties of an options object passed positionally become named arguments.
// Same semantics as ir::Deref + ir::EntriesOf, with indexes: those scan every binding and entry
// per call, which is quadratic on large generated files.
void Lowering::AddOptionsObjectArgs() {
  std::unordered_map<std::string_view, std::vector<uint32_t>> bindings_by_name;
  for (uint32_t i = 0; i < facts_.bindings.size(); ++i) bindings_by_name[facts_.bindings[i].name].push_back(i);
  std::unordered_map<ir::ExprId, std::vector<uint32_t>> literal_entries;
  std::unordered_map<std::string_view, std::vector<uint32_t>> named_entries;
  for (uint32_t i = 0; i < facts_.entries.size(); ++i) {
    const ir::MapEntry& e = facts_.entries[i];
    if (e.origin == ir::EntryOrigin::kLiteral || e.origin == ir::EntryOrigin::kKeyword) {
      literal_entries[e.container].push_back(i);
    } else if (!e.container_name.empty()) {
      named_entries[e.container_name].push_back(i);
    }
  }
  auto resolve = [&](const ir::Expr& name) -> const ir::Binding* {
    auto it = bindings_by_name.find(name.text);
    if (it == bindings_by_name.end()) return nullptr;
    for (auto b = it->second.rbegin(); b != it->second.rend(); ++b) {
      const ir::Binding& binding = facts_.bindings[*b];
      if (binding.span.end <= name.span.begin && InScope(name.scope, binding.scope)) return &binding;
    }
    return nullptr;
  };
  for (ir::Call& call : facts_.calls) {
    std::vector<ir::Arg> extra;
    auto add = [&](uint32_t entry) {
      const ir::MapEntry& e = facts_.entries[entry];
      const ir::Expr& k = facts_.exprs[e.key];
      // A string key, or a constant named in capitals (PHP `CURLOPT_POSTFIELDS => …` in
      // curl_setopt_array's options): the argument is named as written.
      const bool constant = k.kind == ir::ExprKind::kName && !k.text.empty() &&
                            std::all_of(k.text.begin(), k.text.end(), [](char ch) {
                              return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
                            });
      if (k.kind != ir::ExprKind::kString && !constant) return;
      auto same = [&](const ir::Arg& x) { return x.name == k.text; };
      if (std::any_of(call.args.begin(), call.args.end(), same) || std::any_of(extra.begin(), extra.end(), same)) return;
      extra.push_back({k.text, e.value, e.span});
    };
    for (const ir::Arg& a : call.args) {
      if (!a.name.empty() || a.value == ir::kNoExpr) continue;
      ir::ExprId target = a.value;
      for (int step = 0; step < 8 && facts_.exprs[target].kind == ir::ExprKind::kName; ++step) {
        const ir::Binding* b = resolve(facts_.exprs[target]);
        if (b == nullptr || b->value == ir::kNoExpr || b->op != "=") break;
        target = b->value;
      }
      if (auto it = literal_entries.find(target);
          it != literal_entries.end() && facts_.exprs[target].kind == ir::ExprKind::kMap) {
        for (uint32_t i : it->second) add(i);
      }
      const ir::Expr& arg = facts_.exprs[a.value];
      if (arg.kind != ir::ExprKind::kName) continue;
      if (auto it = named_entries.find(arg.text); it != named_entries.end()) {
        for (uint32_t i : it->second) {
          const ir::MapEntry& e = facts_.entries[i];
          if (InScope(arg.scope, e.scope) && e.span.begin < arg.span.begin) add(i);
        }
      }
    }
    call.args.insert(call.args.end(), extra.begin(), extra.end());
  }
}

}  // namespace authshift::frontends::treesitter
