#pragma once
// Shared by the fuzz targets: a failed property aborts (libFuzzer then saves the input as a crash).
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::fuzz {

// Aborts with `what` when `ok` is false: a property violation is a finding like a crash.
inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "property violated: %s\n", what);
  std::abort();
}

// Every span of `facts` lies inside a source of `size` bytes and every expression id is valid:
// the contract the matchers and rewriters rely on when they slice the source.
inline void CheckFacts(const ir::Facts& facts, size_t size) {
  auto span_ok = [size](const ir::Span& s) { return s.begin <= s.end && s.end <= size; };
  auto id_ok = [&facts](ir::ExprId id) { return id == ir::kNoExpr || id < facts.exprs.size(); };
  for (const ir::Expr& e : facts.exprs) {
    Check(span_ok(e.span), "expression span inside the source");
    for (ir::ExprId c : e.children) Check(id_ok(c), "child expression id valid");
  }
  for (const ir::Call& c : facts.calls) {
    Check(span_ok(c.span), "call span inside the source");
    Check(id_ok(c.receiver) && id_ok(c.self), "call expression ids valid");
    for (const ir::Arg& a : c.args) Check(span_ok(a.span) && id_ok(a.value), "argument span and value valid");
  }
  for (const ir::MapEntry& m : facts.entries) {
    Check(span_ok(m.span), "map entry span inside the source");
    Check(id_ok(m.key) && id_ok(m.value) && id_ok(m.container), "map entry ids valid");
  }
  for (const ir::Binding& b : facts.bindings) Check(span_ok(b.span) && id_ok(b.value), "binding span and value valid");
  for (const ir::Span& s : facts.comments) Check(span_ok(s), "comment span inside the source");
}

// The tree-sitter languages, chosen by an input's first byte (byte % size).
inline constexpr std::string_view kTreeSitterLanguages[] = {"python", "javascript", "typescript", "tsx",
                                                            "php",    "java",       "csharp",     "ruby",
                                                            "go",     "bash",       "yaml",       "json"};

// Every language with a rewriter or a frontend that the scan -> fix loop covers (no C/C++: Clang
// is not part of the fuzz build's hot loop).
inline constexpr std::string_view kScanLanguages[] = {"python", "javascript", "typescript", "tsx",  "php",
                                                      "java",   "csharp",     "ruby",       "go",   "bash",
                                                      "yaml",   "json",       "deluge",     "ini",  "toml",
                                                      "text",   "markdown"};

}  // namespace authshift::fuzz
