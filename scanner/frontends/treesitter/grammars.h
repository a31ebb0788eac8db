#pragma once
// The tree-sitter grammars linked into authshift (target `ts_grammars`, pinned by package-lock.json)
// and a small RAII wrapper around one parse.
//
// Thread safety: the grammar table is immutable and may be read from any thread; a TSLanguage is
// immutable and may be shared. A ParsedTree is a plain value: use one per thread (tree-sitter trees
// are not safe for concurrent use without ts_tree_copy).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

namespace authshift::frontends::treesitter {

struct GrammarInfo {
  std::string_view name;             // "python", "php_only", "c_sharp", ... (the names in TreeSitter.cmake)
  const TSLanguage* (*language)();   // tree_sitter_<name>; never null
};

// All linked grammars, sorted by name (strictly ascending, no duplicates).
std::span<const GrammarInfo> AllGrammars();

// The language for `name` (exact, case-sensitive), or nullptr if no such grammar is linked.
// The returned pointer is static: never free it.
const TSLanguage* GrammarByName(std::string_view name);

// True when this tree-sitter runtime can load `language` (its ABI version lies within
// [TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION]). False for nullptr.
bool IsAbiCompatible(const TSLanguage* language);

// A half-open byte range [begin, end) of a source.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Owns one TSParser and the TSTree it produced. Move-only; a moved-from ParsedTree is empty
// (Root() is a null node, HasError() is false). The tree does not reference `source` after
// Parse() returns, but node byte offsets refer to it: keep the source around to read node text.
class ParsedTree {
 public:
  // Parses `source` (UTF-8) with `language`.
  // Throws std::invalid_argument if `language` is null or has an incompatible ABI version,
  // std::length_error if `source` is 4 GiB or larger, std::runtime_error if tree-sitter fails
  // to allocate or returns no tree. Syntax errors are not failures: see HasError().
  static ParsedTree Parse(const TSLanguage* language, std::string_view source);
  // Parses only the byte ranges `ranges` of `source` (sorted, disjoint, within the source; none =
  // the whole source), as if the bytes between them were absent; node offsets are the source's.
  static ParsedTree Parse(const TSLanguage* language, std::string_view source, std::span<const ByteRange> ranges);

  ParsedTree() = default;
  ParsedTree(ParsedTree&& other) noexcept;
  ParsedTree& operator=(ParsedTree&& other) noexcept;
  ParsedTree(const ParsedTree&) = delete;
  ParsedTree& operator=(const ParsedTree&) = delete;
  ~ParsedTree();

  // The root node; valid as long as this ParsedTree lives and is not moved from.
  TSNode Root() const;
  // True if the tree contains any ERROR or MISSING node.
  bool HasError() const;
  // The underlying tree (owned by this object), or nullptr when empty.
  const TSTree* Tree() const { return tree_; }

 private:
  ParsedTree(TSParser* parser, TSTree* tree) : parser_(parser), tree_(tree) {}
  void Reset();

  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
};

// "line:col" (both 1-based; col counts bytes) of the first ERROR or MISSING node in document
// order, for test and diagnostic messages. Empty string if the tree has no error (or is empty).
std::string FirstErrorLocation(const ParsedTree& tree);

}  // namespace authshift::frontends::treesitter
