#pragma once
// The per-language pieces of the OAuth rewriter, one file per language family (python.cc,
// javascript.cc, …): each defines its language's LanguageProfile row (its request idioms and token
// lookup), which profiles.cc lists; only what common/ calls besides the rows is declared here.
// What the language files share is in common/ (context.h, statements.h, values.h), included here
// for them. Internal to rewriters/oauth.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/oauth/common/context.h"
#include "rewriters/oauth/common/statements.h"
#include "rewriters/oauth/common/values.h"

namespace authshift::rewriters::oauth {

// Bash (bash.cc): the parameters are words, removed by bash.cc, not map literals.
void BashRemoveEntries(Context& ctx, const std::vector<uint32_t>& entries, uint32_t call);

// JavaScript (common/javascript_builder.cc): npm request options built by a method of the file
// that every caller hands to request(): the request of map entry `entry` (its call is the map's),
// and the header put into the options literal the method returns (false: `req` is not such a
// request).
std::optional<Request> JsBuilderRequest(const Context& ctx, uint32_t entry);
bool JsAddBuilderHeader(Context& ctx, const Request& req, const std::string& token);

// Why URL `url` (built with the token) reaches no request of its file, when the file can tell: it is
// handed to an inherited method, or built by a method only other files call (common/unreached.cc).
// Empty otherwise.
std::string UnreachedRequest(const Context& ctx, ir::ExprId url);

// `def name` (Ruby, Python) or `function name` (PHP, JavaScript) method headers of `src`, in source
// order (common/unreached.cc): the text-level reading of which methods a file defines.
struct MethodHeader {
  size_t begin = 0, end = 0;  // the header's text
  std::string name;
};
std::vector<MethodHeader> MethodHeaders(std::string_view src);

}  // namespace authshift::rewriters::oauth
