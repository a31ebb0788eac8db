#pragma once
// The per-language pieces of the OAuth rewriter, one file per language family (python.cc,
// javascript.cc); profiles.cc puts them into the LanguageProfile table. Internal to
// rewriters/oauth.
#include <functional>
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

// PHP: curl (CURLOPT_HTTPHEADER), Guzzle, file_get_contents with a stream context, Laravel Http.
std::optional<Request> PhpFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void PhpAddHeader(Context& ctx, const Request& req, const std::string& token);

// Ruby: Net::HTTP, HTTParty, Faraday, RestClient.
std::optional<Request> RubyFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void RubyAddHeader(Context& ctx, const Request& req, const std::string& token);

// Go: net/http. The lookup os.Getenv needs "os" imported.
void GoPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> GoFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void GoAddHeader(Context& ctx, const Request& req, const std::string& token);
// Adds `"pkg"` to the file's import block (sorted place) unless imported; throws Withhold.
void GoEnsureImport(Context& ctx, std::string_view pkg);

// Shared by java.cc and csharp.cc (defined in profiles.cc): true when the key expression names the
// Authorization header ("Authorization", any case, or a constant like HttpHeaders.AUTHORIZATION).
bool IsAuthorizationKey(const Context& ctx, ir::ExprId key);

// Shared by php.cc, ruby.cc and go.cc (defined in php.cc).
// True when `e` or anything it is built from (names followed, join parts, list items, map values,
// call arguments and receivers; a few levels deep) satisfies `hit`.
bool DeepReaches(const Context& ctx, ir::ExprId e, const std::function<bool(ir::ExprId)>& hit,
                 int depth = 0);
// True when the argument `v` carries parameter entry `entry`: the map itself, or something built
// from one of `encoded` (the entry's map run through the language's encoder, e.g. http_build_query).
bool CarriesEntry(const Context& ctx, ir::ExprId v, uint32_t entry, const std::vector<ir::ExprId>& encoded);
// The binding whose value is `value` (`$ch = curl_init(…)`), or nullptr.
const ir::Binding* BindingOfValue(const Context& ctx, ir::ExprId value);
// The end of the line that a statement ending at `end` ends (before its line break); throws
// Withhold when more code follows on that line.
size_t StatementLineEnd(const Context& ctx, size_t end);
// Inserts `line` as a new line after the statement [begin, end), with the statement's indentation.
void InsertLineAfter(Context& ctx, size_t stmt_begin, size_t stmt_end, const std::string& line);
// True when binding `b` is a compile-time constant that cannot be assigned a function call (Go
// `const`, PHP `const`, C# `const`).
bool ConstantDeclaration(const Context& ctx, const ir::Binding& b);

// C and C++ (cfamily.cc): libcurl, Qt Network, cpr; getenv needs <stdlib.h> / <cstdlib>.
void CPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> CFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void CAddHeader(Context& ctx, const Request& req, const std::string& token);

// Java: HttpURLConnection, OkHttp, Apache HttpClient 4/5, java.net.http, Jersey, Spring RestTemplate.
std::optional<Request> JavaFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void JavaAddHeader(Context& ctx, const Request& req, const std::string& token);

// C#: HttpClient (HttpRequestMessage, DefaultRequestHeaders), WebClient, RestSharp. The lookup
// Environment.GetEnvironmentVariable needs `using System;`.
void CsharpPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> CsharpFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void CsharpAddHeader(Context& ctx, const Request& req, const std::string& token);

// Shared by java.cc and csharp.cc (defined in java.cc).
// Inserts `stmt` as a statement of its own after the statement that contains [begin, end) (up to
// its `;`), indented like it; throws Withhold when more code follows on that line.
void InsertStatementAfter(Context& ctx, size_t begin, size_t end, const std::string& stmt);
// Inserts `stmt` as a statement of its own before the statement whose line holds offset `at`; the
// line must begin that statement (the previous code ends in `;`, `{` or `}`), else Withhold.
void InsertStatementBefore(Context& ctx, size_t at, const std::string& stmt);
// Chains `link` (`.header("Authorization", …)`) right after call `c`: on a line of its own when
// the chain is written one link per line.
void ChainAfter(Context& ctx, const ir::Call& c, const std::string& link);
// The binding whose value is the expression `value` (`HttpGet get = new HttpGet(url)`), or nullptr.
const ir::Binding* BoundTo(const Context& ctx, ir::ExprId value);
// True when `arg` carries `value`: it flows into its string, or into an argument or the receiver
// of the calls it is built from (`URI.create(url)`, `new URL(url)`, `uri.toString()`), through
// names, a few levels deep.
bool Carries(const Context& ctx, ir::ExprId arg, ir::ExprId value, int depth = 0);

// Bash: curl and wget. The parameters are words, removed by bash.cc, not map literals.
std::optional<Request> BashFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void BashAddHeader(Context& ctx, const Request& req, const std::string& token);
void BashRemoveEntries(Context& ctx, const std::vector<uint32_t>& entries, uint32_t call);

// Shared by the language files: the arguments of a call that are written in its parentheses (not
// the properties of an options object that the lowering also lists as named arguments).
std::vector<const ir::Arg*> WrittenArgs(const ir::Call& call);
// Appends `text` (starting with ", ") after the last written argument, or inside empty parentheses.
void AppendArgument(Context& ctx, const ir::Call& call, const std::string& text);

}  // namespace authshift::rewriters::oauth
