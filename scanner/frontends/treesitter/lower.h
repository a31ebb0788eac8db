#pragma once
// Tree-sitter languages lowered to IR facts (scanner/ir/facts.h).
//
// Design: one row per language (language.h; lang/<id>.cc defines it with its string decoder,
// languages.cc lists the rows): language id, grammar, lowering query files and a string decoder.
// The query files (lang/<id>.scm, tree-sitter query language, embedded in the binary; query.cc
// compiles them and applies their predicates) name the nodes that become facts through their
// captures; generic C++ code (lowering.h) builds
// the facts from the captures of one query run. Predicates #match?/#not-match? (RE2) and
// #eq?/#not-eq? are applied by this code (the tree-sitter runtime does not evaluate them).
// Field predicates let a pattern name only its node, because every child step under a node with
// many parse states (Ruby `call`, C# `invocation_expression`) costs ts_query_new's analysis 2-25 ms
// (docs/performance.md, "Query compilation"). They name a node by a path from the capture (query.h:
// FieldPath): field names, named-child indices and `^` (the parent) joined by dots, "" the capture:
// (#field-eq? @c "path" "text"), (#field-type? @c "path" "type"…), (#field-match? @c "path" "re"),
// (#field-not-match? @c "path" "re"), (#field? @c "path"), (#no-field? @c "path") and
// (#named-count? @c "path" "n") test that node; the directive (#part! @c "part" "path") makes it
// the match's sub-capture `part` (the match fails without it):
// `((binary) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") …)`,
// `((call) @call (#no-field? @call "receiver") (#part! @call "args" "arguments") …)`,
// `(#part! @put "key" "arguments.0.0")` (C#: the first argument's expression).
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
//   @put.direct                  (on the method name) a request builder's setter that adds the
//                                entry to the request itself (Java `setParameter`, `queryParam`;
//                                C# RestSharp `AddParameter`): the entry is instead a kLiteral entry
//                                of a new one-entry kMap, passed as the call's named argument
//                                "<entry>", so flows-to sinks can name the setter itself
//   @format.printf_brace         like @format.printf with `{0}` holes (C# string.Format,
//                                Java MessageFormat.format)
//   @map.items                   (on a @map call) its items alternate keys and values
//                                (Java `Map.of(k1, v1, k2, v2)`)
//   @authorization  @authorization.scheme [@authorization.credentials]   (on a call) an
//                                Authorization header given as scheme + credentials (C#
//                                `new AuthenticationHeaderValue("Bearer", t)`, form F14): a
//                                kLiteral entry of the call's own expression, key "Authorization"
//                                (a new kString at the scheme), value scheme + " " + credentials
//   @header_constant  @header_constant.name    a constant naming a header (Java
//                                `HttpHeaders.AUTHORIZATION`, C# `HttpRequestHeader.Authorization`):
//                                a kString of the constant's own name
//   @wrap                                      parentheses etc.: lowered as its one named child
//   @number @bool @null @comment
//   @command @command.name       a shell command (Bash): see the Bash conventions below
//   @field                       (on a @pair) data files: also bind the dotted key path
//   @kv @kv.key @kv.value        a key/value object (Postman, HAR); @kv_bind, @kv_call: see below
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
// - Per language: the conventions of each language are stated at the top of lang/<id>.cc.
// - Syntax errors: the facts of every parsed part are kept; ERROR and MISSING nodes are counted.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

// The indentation (spaces) of a YAML block scalar's body (the lines after its `|`/`>` header): the
// least of its non-blank lines, npos when every line is blank. Shared with yaml_scripts.cc.
size_t YamlBlockIndent(std::string_view body);

// True when `language_id` has a tree-sitter lowering ("bash", "csharp", "go", "java",
// "javascript", "json", "php", "python", "ruby", "tsx", "typescript", "yaml", …).
bool HasLowering(std::string_view language_id);

// The ERROR/MISSING nodes of a parse of `source` with the language's grammar, without lowering:
// the count LowerWithTreeSitter reports, for checks that need only that (the fix re-parse check).
// -1 when the language has no lowering.
long CountSyntaxErrors(std::string_view language_id, std::string_view source);

// Parses `source` with the language's pinned grammar and lowers it to facts; nullopt when the
// language has no lowering. Never throws for input reasons; `parse_errors` (optional) receives the
// number of ERROR/MISSING nodes. Thread-safe (the compiled queries are shared read-only).
// `ranges` (sorted, disjoint; none = all): parse only these parts of `source`, offsets unchanged.
std::optional<ir::Facts> LowerWithTreeSitter(std::string_view language_id, std::string_view source,
                                             size_t* parse_errors = nullptr, std::span<const ir::Span> ranges = {});

}  // namespace authshift::frontends::treesitter
