#pragma once
// Questions about values shared by the language files (internal to rewriters/oauth).
#include <functional>
#include <vector>

#include "rewriters/oauth/common/context.h"

namespace authshift::rewriters::oauth {

// The arguments of a call that are written in its parentheses (not the properties of an options
// object that the lowering also lists as named arguments).
std::vector<const ir::Arg*> WrittenArgs(const ir::Call& call);
// True when `e` or anything it is built from (names followed, join parts, list items, map values,
// call arguments and receivers; a few levels deep) satisfies `hit`.
bool DeepReaches(const Context& ctx, ir::ExprId e, const std::function<bool(ir::ExprId)>& hit,
                 int depth = 0);
// True when the argument `v` carries parameter entry `entry`: the map itself, or something built
// from one of `encoded` (the entry's map run through the language's encoder, e.g.
// http_build_query).
bool CarriesEntry(const Context& ctx, ir::ExprId v, uint32_t entry,
                  const std::vector<ir::ExprId>& encoded);
// The binding whose value is `value` (`$ch = curl_init(…)`), or nullptr.
const ir::Binding* BindingOfValue(const Context& ctx, ir::ExprId value);
// The plain `=` binding whose value is the expression `value` (`HttpGet get = new HttpGet(url)`),
// or nullptr.
const ir::Binding* BoundTo(const Context& ctx, ir::ExprId value);
// True when `arg` carries `value`: it flows into its string, or into an argument or the receiver
// of the calls it is built from (`URI.create(url)`, `new URL(url)`, `uri.toString()`), through
// names, a few levels deep.
bool Carries(const Context& ctx, ir::ExprId arg, ir::ExprId value, int depth = 0);
// True when binding `b` is a compile-time constant that cannot be assigned a function call (Go
// `const`, PHP `const`, C# `const`).
bool ConstantDeclaration(const Context& ctx, const ir::Binding& b);
// True when the key expression names the Authorization header ("Authorization", any case, or a
// constant like HttpHeaders.AUTHORIZATION).
bool IsAuthorizationKey(const Context& ctx, ir::ExprId key);

}  // namespace authshift::rewriters::oauth
