#pragma once
// Authtoken revocation in C and C++ (lifecycle.h, rule zoho-authtoken-revocation), on the IR facts
// of the Clang frontend. Internal to rewriters/oauth.
//
// The URL `…/apiauthtoken/delete?AUTHTOKEN=<t>` becomes `…/oauth/v2/token/revoke?token=` + the
// refresh token read with getenv("ZOHO_REFRESH_TOKEN") (an empty string when it is unset), on the
// same accounts server, in one of two shapes:
//   - a printf template, `snprintf(buf, sizeof buf, "%s/apiauthtoken/delete?AUTHTOKEN=%s", a, t)`
//     (or asprintf): the path changes and the argument that filled the token's `%s` becomes the
//     lookup. sprintf is withheld (the refresh token is longer than an Authtoken and could overflow
//     the buffer), and so is an snprintf buffer not proven to hold 256 bytes;
//   - C++ only, a std::string join ending in `"…AUTHTOKEN=" + t`: `t` becomes the lookup.
// The request becomes a POST: libcurl, the handle that `curl_easy_setopt(h, CURLOPT_URL, <url>)`
// sends the URL with, gets `CURLOPT_POSTFIELDSIZE 0` and `CURLOPT_POSTFIELDS ""` (a zero-byte POST,
// a static empty string, so no buffer lifetime to mind) on the lines after that call, and keeps every
// other option; the handle must be made by curl_easy_init() in the same function and send no other
// URL there (a POST set on a handle that is reused would change its later requests). cpr (C++):
// cpr::Get / cpr::Delete / cpr::Head become cpr::Post. A token argument that was a parameter of the
// function, read nowhere else in it, is kept in the signature and marked `(void)name;` first in the
// body (cfamily_params.h). Anything else is withheld with the reason.
#include <cstddef>
#include <string>

#include "rewriters/oauth/common/context.h"

namespace authshift::rewriters::oauth {

// Fixes the revocation finding at `offset`; returns the outcome's detail or throws Withhold.
std::string FixCFamilyRevocation(Context& ctx, size_t offset);

}  // namespace authshift::rewriters::oauth
