#pragma once
// The Authtoken's life cycle rewritten (README "Fixes"; docs/forms.md F12, F15): rules
// zoho-authtoken-generation (fix: authtoken-generation) and zoho-authtoken-revocation (fix:
// authtoken-revocation). Both work on the file's text, statement by statement, where a statement
// is a line with the lines indented under it (a block, a multi-line literal or call) — the shape
// formatted Python, JavaScript, PHP, Ruby and Bash have. Whatever does not fit the shapes below is
// withheld with the reason; the re-parse check of rewriters/fix.cc catches a broken result.
//
// Generation (`apiauthtoken/nb/create`, `/apiauthtoken/create`): the statements from the request
// (and the assignments before it that only it reads: the form, the URL) to the one that takes the
// token out of the response (`AUTHTOKEN=`) become one statement giving the same variable (or
// `return`) the OAuth access token: the refresh helper's (token-source refresh, the accounts server
// of the generation's data centre) or the language's ZOHO_OAUTH_TOKEN lookup. A URL constant read
// by that request alone goes with it, and so do e-mail / password variables that nothing else
// reads. The outcome names the OAuth scope the self client needs (from the old SCOPE=).
//
// Revocation (`apiauthtoken/delete?AUTHTOKEN=<t>`): the URL becomes
// `/oauth/v2/token/revoke?token=` + the language's lookup of ZOHO_REFRESH_TOKEN on the same
// accounts server, and the request in the same statement becomes a POST (Java: the
// HttpURLConnection opened on it, in that statement or the next, gets setRequestMethod("POST")).
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::oauth {

RewriteResult FixGeneration(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options);
RewriteResult FixRevocation(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options);

// The OAuth scope a self client needs for an Authtoken SCOPE value (`ZohoCRM/crmapi` ->
// `ZohoCRM.modules.ALL`), with " (…)" when Zoho's scope list should be checked; empty when the
// product is not known.
std::string OAuthScopeFor(std::string_view authtoken_scope);

}  // namespace authshift::rewriters::oauth
