#include "scanner/frontends/treesitter/lowering.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace authshift::frontends::treesitter {

ir::ExprId Lowering::String(TSNode n) {
  DecodedString d = row_.decode(n, source_);
  bool has_hole = false;
  for (const Piece& p : d.pieces) has_hole = has_hole || p.hole;
  if (!has_hole) {
    std::string text;
    for (const Piece& p : d.pieces) text += p.text;
    return AddString(std::move(text), SpanOf(n), d.literal_span);
  }
  std::vector<ir::ExprId> parts;
  for (const Piece& p : d.pieces) {
    if (p.hole && !p.name.empty()) {
      parts.push_back(Add(ir::ExprKind::kName, p.span, p.name));
      lowered_[p.node.id] = parts.back();
    } else {
      parts.push_back(p.hole ? Expr(p.node) : AddString(p.text, p.span, p.span));
    }
  }
  ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(n));
  facts_.exprs[e].children = std::move(parts);
  return e;
}

// Joins are flattened iteratively: long `a + b + …` chains nest far deeper than the depth cap.
ir::ExprId Lowering::Concat(TSNode n) {
  std::vector<ir::ExprId> parts;
  std::vector<TSNode> stack = {n};
  while (!stack.empty()) {
    TSNode cur = stack.back();
    stack.pop_back();
    if (Role(cur, "concat") != nullptr) {
      // One match per part for `(concatenated_string (string) @concat.part)`: take them all.
      std::vector<TSNode> kids;
      for (size_t i : roles_.at(cur.id)) {
        if (matches_[i].role != "concat") continue;
        for (const auto& [name, node] : matches_[i].parts) {
          // `node` is captured by an init-capture: Clang 14 (clang-tidy) rejects a structured binding
          // named in a lambda (C++20 allows it; GCC 12 does).
          if (name == "part" &&
              std::none_of(kids.begin(), kids.end(), [&part = node](TSNode k) { return ts_node_eq(k, part); })) {
            kids.push_back(node);
          }
        }
      }
      std::sort(kids.begin(), kids.end(),
                [](TSNode a, TSNode b) { return ts_node_start_byte(a) < ts_node_start_byte(b); });
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
      continue;
    }
    if (Role(cur, "wrap") != nullptr && ts_node_named_child_count(cur) == 1 &&
        Role(ts_node_named_child(cur, 0), "concat") != nullptr) {
      stack.push_back(ts_node_named_child(cur, 0));
      continue;
    }
    parts.push_back(Expr(cur));
  }
  ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(n));
  facts_.exprs[e].children = std::move(parts);
  return e;
}

// One `key: value` pair of the map `map` (a literal, or Ruby's bare hash arguments).
void Lowering::MapPair(TSNode c, const RoleMatch& pair, ir::ExprId map) {
  ir::MapEntry e;
  e.container = map;
  e.origin = ir::EntryOrigin::kLiteral;
  e.span = SpanOf(c);
  e.scope = scope_;
  TSNode key = pair.Part("key");
  if (HasAnyRole(key)) {
    e.key = Expr(key);
  } else if (ts_node_named_child_count(key) == 0) {
    // A bare property name (JavaScript `{params: …}`) is its own literal key.
    e.key = AddString(std::string(TextOf(key, source_)), SpanOf(key), SpanOf(key));
  } else {
    Lower(key, false);  // computed keys are not entries
    Lower(pair.Part("value"), false);
    lowered_[c.id] = ir::kNoExpr;
    return;
  }
  TSNode value = pair.Part("value");
  if (IsNull(value)) {  // YAML `key:` with no value
    lowered_[c.id] = ir::kNoExpr;
    return;
  }
  // Data files (@field): the value is also bound to the dotted key path ("zoho.authtoken").
  const bool field = Role(c, "field") != nullptr && facts_.exprs[e.key].kind == ir::ExprKind::kString;
  if (field) key_path_.push_back(facts_.exprs[e.key].text);
  e.value = Expr(value);
  if (field) {
    std::string path;
    for (const std::string& k : key_path_) path += (path.empty() ? "" : ".") + k;
    key_path_.pop_back();
    Bind(std::move(path), e.value, "=", SpanOf(c));
  }
  lowered_[c.id] = ir::kNoExpr;
  facts_.entries.push_back(e);
}

