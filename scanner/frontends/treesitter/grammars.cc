#include "scanner/frontends/treesitter/grammars.h"

#include "scanner/core/budget.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

// Entry points of the generated parsers (one per grammar object library in cmake/TreeSitter.cmake).
extern "C" {
const TSLanguage* tree_sitter_bash();
const TSLanguage* tree_sitter_c();
const TSLanguage* tree_sitter_c_sharp();
const TSLanguage* tree_sitter_cpp();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_json();
const TSLanguage* tree_sitter_php();
const TSLanguage* tree_sitter_php_only();
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_ruby();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_yaml();
}

namespace authshift::frontends::treesitter {
namespace {

// Sorted by name: GrammarByName binary-searches it (checked at compile time below).
constexpr std::array<GrammarInfo, 15> kGrammars = {{
    {"bash", &tree_sitter_bash},
    {"c", &tree_sitter_c},
    {"c_sharp", &tree_sitter_c_sharp},
    {"cpp", &tree_sitter_cpp},
    {"go", &tree_sitter_go},
    {"java", &tree_sitter_java},
    {"javascript", &tree_sitter_javascript},
    {"json", &tree_sitter_json},
    {"php", &tree_sitter_php},
    {"php_only", &tree_sitter_php_only},
    {"python", &tree_sitter_python},
    {"ruby", &tree_sitter_ruby},
    {"tsx", &tree_sitter_tsx},
    {"typescript", &tree_sitter_typescript},
    {"yaml", &tree_sitter_yaml},
}};

constexpr bool IsStrictlySorted() {
  for (size_t i = 1; i < kGrammars.size(); ++i) {
    if (!(kGrammars[i - 1].name < kGrammars[i].name)) return false;
  }
  return true;
}
static_assert(IsStrictlySorted(), "kGrammars must be sorted by name without duplicates");

}  // namespace

std::span<const GrammarInfo> AllGrammars() { return kGrammars; }

const TSLanguage* GrammarByName(std::string_view name) {
  const auto it = std::lower_bound(
      kGrammars.begin(), kGrammars.end(), name,
      [](const GrammarInfo& info, std::string_view key) { return info.name < key; });
  if (it == kGrammars.end() || it->name != name) return nullptr;
  return it->language();
}

bool IsAbiCompatible(const TSLanguage* language) {
  if (language == nullptr) return false;
  const uint32_t abi = ts_language_abi_version(language);
  return abi >= TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION && abi <= TREE_SITTER_LANGUAGE_VERSION;
}

ParsedTree ParsedTree::Parse(const TSLanguage* language, std::string_view source) {
  return Parse(language, source, {});
}

namespace {

struct StringInput {
  std::string_view text;
};

const char* ReadString(void* payload, uint32_t byte_index, TSPoint /*position*/, uint32_t* bytes_read) {
  std::string_view text = static_cast<StringInput*>(payload)->text;
  if (byte_index >= text.size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(text.size() - byte_index);
  return text.data() + byte_index;
}

// tree-sitter calls this every so many parse steps; true cancels the parse.
bool CancelWhenBudgetSpent(TSParseState* /*state*/) {
  thread_local uint32_t calls = 0;
  return (++calls & 0xF) == 0 && core::BudgetSpent();
}

}  // namespace

ParsedTree ParsedTree::Parse(const TSLanguage* language, std::string_view source, std::span<const ByteRange> ranges) {
  if (language == nullptr) throw std::invalid_argument("tree-sitter: null language");
  if (!IsAbiCompatible(language)) {
    throw std::invalid_argument("tree-sitter: grammar ABI version " +
                                std::to_string(ts_language_abi_version(language)) +
                                " is not supported by this runtime");
  }
  if (source.size() >= std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("tree-sitter: source of 4 GiB or more");
  }
  TSParser* parser = ts_parser_new();
  if (parser == nullptr) throw std::runtime_error("tree-sitter: cannot allocate a parser");
  ParsedTree result(parser, nullptr);  // owns the parser from here on
  // ts_parser_set_language re-checks the ABI version and fails on a mismatch.
  if (!ts_parser_set_language(parser, language)) {
    throw std::invalid_argument("tree-sitter: ts_parser_set_language rejected the grammar");
  }
  if (!ranges.empty()) {
    // Each range's row/column too: one pass over the newlines up to the last range's end.
    std::vector<TSRange> ts_ranges;
    ts_ranges.reserve(ranges.size());
    uint32_t row = 0;
    uint32_t line_start = 0;
    uint32_t pos = 0;
    auto point_at = [&](uint32_t offset) {
      if (offset > source.size()) throw std::invalid_argument("tree-sitter: range outside the source");
      for (; pos < offset; ++pos) {
        if (source[pos] == '\n') {
          ++row;
          line_start = pos + 1;
        }
      }
      return TSPoint{row, offset - line_start};
    };
    for (const ByteRange& r : ranges) {
      if (r.end < r.begin || (!ts_ranges.empty() && r.begin < ts_ranges.back().end_byte)) {
        throw std::invalid_argument("tree-sitter: ranges must be sorted and disjoint");
      }
      TSPoint start = point_at(r.begin);
      TSPoint end = point_at(r.end);
      ts_ranges.push_back(TSRange{start, end, r.begin, r.end});
    }
    if (!ts_parser_set_included_ranges(parser, ts_ranges.data(), static_cast<uint32_t>(ts_ranges.size()))) {
      throw std::invalid_argument("tree-sitter: ts_parser_set_included_ranges rejected the ranges");
    }
  }
  if (core::HasBudget()) {
    // Within the scanning thread's per-file budget (core/budget.h): the parse is cancelled once
    // it is spent, and that is the budget's exception, which the scan turns into a
    // text-rules-only file.
    StringInput in{source};
    TSInput input{};
    input.payload = &in;
    input.read = ReadString;
    input.encoding = TSInputEncodingUTF8;
    TSParseOptions options{};
    options.progress_callback = CancelWhenBudgetSpent;
    result.tree_ = ts_parser_parse_with_options(parser, nullptr, input, options);
    if (result.tree_ == nullptr) throw core::BudgetExceeded();
    return result;
  }
  result.tree_ = ts_parser_parse_string(parser, nullptr, source.data(),
                                        static_cast<uint32_t>(source.size()));
  if (result.tree_ == nullptr) throw std::runtime_error("tree-sitter: parse returned no tree");
  return result;
}

ParsedTree::ParsedTree(ParsedTree&& other) noexcept
    : parser_(std::exchange(other.parser_, nullptr)), tree_(std::exchange(other.tree_, nullptr)) {}

ParsedTree& ParsedTree::operator=(ParsedTree&& other) noexcept {
  if (this != &other) {
    Reset();
    parser_ = std::exchange(other.parser_, nullptr);
    tree_ = std::exchange(other.tree_, nullptr);
  }
  return *this;
}

ParsedTree::~ParsedTree() { Reset(); }

void ParsedTree::Reset() {
  if (tree_ != nullptr) ts_tree_delete(tree_);
  if (parser_ != nullptr) ts_parser_delete(parser_);
  tree_ = nullptr;
  parser_ = nullptr;
}

TSNode ParsedTree::Root() const {
  if (tree_ == nullptr) return TSNode{};  // ts_node_is_null() is true for a zeroed node
  return ts_tree_root_node(tree_);
}

bool ParsedTree::HasError() const { return tree_ != nullptr && ts_node_has_error(Root()); }

std::string FirstErrorLocation(const ParsedTree& tree) {
  if (!tree.HasError()) return {};
  // Pre-order walk that only enters subtrees containing an error: the first ERROR/MISSING node
  // met is the first in document order.
  TSTreeCursor cursor = ts_tree_cursor_new(tree.Root());
  std::string location;
  for (;;) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_error(node) || ts_node_is_missing(node)) {
      const TSPoint point = ts_node_start_point(node);
      location = std::to_string(point.row + 1) + ":" + std::to_string(point.column + 1);
      break;
    }
    if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    // Next sibling, climbing up as needed.
    bool advanced = false;
    do {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        advanced = true;
        break;
      }
    } while (ts_tree_cursor_goto_parent(&cursor));
    if (!advanced) break;
  }
  ts_tree_cursor_delete(&cursor);
  return location;
}

}  // namespace authshift::frontends::treesitter
