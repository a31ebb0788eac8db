// The Deluge lexer and parser, and the lowering of their tree to IR facts: never crash, never
// read out of bounds, and every node's span lies inside the source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lexer.h"
#include "scanner/frontends/frontends.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  std::string_view source(reinterpret_cast<const char*>(data), size);
  frontends::deluge::LexResult lexed = frontends::deluge::Lex(source);
  (void)lexed;
  frontends::deluge::Tree tree = frontends::deluge::Parse(source);
  for (const auto& token : lexed.tokens) {
    fuzz::Check(token.begin <= token.end && token.end <= size, "deluge token span inside the source");
  }
  fuzz::Check(!lexed.tokens.empty(), "the token list ends with kEnd");
  for (const auto& node : tree.nodes) {
    fuzz::Check(node.begin <= node.end && node.end <= size, "deluge node span inside the source");
    for (auto c : node.children) fuzz::Check(c < tree.nodes.size(), "deluge child id valid");
  }
  fuzz::Check(tree.root < tree.nodes.size(), "the tree has a root");
  size_t errors = 0;
  auto facts = frontends::BuildFacts("deluge", source, &errors);
  fuzz::Check(facts.has_value(), "deluge always lowers");
  fuzz::CheckFacts(*facts, size);
  return 0;
}