ir::ExprId Lowering::Map(TSNode n) {
  ir::ExprId map = Add(ir::ExprKind::kMap, SpanOf(n));
  if (TSNode items = Role(n, "map")->Part("items"); !IsNull(items)) {
    // `Map.of(k1, v1, k2, v2)`: the items alternate between keys and values.
    std::vector<TSNode> kids;
    for (TSNode c : NamedChildren(items)) {
      if (!ts_node_is_extra(c)) kids.push_back(c);
    }
    for (size_t i = 0; i + 1 < kids.size(); i += 2) {
      ir::MapEntry e;
      e.container = map;
      e.origin = ir::EntryOrigin::kLiteral;
      e.span = {ts_node_start_byte(kids[i]), ts_node_end_byte(kids[i + 1])};
      e.scope = scope_;
      e.key = Expr(kids[i]);
      e.value = Expr(kids[i + 1]);
      facts_.entries.push_back(e);
    }
    Children(n);
    return map;
  }
  for (TSNode c : NamedChildren(n)) {
    ir::MapEntry e;
    e.container = map;
    e.origin = ir::EntryOrigin::kLiteral;
    e.span = SpanOf(c);
    e.scope = scope_;
    if (const RoleMatch* pair = Role(c, "pair")) {
      MapPair(c, *pair, map);
    } else if (Role(c, "pair.shorthand") != nullptr) {
      const std::string name(TextOf(c, source_));
      e.key = AddString(name, SpanOf(c), SpanOf(c));
      e.value = Add(ir::ExprKind::kName, SpanOf(c), name);
      lowered_[c.id] = e.value;
      facts_.entries.push_back(e);
    } else {
      Lower(c, false);
    }
  }
  return map;
}

ir::ExprId Lowering::List(TSNode n) {
  std::vector<ir::ExprId> items;
  for (TSNode c : NamedChildren(n)) {
    if (ts_node_is_extra(c)) continue;  // comments
    items.push_back(Expr(c));
  }
  ir::ExprId e = Add(ir::ExprKind::kList, SpanOf(n));
  facts_.exprs[e].children = items;
  KeyValueItems(n, e);
  if (row_.header_line_items) {
    for (ir::ExprId item : items) {
      ir::MapEntry entry;
      if (!HeaderLine(item, &entry)) continue;
      entry.container = e;
      entry.origin = ir::EntryOrigin::kLiteral;
      facts_.entries.push_back(entry);
    }
  }
  return e;
}

// See lang/php.cc: a list item written as one header line, `'Name: value'` or
// `'Name: ' . $value`, becomes the entry Name => value. Key and value are new expressions over
// the item's literal (the value keeps the item's later parts).
bool Lowering::HeaderLine(ir::ExprId item, ir::MapEntry* entry) {
  if (item == ir::kNoExpr) return false;
  // A copy: the AddString calls below grow facts_.exprs, which would leave a reference dangling.
  const ir::Expr x = facts_.exprs[item];
  ir::ExprId first = item;
  if (x.kind == ir::ExprKind::kConcat) {
    if (x.children.empty()) return false;
    first = x.children[0];
  }
  if (facts_.exprs[first].kind != ir::ExprKind::kString) return false;
  const std::string text = facts_.exprs[first].text;
  const ir::Span lit = facts_.exprs[first].literal_span;
  size_t colon = 0;
  while (colon < text.size() && (std::isalnum(static_cast<unsigned char>(text[colon])) != 0 || text[colon] == '-' ||
                                 text[colon] == '_')) {
    ++colon;
  }
  if (colon == 0 || colon >= text.size() || text[colon] != ':' || std::isalpha(static_cast<unsigned char>(text[0])) == 0) {
    return false;
  }
  size_t value_begin = colon + 1;
  while (value_begin < text.size() && (text[value_begin] == ' ' || text[value_begin] == '\t')) ++value_begin;
  // 1:1 sub-spans when the literal is written as decoded; the whole literal otherwise.
  const bool exact = lit.end >= lit.begin && lit.end <= source_.size() &&
                     source_.substr(lit.begin, lit.end - lit.begin) == text;
  auto sub = [&](size_t b, size_t en) -> ir::Span {
    if (!exact) return lit;
    return {static_cast<uint32_t>(lit.begin + b), static_cast<uint32_t>(lit.begin + en)};
  };
  entry->key = AddString(text.substr(0, colon), sub(0, colon), sub(0, colon));
  std::vector<ir::ExprId> parts;
  if (value_begin < text.size()) {
    parts.push_back(AddString(text.substr(value_begin), sub(value_begin, text.size()), sub(value_begin, text.size())));
  }
  if (x.kind == ir::ExprKind::kConcat) {
    const std::vector<ir::ExprId> rest(x.children.begin() + 1, x.children.end());
    parts.insert(parts.end(), rest.begin(), rest.end());
  }
  if (parts.size() == 1 && facts_.exprs[parts[0]].kind == ir::ExprKind::kString) {
    entry->value = parts[0];
  } else {
    entry->value = Add(ir::ExprKind::kConcat, x.span);
    facts_.exprs[entry->value].children = std::move(parts);
  }
  entry->span = x.span;
  entry->scope = scope_;
  return true;
}

