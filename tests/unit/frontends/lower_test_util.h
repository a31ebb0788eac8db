#pragma once
// Helpers shared by the tree-sitter lowering tests: lower a snippet, find calls, arguments,
// bindings and entries, and show flattened values with holes as '@'.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scanner/frontends/treesitter/lower.h"
#include "scanner/ir/facts.h"

namespace authshift::testing::lowering {

using authshift::ir::EntryOrigin;
using authshift::ir::ExprId;
using authshift::ir::ExprKind;
using authshift::ir::Facts;
using authshift::ir::Span;

inline Facts Lower(const std::string& language, const std::string& src, size_t* errors = nullptr) {
  auto f = authshift::frontends::treesitter::LowerWithTreeSitter(language, src, errors);
  REQUIRE(f.has_value());
  return std::move(*f);
}

inline std::string At(const std::string& src, Span s) { return src.substr(s.begin, s.end - s.begin); }

inline const authshift::ir::Call& CallTo(const Facts& f, const std::string& callee) {
  for (const auto& c : f.calls) {
    if (c.callee == callee) return c;
  }
  FAIL("no call to " << callee);
  return f.calls.front();
}

inline ExprId NamedArg(const authshift::ir::Call& c, const std::string& name) {
  for (const auto& a : c.args) {
    if (a.name == name) return a.value;
  }
  FAIL("no argument " << name << " in a call to " << c.callee);
  return authshift::ir::kNoExpr;
}

inline std::string Joined(const Facts& f, ExprId id, const std::string& src) {
  std::string j = authshift::ir::Flatten(f, id, src).Joined();
  for (char& c : j) {
    if (c == authshift::ir::kHoleMark) c = '@';
  }
  return j;
}

inline const authshift::ir::Binding& BindingOf(const Facts& f, const std::string& name) {
  for (const auto& b : f.bindings) {
    if (b.name == name) return b;
  }
  FAIL("no binding " << name);
  return f.bindings.front();
}

// The entries whose key is the literal `key`.
inline std::vector<const authshift::ir::MapEntry*> EntriesKeyed(const Facts& f, const std::string& key) {
  std::vector<const authshift::ir::MapEntry*> out;
  for (const auto& e : f.entries) {
    if (f.at(e.key).kind == ExprKind::kString && f.at(e.key).text == key) out.push_back(&e);
  }
  return out;
}

}  // namespace authshift::testing::lowering
