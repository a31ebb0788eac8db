#pragma once
// The per-language pieces of the OAuth rewriter, one file per language family (python.cc,
// javascript.cc); profiles.cc puts them into the LanguageProfile table. Internal to
// rewriters/oauth.
#include <optional>
#include <string>
#include <string_view>

#include "rewriters/oauth/oauth.h"

namespace authshift::rewriters::oauth {

// Python: requests, httpx (also their sessions and clients), urllib.request, http.client.
void PythonPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> PythonFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void PythonAddHeader(Context& ctx, const Request& req, const std::string& token);

// JavaScript / TypeScript / TSX: fetch, axios, request, superagent, jQuery.ajax, got, node https.
std::optional<Request> JsFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void JsAddHeader(Context& ctx, const Request& req, const std::string& token);

// Go: the lookup os.Getenv needs "os" imported.
void GoPrepareLookup(Context& ctx, std::string_view expr);

// Shared by the language files: the arguments of a call that are written in its parentheses (not
// the properties of an options object that the lowering also lists as named arguments).
std::vector<const ir::Arg*> WrittenArgs(const ir::Call& call);
// Appends `text` (starting with ", ") after the last written argument, or inside empty parentheses.
void AppendArgument(Context& ctx, const ir::Call& call, const std::string& text);

}  // namespace authshift::rewriters::oauth