ir::ExprId Lowering::Call(const RoleMatch& m) {
  ir::Call call;
  call.span = SpanOf(m.node);
  TSNode callee = m.Part("callee");
  TSNode object = m.Part("object");
  TSNode property = m.Part("property");
  if (!IsNull(object)) {
    call.receiver = Expr(object);
    call.method = std::string(TextOf(property, source_));
    // No callee node (PHP `$c->m()`, Ruby `A::B.m`): the receiver's name chain and the method.
    std::string chain = IsNull(callee) ? NameChain(object) : NameChain(callee);
    if (IsNull(callee) && !chain.empty()) chain += "." + call.method;
    call.callee = chain.empty() ? "<expr>." + call.method : chain;
  } else {
    call.callee = std::string(TextOf(callee, source_));
    call.method = call.callee;
  }
  const std::vector<TSNode> arg_nodes = NamedChildren(m.Part("args"));
  // Ruby's bare `k: v` / `'k' => v` arguments: one positional hash (what Ruby passes).
  ir::ExprId bare_map = ir::kNoExpr;
  bool after_splat = false;
  for (TSNode c : arg_nodes) {
    if (ts_node_is_extra(c) || after_splat) continue;
    if (const RoleMatch* named = Role(c, "arg")) {
      ir::Arg a;
      a.name = std::string(TextOf(named->Part("name"), source_));
      a.value = Expr(named->Part("value"));
      a.span = SpanOf(c);
      lowered_[c.id] = ir::kNoExpr;
      call.args.push_back(std::move(a));
    } else if (Role(c, "pair") != nullptr) {
      if (bare_map == ir::kNoExpr) {
        bare_map = Add(ir::ExprKind::kMap, SpanOf(c));
        call.args.push_back({std::string(), bare_map, SpanOf(c)});
      }
      facts_.exprs[bare_map].span.end = ts_node_end_byte(c);
      call.args.back().span.end = ts_node_end_byte(c);
      MapPair(c, *Role(c, "pair"), bare_map);
    } else if (Role(c, "splat") != nullptr) {
      Lower(c, false);  // *args / **kwargs / ...spread: positions after it are unknown
      after_splat = true;
    } else {
      ir::Arg a;
      a.value = Expr(c);
      a.span = SpanOf(c);
      call.args.push_back(std::move(a));
    }
  }
  // Go `q.Encode()` (@call.receiver_arg): an encoder whose input is its receiver.
  if (!IsNull(m.Part("receiver_arg")) && call.args.empty() && call.receiver != ir::kNoExpr) {
    call.args.push_back({std::string(), call.receiver, facts_.exprs[call.receiver].span});
  }
  // Anything after a splat still holds facts, and so do blocks (Ruby) and other children.
  for (TSNode c : arg_nodes) Lower(c, false);
  for (TSNode c : NamedChildren(m.node)) {
    if (!ts_node_eq(c, property) && !ts_node_eq(c, callee)) Lower(c, false);
  }
  ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
  call.self = e;
  facts_.calls.push_back(std::move(call));
  facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
  return e;
}

void Lowering::Put(const RoleMatch& m, ir::ExprId call) {
  // A receiver that is no plain name (`request.get(u).set(k, v)`) still holds the entry; no
  // name reaches it, so only matchers over every entry (headers) see it.
  const std::string container = NameChain(m.Part("object"));
  ir::MapEntry e;
  e.key = Expr(m.Part("key"));
  e.value = Expr(m.Part("value"));
  e.container_name = container;
  e.origin = ir::EntryOrigin::kPut;
  e.span = {facts_.exprs[e.key].span.begin, facts_.exprs[e.value].span.end};
  e.statement = StatementFor(SpanOf(m.node));
  e.scope = scope_;
  if (!IsNull(m.Part("direct")) && call != ir::kNoExpr && facts_.exprs[call].kind == ir::ExprKind::kCall) {
    // See lower.h (@put.direct): a setter that adds the entry to the request it builds; the entry belongs to
    // a one-entry map that is the call's argument "<entry>".
    const ir::ExprId map = Add(ir::ExprKind::kMap, e.span);
    e.container = map;
    e.container_name.clear();
    e.origin = ir::EntryOrigin::kLiteral;
    facts_.calls[facts_.exprs[call].call].args.push_back({"<entry>", map, e.span});
  }
  facts_.entries.push_back(e);
}

