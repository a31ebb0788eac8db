#pragma once
// Questions about values shared by the language files (internal to rewriters/oauth).
#include <optional>
#include <vector>

#include "rewriters/oauth/common/context.h"
#include "scanner/ir/built_from.h"

namespace authshift::rewriters::oauth {

// The arguments written in a call's parentheses (scanner/ir/built_from.h).
using ir::WrittenArgs;

// True when the argument `v` carries parameter entry `entry`: the map itself, or something built
// (ir::kThroughEverything) from one of `encoded` (the entry's map run through the language's
// encoder, e.g. http_build_query).
bool CarriesEntry(const Context& ctx, ir::ExprId v, uint32_t entry,
                  const std::vector<ir::ExprId>& encoded);
// True when binding `b` is a compile-time constant that cannot be assigned a function call (Go
// `const`, PHP `const`, C# `const`).
bool ConstantDeclaration(const Context& ctx, const ir::Binding& b);
// The lines of a constant declaration (ConstantDeclaration) that no other file can read — a Go
// constant with a lower-case name, a C# or PHP `private const` — when they hold that declaration
// alone (a trailing `;` or comment aside): what the fix deletes once every read of it is fixed.
// nullopt otherwise.
std::optional<ir::Span> FileLocalConstantLines(const Context& ctx, const ir::Binding& b);
// True when the key expression names the Authorization header ("Authorization", any case, or a
// constant like HttpHeaders.AUTHORIZATION).
bool IsAuthorizationKey(const Context& ctx, ir::ExprId key);

}  // namespace authshift::rewriters::oauth
