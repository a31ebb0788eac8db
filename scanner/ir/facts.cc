#include "scanner/ir/facts.h"

#include "scanner/core/budget.h"

#include <algorithm>

namespace authshift::ir {
namespace {

constexpr int kMaxDepth = 8;

bool InScope(const Facts& facts, uint32_t inner, uint32_t outer) {
  // True when `outer` is `inner` or one of its enclosing scopes.
  for (int guard = 0; guard < 64; ++guard) {
    if (inner == outer) return true;
    if (inner >= facts.scope_parent.size() || facts.scope_parent[inner] == inner) return false;
    inner = facts.scope_parent[inner];
  }
  return false;
}

void FlattenInto(const Facts& facts, ExprId id, std::string_view source, int depth, StringValue* out) {
  if (id == kNoExpr || id >= facts.exprs.size()) return;
  core::CheckBudget();  // the scanning thread's per-file budget (no-op outside a scan)
  const Expr& e = facts.exprs[id];
  auto hole = [&] {
    StrPart p;
    p.hole = true;
    p.span = e.span;
    p.expr = id;
    p.text = e.kind == ExprKind::kName ? e.text : std::string(source.substr(e.span.begin, e.span.end - e.span.begin));
    out->parts.push_back(std::move(p));
  };
  switch (e.kind) {
    case ExprKind::kString: {
      StrPart p;
      p.text = e.text;
      p.span = e.literal_span;
      p.expr = id;
      out->parts.push_back(std::move(p));
      return;
    }
    case ExprKind::kConcat:
      for (ExprId c : e.children) FlattenInto(facts, c, source, depth, out);
      return;
    case ExprKind::kName: {
      if (depth >= kMaxDepth) {
        out->complete = false;
        hole();
        return;
      }
      const Binding* b = Resolve(facts, e.text, e.span.begin, e.scope);
      if (b == nullptr || b->value == kNoExpr) {
        hole();
        return;
      }
      if (b->op == "+=") {
        // x += "…": the value is the previous binding's value followed by this one; several in a row
        // (`q = url; q += a; q += b`) go back to the first that is not an augmentation.
        std::vector<const Binding*> chain{b};
        while (chain.size() < static_cast<size_t>(kMaxDepth) && chain.back()->op == "+=") {
          const Binding* prev = Resolve(facts, e.text, chain.back()->span.begin, chain.back()->scope);
          if (prev == nullptr || prev->value == kNoExpr || prev == chain.back()) break;
          chain.push_back(prev);
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) FlattenInto(facts, (*it)->value, source, depth + 1, out);
        return;
      }
      if (b->op != "=") {
        hole();
        return;
      }
      const Expr& v = facts.exprs[b->value];
      if (v.kind == ExprKind::kString || v.kind == ExprKind::kConcat || v.kind == ExprKind::kName) {
        FlattenInto(facts, b->value, source, depth + 1, out);
      } else {
        hole();
      }
      return;
    }
    default:
      hole();
      return;
  }
}

}  // namespace

std::string StringValue::Joined(std::vector<uint32_t>* part_of_byte) const {
  std::string out;
  if (part_of_byte != nullptr) part_of_byte->clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    const StrPart& p = parts[i];
    size_t n = p.hole ? 1 : p.text.size();
    if (p.hole) {
      out.push_back(kHoleMark);
    } else {
      out += p.text;
    }
    if (part_of_byte != nullptr) part_of_byte->insert(part_of_byte->end(), n, static_cast<uint32_t>(i));
  }
  return out;
}

bool StringValue::AllLiteral() const {
  return complete && std::none_of(parts.begin(), parts.end(), [](const StrPart& p) { return p.hole; });
}

void Facts::Index() {
  bindings_by_name.clear();
  entries_by_container.clear();
  entries_by_name.clear();
  for (uint32_t i = 0; i < bindings.size(); ++i) bindings_by_name[bindings[i].name].push_back(i);
  for (uint32_t i = 0; i < entries.size(); ++i) {
    const MapEntry& m = entries[i];
    if (m.origin == EntryOrigin::kLiteral || m.origin == EntryOrigin::kKeyword) {
      entries_by_container[m.container].push_back(i);
    } else {
      entries_by_name[m.container_name].push_back(i);
    }
  }
  indexed = true;
}

const Binding* Resolve(const Facts& facts, std::string_view name, uint32_t at, uint32_t scope) {
  const Binding* best = nullptr;
  auto consider = [&](const Binding& b) {
    if (b.span.end > at) return;  // only bindings complete before `at` (loop variables span their loop)
    if (b.name != name) return;
    if (!InScope(facts, scope, b.scope)) return;
    best = &b;
  };
  if (facts.indexed) {
    auto it = facts.bindings_by_name.find(std::string(name));
    if (it == facts.bindings_by_name.end()) return nullptr;
    for (uint32_t i : it->second) consider(facts.bindings[i]);
    return best;
  }
  for (const Binding& b : facts.bindings) consider(b);
  return best;
}

ExprId Deref(const Facts& facts, ExprId id) {
  for (int i = 0; i < kMaxDepth && id != kNoExpr; ++i) {
    const Expr& e = facts.exprs[id];
    if (e.kind != ExprKind::kName) return id;
    const Binding* b = Resolve(facts, e.text, e.span.begin, e.scope);
    if (b == nullptr || b->value == kNoExpr || b->op != "=") return id;
    id = b->value;
  }
  return id;
}

StringValue Flatten(const Facts& facts, ExprId id, std::string_view source) {
  StringValue v;
  FlattenInto(facts, id, source, 0, &v);
  // Adjacent literal parts stay separate: each keeps its own source span for rewriting.
  return v;
}

std::vector<uint32_t> EntriesOf(const Facts& facts, ExprId id) {
  std::vector<uint32_t> out;
  if (id == kNoExpr) return out;
  ExprId target = Deref(facts, id);
  const Expr& e = facts.exprs[id];
  std::string name = e.kind == ExprKind::kName ? e.text : std::string();
  auto consider = [&](uint32_t i) {
    const MapEntry& m = facts.entries[i];
    if (m.origin == EntryOrigin::kLiteral || m.origin == EntryOrigin::kKeyword) {
      if (m.container == target) out.push_back(i);
    } else if (!name.empty() && m.container_name == name && InScope(facts, e.scope, m.scope) &&
               m.span.begin < e.span.begin) {
      out.push_back(i);
    }
  };
  if (facts.indexed) {
    if (auto it = facts.entries_by_container.find(target); it != facts.entries_by_container.end()) {
      for (uint32_t i : it->second) consider(i);
    }
    if (!name.empty()) {
      if (auto it = facts.entries_by_name.find(name); it != facts.entries_by_name.end()) {
        for (uint32_t i : it->second) consider(i);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  for (uint32_t i = 0; i < facts.entries.size(); ++i) consider(i);
  return out;
}

}  // namespace authshift::ir
