#pragma once
// The per-language pieces of the OAuth rewriter, one file per language family (python.cc,
// javascript.cc, …); profiles.cc puts them into the LanguageProfile table. What the language files
// share is in common/ (context.h, statements.h, values.h), included here for them. Internal to
// rewriters/oauth.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/oauth/common/context.h"
#include "rewriters/oauth/common/statements.h"
#include "rewriters/oauth/common/values.h"

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

// C and C++ (cfamily.cc): libcurl, Qt Network, cpr; getenv needs <stdlib.h> / <cstdlib>.
void CPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> CFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void CAddHeader(Context& ctx, const Request& req, const std::string& token);

// Java: HttpURLConnection, OkHttp, Apache HttpClient 4/5, java.net.http, Jersey, Spring
// RestTemplate.
std::optional<Request> JavaFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void JavaAddHeader(Context& ctx, const Request& req, const std::string& token);

// C#: HttpClient (HttpRequestMessage, DefaultRequestHeaders), WebClient, RestSharp. The lookup
// Environment.GetEnvironmentVariable needs `using System;`.
void CsharpPrepareLookup(Context& ctx, std::string_view expr);
std::optional<Request> CsharpFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void CsharpAddHeader(Context& ctx, const Request& req, const std::string& token);

// Bash: curl and wget. The parameters are words, removed by bash.cc, not map literals.
std::optional<Request> BashFindRequest(const Context& ctx, ir::ExprId value, bool is_map);
void BashAddHeader(Context& ctx, const Request& req, const std::string& token);
void BashRemoveEntries(Context& ctx, const std::vector<uint32_t>& entries, uint32_t call);

}  // namespace authshift::rewriters::oauth
