#pragma once
// Authtoken generation rewritten in C and C++ (lifecycle.h; README "Fixes"). A C or C++ function
// that generates the token (one request to `apiauthtoken/nb/create`, the token taken out of the
// answer) keeps its signature and its ownership contract; its body becomes a lookup of the OAuth
// access token (getenv("ZOHO_OAUTH_TOKEN") / std::getenv, or the refresh helper's
// zoho_oauth_access_token() in token-source refresh) handed out the way the old token was:
//   - written into a caller's buffer (`char *token, size_t cap`): snprintf(token, cap, "%s", v),
//     returning the function's success value, or its failure value when there is no token;
//   - returned as malloc'd memory (`char *`, the body allocates it): strdup(v), NULL when unset;
//   - returned as std::string (C++): the value, or the old failure (`return "";` or a thrown
//     std::runtime_error) when unset.
// Parameters the new body does not read (the e-mail, the password) stay in the signature, marked
// `(void)name;`. The file-scope helpers only the old body used (the curl write callback, the reply
// struct, a password #define or static constant) are deleted, and so are the #includes only they
// and the old body needed. Withheld with the reason: a generation outside a function, a token kept
// in a global or static buffer, more than one exit that hands the token out, more than one request
// in the function, or a contract that is none of the three above. Internal to rewriters/oauth.
#include <cstddef>
#include <string>
#include <string_view>

namespace authshift::rewriters::oauth {

class Context;

// Fills ctx's group with the rewrite of the generation at `offset` in C/C++ source `src`; returns
// the outcome's detail, or throws Withhold.
std::string FixCFamilyGeneration(Context& ctx, std::string_view src, size_t offset);

}  // namespace authshift::rewriters::oauth
