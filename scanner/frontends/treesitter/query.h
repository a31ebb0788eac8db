#pragma once
// The lowering queries' engine: compiles a tree-sitter query and evaluates the predicates the
// tree-sitter runtime leaves to its caller (#match?, #not-match?, #eq?, #not-eq?) and this
// project's own (#field-eq?, #field-type?, #part!; see lower.h).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <tree_sitter/api.h>

namespace authshift::frontends::treesitter {

struct Predicate {
  // The field predicates name a child of the capture by a path: field names and named-child
  // indices joined by dots ("function.name", "arguments.0", "^" the parent; see FieldPath).
  // kFieldEq / kFieldType: the child at `field` has text `literal` / a node type among `types`.
  // kFieldMatch / kFieldNotMatch: the child's text matches / does not match `re`. kField / kNoField: there is / is no such child.
  // kNamedCount: the child has exactly `literal` named children.
  // kPart: a directive: the child at `field` is sub-capture `literal` of the match (the match
  // fails without that child). These let a pattern name only the node (`(binary)`), whose child
  // steps would make ts_query_new's analysis expensive on large grammars.
  enum class Kind : uint8_t {
    kMatch, kNotMatch, kEq, kNotEq, kFieldEq, kFieldType, kFieldMatch, kFieldNotMatch, kField, kNoField, kNamedCount, kPart
  } kind = Kind::kEq;
  uint32_t capture = 0;
  uint32_t other_capture = UINT32_MAX;  // #eq? @a @b
  std::string literal;
  std::string field;
  std::vector<std::string> types;  // kFieldType
  std::shared_ptr<RE2> re;
};

struct CompiledQuery {
  TSQuery* query = nullptr;  // never freed: one per language for the life of the process
  std::vector<std::string> capture_names;
  std::vector<std::vector<Predicate>> predicates;  // per pattern
};

// Compiles `text` for `language`; `where` names the query in error messages. Throws
// std::logic_error for a query that does not compile or uses an unknown predicate.
CompiledQuery CompileQuery(const TSLanguage* language, const std::string& text, const std::string& where);

// The node at `path` from `node`: dot-separated steps, each a field name (the first child in
// that field), a decimal index (that named child) or `^` (the parent); a null node when a step
// finds none. The empty path is `node` itself.
TSNode FieldPath(TSNode node, std::string_view path);

// True when every predicate of the match's pattern holds.
bool PredicatesHold(const CompiledQuery& q, const TSQueryMatch& match, std::string_view source);

}  // namespace authshift::frontends::treesitter
