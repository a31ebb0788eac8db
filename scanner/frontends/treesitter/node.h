#pragma once
// Small helpers over tree-sitter nodes, shared by the string decoders (lang/) and the lowering.
#include <cstdint>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

inline ir::Span SpanOf(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

inline bool IsNull(TSNode n) { return ts_node_is_null(n); }

// The source text of `n`; empty when its offsets lie outside `source`.
inline std::string_view TextOf(TSNode n, std::string_view source) {
  // A pattern's optional part may be absent (a C# call with neither callee nor object, found by
  // fuzz_lowering): a null node has no text, and reading its bytes would dereference its tree.
  if (ts_node_is_null(n)) return {};
  const uint32_t b = ts_node_start_byte(n);
  const uint32_t e = ts_node_end_byte(n);
  if (b > e || e > source.size()) return {};
  return source.substr(b, e - b);
}

// The named children of `n`, in order. A cursor walk: ts_node_named_child(n, i) is linear in i,
// which makes a loop over a file's top-level statements quadratic.
std::vector<TSNode> NamedChildren(TSNode n);

}  // namespace authshift::frontends::treesitter
