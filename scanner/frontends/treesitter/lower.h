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
//   @format.printf  @format.template @format.args    `sprintf("…%s…", a, …)` (PHP, Ruby format,
//                                Go fmt.Sprintf): @format.args is the whole argument list and the
//                                template its first item (skipped as an argument)
//   @call  @call.callee [@call.object @call.property] @call.args
//                                a call; callee "as written" for dotted names ("requests.get"),
//                                "<expr>.m" otherwise; method = last segment; receiver = object.
//                                Without @call.callee (PHP `$c->m()`, Ruby `a.m`), the callee is
//                                the object's name chain + ".m". Other children of the call node
//                                (Ruby blocks) are lowered too.
//   @call.receiver_arg           (on the args node) a call without arguments whose receiver is its
//                                input: the receiver is also positional argument 0 (Go `q.Encode()`)
//   @arg  @arg.name @arg.value   a named argument inside @call.args (Python keyword argument,
//                                PHP 8 `name: v`)
//   @map  (children: @pair @pair.key @pair.value | @pair.shorthand)   dict / object literal.
//                                @pair nodes directly inside @call.args (Ruby `f(url, query: q)`)
//                                form one positional map argument, as Ruby passes them
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
// - PHP: variables keep their `$` in bindings and uses ("$url"; "${url}" in a string is "$url");
//   `$o->p` is "$o.p", `self::X` "self.X"; class properties bind their bare name in the class
//   scope ("tok", reachable as "$this.tok"); `.=` appends like `+=`. Arrays with a `=>` element
//   are maps, others lists; `['k' => v]` passed positionally is an options object (see above).
// - Header lines (PHP, row flag header_line_items): a list item written as one header line,
//   `'Authorization: Bearer ' . $t` (curl's CURLOPT_HTTPHEADER), is also a kLiteral map
//   entry of that list with key "Authorization" (the text before the colon, a new kString over its
//   characters) and value the rest (a new kString and the item's later parts, a kConcat when
//   more than one), so header rules see it; `$headers[] = 'Name: v'` is the same kIndexAssign entry
//   of "$headers".
// - Ruby: symbols are strings of their names (`:get` -> "get", `query:` keys -> "query"); `@x = v`
//   in a method binds "@x" in the class scope (row field instance_sigil); `s << "…"` appends like
//   `+=`; a call without arguments or block (`req.headers`) is the name chain "req.headers".
//   Heredocs: the body is found after `<<~EOS`; `<<~` drops all leading indentation.
// - Go: interpreted strings decode escapes, raw strings drop `\r`; composite literals with keys
//   are maps, a one-element literal `{v}` is v (url.Values / http.Header values), others lists;
//   `a, b := x, y` binds only the first pair (`req, err := http.NewRequest(…)` binds req).
// - Syntax errors: the facts of every parsed part are kept; ERROR and MISSING nodes are counted.
#include <cstddef>
#include <optional>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

// True when `language_id` has a tree-sitter lowering ("go", "javascript", "php", "python", "ruby",
// "tsx", "typescript").
bool HasLowering(std::string_view language_id);

// Parses `source` with the language's pinned grammar and lowers it to facts; nullopt when the
// language has no lowering. Never throws for input reasons; `parse_errors` (optional) receives the
// number of ERROR/MISSING nodes. Thread-safe (the compiled queries are shared read-only).
std::optional<ir::Facts> LowerWithTreeSitter(std::string_view language_id, std::string_view source,
                                             size_t* parse_errors = nullptr);

}  // namespace authshift::frontends::treesitter
