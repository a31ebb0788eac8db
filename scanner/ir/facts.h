#pragma once
// IR facts: the small language-neutral vocabulary every IR rule is written against (docs/architecture.md).
// A frontend lowers one file into one Facts; matchers and rewriters read it. Immutable once built,
// safe to read from many threads. Spans are byte offsets [begin, end) into the file.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace authshift::ir {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin == end; }
};

using ExprId = uint32_t;
inline constexpr ExprId kNoExpr = UINT32_MAX;

enum class ExprKind : uint8_t {
  kString,   // a string literal: Expr::text is its decoded value
  kConcat,   // a string-valued join (+, ., interpolation, format): children are the parts in order
  kName,     // a plain variable name: Expr::text; resolved through bindings
  kMap,      // a map/dict/object literal: its entries are MapEntry facts with container == this id
  kList,     // a list/array literal: children are items
  kCall,     // a call: Expr::call indexes Facts::calls
  kNumber,   // Expr::text as written
  kBool,
  kNull,
  kOther,    // anything else (member access, arithmetic, …): Expr::text is the source text
};

struct Expr {
  ExprKind kind = ExprKind::kOther;
  Span span;                    // the whole expression in the source
  std::string text;             // see ExprKind
  std::vector<ExprId> children; // kConcat parts, kList items
  uint32_t call = UINT32_MAX;   // kCall: index into Facts::calls
  Span literal_span;            // kString: the span of the characters between the quotes
  uint32_t scope = 0;           // the scope the expression is evaluated in (for name resolution)
};

struct Arg {
  std::string name;  // empty for positional arguments; "url", "headers", "connection", … when named
  ExprId value = kNoExpr;
  Span span;         // the whole argument, including `name:` when named
};

struct Call {
  std::string callee;     // as written: "getUrl", "invokeurl", "requests.get", "m.put"
  std::string method;     // the last segment: "put", "get", "getUrl"
  ExprId receiver = kNoExpr;  // `recv.method(…)`: the receiver expression
  std::vector<Arg> args;
  Span span;              // the whole call
  ExprId self = kNoExpr;  // the kCall expression of this call
};

enum class EntryOrigin : uint8_t { kLiteral, kPut, kIndexAssign, kKeyword };

struct MapEntry {
  ExprId key = kNoExpr;
  ExprId value = kNoExpr;
  ExprId container = kNoExpr;  // the map literal (kLiteral) …
  std::string container_name;  // … or the variable the entry is put into (kPut, kIndexAssign)
  EntryOrigin origin = EntryOrigin::kLiteral;
  Span span;                   // the entry: `"k": v`, or `k, v` of `m.put(k, v)`, or `m[k] = v`
  Span statement;              // kPut, kIndexAssign: the whole statement (what a rewrite removes)
  uint32_t scope = 0;
};

struct Binding {
  std::string name;
  ExprId value = kNoExpr;
  std::string op = "=";  // "=", "+=", …
  Span span;             // the whole statement
  uint32_t scope = 0;
};

// One file's facts.
struct Facts {
  std::vector<Expr> exprs;
  std::vector<Call> calls;
  std::vector<MapEntry> entries;
  std::vector<Binding> bindings;  // in source order
  std::vector<Span> comments;     // comment spans (for suppressions and stale-comment rules)
  std::vector<uint32_t> scope_parent;  // scope_parent[s] = enclosing scope; scope 0 is the file

  // Lookup indexes, built by Index() once the facts are complete (BuildFacts does it): without them
  // every name resolution scans all bindings, which is quadratic on large files.
  std::unordered_map<std::string, std::vector<uint32_t>> bindings_by_name;  // indices, in order
  std::unordered_map<ExprId, std::vector<uint32_t>> entries_by_container;
  std::unordered_map<std::string, std::vector<uint32_t>> entries_by_name;
  bool indexed = false;
  void Index();

  const Expr& at(ExprId id) const { return exprs[id]; }
  ExprId Add(Expr e) {
    exprs.push_back(std::move(e));
    return static_cast<ExprId>(exprs.size() - 1);
  }
  // A new expression of `kind` over `span` in `scope` (text: see ExprKind).
  ExprId Add(ExprKind kind, Span span, std::string text, uint32_t scope) {
    Expr e;
    e.kind = kind;
    e.span = span;
    e.text = std::move(text);
    e.scope = scope;
    return Add(std::move(e));
  }
};

// --- Values: a string expression flattened through concatenation and bindings -------------------

// One part of a flattened string: a literal run (decoded text, with the source span of the literal's
// characters) or a hole (an expression whose value is unknown here).
struct StrPart {
  bool hole = false;
  std::string text;     // literal: decoded text; hole: the expression's source text or name
  Span span;            // literal: the span of the literal (between the quotes); hole: the expression
  ExprId expr = kNoExpr;  // the expression this part comes from (the kString or the hole)
};

inline constexpr char kHoleMark = '\x01';

struct StringValue {
  std::vector<StrPart> parts;
  bool complete = true;  // false when resolution gave up (depth or cycle); parts then end early
  // The literal text with each hole shown as one kHoleMark byte — what URL parsing and regexes run
  // on. When `part_of_byte` is given it receives, per byte of the result, the index of its part.
  std::string Joined(std::vector<uint32_t>* part_of_byte = nullptr) const;
  // Maps [begin, end) of Joined() back to source spans: one span per part touched (a literal part
  // contributes the sub-span of its characters when its decoded text maps 1:1 to the source).
  bool AllLiteral() const;
};

// Resolves `id` to a string value: a literal, a concatenation, or a name bound (before `at`) to
// one, followed through at most 8 bindings; anything else is a hole. Thread-safe (reads only).
StringValue Flatten(const Facts& facts, ExprId id, std::string_view source);

// The binding in effect for `name` at byte offset `at` in `scope` (the last one before `at` in
// that scope or an enclosing one), or nullptr.
const Binding* Resolve(const Facts& facts, std::string_view name, uint32_t at, uint32_t scope);

// Follows a name through bindings to the expression it holds (at most 8 steps). Returns `id` itself
// when it is not a name or cannot be resolved.
ExprId Deref(const Facts& facts, ExprId id);

// All map entries that belong to the map that `id` denotes: a literal's own entries, and for a
// name, the entries of the literal bound to it plus every `put`/index assignment into that name
// (in the same or an enclosing scope).
std::vector<uint32_t> EntriesOf(const Facts& facts, ExprId id);

}  // namespace authshift::ir