// See lower.h: `new AuthenticationHeaderValue(scheme, credentials)` is the header entry
// Authorization => scheme + " " + credentials of a one-entry map (the creation's own call).
void Lowering::Authorization(const RoleMatch& m, ir::ExprId call) {
  TSNode scheme = m.Part("scheme");
  if (IsNull(scheme)) return;
  const ir::Span at = SpanOf(scheme);
  ir::MapEntry e;
  e.container = call;
  e.origin = ir::EntryOrigin::kLiteral;
  e.span = SpanOf(m.node);
  e.scope = scope_;
  e.key = AddString("Authorization", at, {at.begin, at.begin});
  std::vector<ir::ExprId> parts = {Expr(scheme)};
  TSNode credentials = m.Part("credentials");
  if (!IsNull(credentials)) {
    parts.push_back(AddString(" ", {at.end, at.end}, {at.end, at.end}));
    parts.push_back(Expr(credentials));
  }
  e.value = Add(ir::ExprKind::kConcat, e.span);
  facts_.exprs[e.value].children = std::move(parts);
  facts_.entries.push_back(e);
}

// See lang/javascript.cc: `_.pick(obj, ['a', 'b'])` / `_.pick(obj, 'a', 'b')` (lodash, underscore) is a map
// whose entries are the names (keys, spanned by their literals: removing one removes the name) and
// obj's members of those names (values: new expressions no source holds: kOther with the text `obj.a`
// and an empty span where the name is, which rewriters write as their text: oauth/common/context.h).
// Only when every name is a plain string naming one member (no paths, no computed names).
void Lowering::PickByNames(ir::ExprId call_expr) {
  const ir::Call& call = facts_.calls[facts_.exprs[call_expr].call];
  if (call.method != "pick" || call.receiver == ir::kNoExpr || call.args.size() < 2) return;
  const std::string& lib = facts_.exprs[call.receiver].text;
  if (facts_.exprs[call.receiver].kind != ir::ExprKind::kName || (lib != "_" && lib != "lodash" && lib != "underscore")) {
    return;
  }
  for (const ir::Arg& a : call.args) {
    if (a.value == ir::kNoExpr || !a.name.empty()) return;
  }
  const ir::Expr& object = facts_.exprs[call.args[0].value];
  const std::string object_text(source_.substr(object.span.begin, object.span.end - object.span.begin));
  static const RE2 kMember(R"([A-Za-z_$][\w$]*)");
  static const RE2 kMemberChain(R"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)");
  if (!RE2::FullMatch(object_text, kMemberChain)) return;
  std::vector<ir::ExprId> names;
  for (size_t i = 1; i < call.args.size(); ++i) {
    const ir::Expr& a = facts_.exprs[call.args[i].value];
    if (i == 1 && call.args.size() == 2 && a.kind == ir::ExprKind::kList) {
      names = a.children;
    } else {
      names.push_back(call.args[i].value);
    }
  }
  for (ir::ExprId n : names) {
    if (n == ir::kNoExpr || facts_.exprs[n].kind != ir::ExprKind::kString || !RE2::FullMatch(facts_.exprs[n].text, kMember)) {
      return;
    }
  }
  for (ir::ExprId n : names) {
    ir::MapEntry e;
    e.container = call_expr;
    e.origin = ir::EntryOrigin::kLiteral;
    e.key = n;
    e.span = facts_.exprs[n].span;
    e.scope = scope_;
    e.value = Add(ir::ExprKind::kOther, {e.span.begin, e.span.begin}, object_text + "." + facts_.exprs[n].text);
    facts_.entries.push_back(e);
  }
}

// See lang/yaml.cc (@kv): key/value objects of a list are also entries of the list, K => V, spanned
// by the value's member; under @kv_bind they also bind K (Postman collection variables).
void Lowering::KeyValueItems(TSNode list, ir::ExprId container) {
  const bool bind = Role(list, "kv_bind") != nullptr;
  for (TSNode c : NamedChildren(list)) {
    const RoleMatch* kv = Role(c, "kv");
    if (kv == nullptr) continue;
    TSNode value = kv->Part("value");
    ir::MapEntry e;
    e.key = Expr(kv->Part("key"));
    e.value = Expr(value);
    e.container = container;
    e.origin = ir::EntryOrigin::kLiteral;
    TSNode member = ts_node_parent(value);
    e.span = IsNull(member) ? SpanOf(value) : SpanOf(member);
    e.scope = scope_;
    facts_.entries.push_back(e);
    const ir::Expr& k = facts_.exprs[e.key];
    if (bind && k.kind == ir::ExprKind::kString && !k.text.empty()) Bind(k.text, e.value, "=", e.span);
  }
}

// @kv_call: a member naming a request part (Postman `query`, `urlencoded`, `formdata`) whose
// value is a list of key/value objects: the list, plus a call `<member>(list)`.
ir::ExprId Lowering::KvCall(const RoleMatch& m, TSNode n) {
  const ir::ExprId list = List(n);
  ir::Call call;
  call.callee = call.method = std::string(TextOf(m.Part("name"), source_));
  call.span = SpanOf(n);
  call.args.push_back({std::string(), list, SpanOf(n)});
  ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
  call.self = e;
  facts_.calls.push_back(std::move(call));
  facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
  return list;
}

}  // namespace authshift::frontends::treesitter
