#pragma once
// Tree-sitter languages lowered to IR facts (scanner/ir/facts.h).
//
// Design: one row per language (lower.cc, kLanguages): language id, grammar, lowering query files
// and a string decoder. The query files (queries/<lang>.scm, tree-sitter query language, embedded
// in the binary) name the nodes that become facts through their captures; generic C++ code builds
// the facts from the captures of one query run. Predicates #match?/#not-match? (RE2) and
// #eq?/#not-eq? are applied by this code (the tree-sitter runtime does not evaluate them).
//
// Captures (one "role" capture per pattern, its sub-captures named `<role>.<part>`; captures
// starting with `_` are only for predicates):
//   @string                      a string literal or template (decoded by the language's decoder;
//                                one with interpolation holes becomes a kConcat of kString + holes)
//   @concat  @concat.part…       a string join (`+`, implicit concatenation): parts in order;
//                                nested @concat parts are flattened iteratively
//   @format.percent  @format.template @format.args   `"…%s…" % args` (printf-style holes)
//   @format.call  @format.template @format.args      `"…{}…{n}…".format(args)` (brace holes)
//   @call  @call.callee [@call.object @call.property] @call.args
//                                a call; callee "as written" for dotted names ("requests.get"),
//                                "<expr>.m" otherwise; method = last segment; receiver = object
//   @arg  @arg.name @arg.value   a named argument inside @call.args (Python keyword argument)
//   @map  (children: @pair @pair.key @pair.value | @pair.shorthand)   dict / object literal
//   @list                        list / array literal: named children are the items
//   @name                        identifier (kName)
//   @member  @member.object @member.property   `a.b`: a kName "a.b" when the object is a name chain
//   @index   @index.object @index.key          `a[k]`
//   @assign  @assign.left @assign.right [@assign.op]   assignment / declarator / class field
//   @function / @class [@class.name]           a new scope (parameters and body inside it)
//   @param   @param.name [@param.value]        a parameter (with a default: a "=" binding)
//   @put     @put.object @put.key @put.value   `m.append(k, v)`-style entry (kPut)
//   @wrap                                      parentheses etc.: lowered as its one named child
//   @number @bool @null @comment
//
// Conventions beyond the Deluge frontend's (spans, literal_span between the quotes, decoded text):
// - Bindings: assignments bind identifiers (op "=", "+=", …); `a.b = v` binds the dotted name "a.b"
//   and adds a kIndexAssign entry (container "a", key "b"); `a[k] = v` adds a kIndexAssign entry.
//   Parameters bind their name: op "param" without a default, "=" with one.
// - Scopes: module = 0; each function / lambda / arrow / method and each class body is a scope.
//   Names bound in a class body are also bound as "self.N"/"cls.N"/"this.N"/"<Class>.N" there, and
//   `self.x = v` inside a method binds "self.x" in the class scope, so sibling methods resolve it
//   (by source order, like every binding).
// - Options objects (JavaScript/TypeScript): the properties of an object passed positionally to a
//   call (inline, or a name bound to an object literal / filled by `o.k = v`) are also named
//   arguments of that call: `axios.get(url, {params: p})` has Arg{name: "params", value: p}, so
//   flows-to sinks name them like keyword arguments.
// - Syntax errors: the facts of every parsed part are kept; ERROR and MISSING nodes are counted.
#include <cstddef>
#include <optional>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

// True when `language_id` has a tree-sitter lowering ("javascript", "python", "tsx", "typescript").
bool HasLowering(std::string_view language_id);

// Parses `source` with the language's pinned grammar and lowers it to facts; nullopt when the
// language has no lowering. Never throws for input reasons; `parse_errors` (optional) receives the
// number of ERROR/MISSING nodes. Thread-safe (the compiled queries are shared read-only).
std::optional<ir::Facts> LowerWithTreeSitter(std::string_view language_id, std::string_view source,
                                             size_t* parse_errors = nullptr);

}  // namespace authshift::frontends::treesitter
