#pragma once
// "Is this value built from that one?" — one walker for every form of the question that the
// rewriters ask (the string holds it, a name is bound to it, a call wraps it, a map or list holds
// it). Each question is a set of edges to follow from the value and a depth; the walker visits each
// expression reachable that way (the value first) and stops at the first one that satisfies `hit`.
#include <functional>
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::ir {

// The edges a walk follows from an expression, to be or-ed together.
enum BuiltFromEdge : unsigned {
  kViaStringParts = 1u << 0,  // the parts of its flattened string value (Flatten: joins, bindings)
  kViaNames = 1u << 1,        // a name to the expression bound to it (Deref)
  kViaReceivers = 1u << 2,    // a method call to its receiver
  kViaArguments = 1u << 3,    // a call to the arguments written in its parentheses
  kViaFreeCallArguments = 1u << 4,  // a call without receiver (constructor, function) to them
  kViaItems = 1u << 5,  // join parts, list items and the values of a map literal's entries
};

// A walk: the edges it follows and how many steps it takes at most.
struct BuiltFromWalk {
  unsigned edges;
  int max_depth;
};

// The questions the rewriters ask, named.
// The string value of the expression holds the part (as a literal piece or a hole).
inline constexpr BuiltFromWalk kInString{kViaStringParts, 1};
// ... or a name or a method call's receiver on the way does (`body.encode()`, `u2 = u`).
inline constexpr BuiltFromWalk kThroughReceivers{kViaNames | kViaStringParts | kViaReceivers, 8};
// ... or any call on the way does, as receiver or argument (`URI.create(url)`, `new URL(u)`).
inline constexpr BuiltFromWalk kThroughCalls{
    kViaNames | kViaStringParts | kViaReceivers | kViaArguments, 8};
// ... or a call without receiver does, as an argument (`QUrl(url)`, `cpr::Url{u}`,
// `std::string(s)`); a method call's result is something else.
inline constexpr BuiltFromWalk kThroughConstructors{
    kViaNames | kViaStringParts | kViaFreeCallArguments, 8};
// Anything it is built from: names, join parts, list items, map values, call arguments and
// receivers.
inline constexpr BuiltFromWalk kThroughEverything{
    kViaNames | kViaItems | kViaReceivers | kViaArguments, 6};

// True when `value` or an expression reached from it by `walk` (through its edges, at most
// max_depth steps away) satisfies `hit`. Reads only; `source` is the file the facts were built
// from.
bool BuiltFrom(const Facts& facts, std::string_view source, ExprId value,
               const std::function<bool(ExprId)>& hit, BuiltFromWalk walk);
// True when `part` is `value` or is reached from it by `walk`.
bool BuiltFrom(const Facts& facts, std::string_view source, ExprId value, ExprId part,
               BuiltFromWalk walk);

// The arguments of a call that are written in its parentheses (not the properties of an options
// object that the lowering also lists as named arguments, nor the inner pieces of an argument).
std::vector<const Arg*> WrittenArgs(const Call& call);

// The first binding whose value is the expression `value` (`$ch = curl_init(…)`), or nullptr.
// With `assignment_only`, a plain `=` binding only (not `+=` and the like).
const Binding* BindingOfValue(const Facts& facts, ExprId value, bool assignment_only = false);

}  // namespace authshift::ir
