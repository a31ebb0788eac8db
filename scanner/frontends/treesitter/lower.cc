#include "scanner/frontends/treesitter/lower.h"

#include <vector>

#include "scanner/frontends/treesitter/grammars.h"
#include "scanner/frontends/treesitter/language.h"
#include "scanner/frontends/treesitter/lowering.h"

namespace authshift::frontends::treesitter {
namespace {

size_t CountErrors(TSNode root) {
  size_t errors = 0;
  std::vector<TSNode> stack = {root};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts_node_is_error(n) || ts_node_is_missing(n)) ++errors;
    if (!ts_node_has_error(n)) continue;
    const uint32_t count = ts_node_child_count(n);
    for (uint32_t i = count; i > 0; --i) stack.push_back(ts_node_child(n, i - 1));
  }
  return errors;
}

}  // namespace

bool HasLowering(std::string_view language_id) { return FindLanguageRow(language_id) != nullptr; }

long CountSyntaxErrors(std::string_view language_id, std::string_view source) {
  const LanguageRow* row = FindLanguageRow(language_id);
  if (row == nullptr) return -1;
  ParsedTree tree = ParsedTree::Parse(GrammarFor(*row), source);
  return static_cast<long>(CountErrors(tree.Root()));
}

std::optional<ir::Facts> LowerWithTreeSitter(std::string_view language_id, std::string_view source,
                                             size_t* parse_errors, std::span<const ir::Span> ranges) {
  const LanguageRow* row = FindLanguageRow(language_id);
  if (row == nullptr) return std::nullopt;
  const CompiledQuery& query = QueryFor(*row);
  std::vector<ByteRange> byte_ranges;
  byte_ranges.reserve(ranges.size());
  for (const ir::Span& r : ranges) byte_ranges.push_back({r.begin, r.end});
  ParsedTree tree = ParsedTree::Parse(GrammarFor(*row), source, byte_ranges);
  if (parse_errors != nullptr) *parse_errors = CountErrors(tree.Root());
  return Lowering(*row, query, source).Run(tree.Root());
}

}  // namespace authshift::frontends::treesitter
