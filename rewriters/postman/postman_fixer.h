#pragma once
// Authtoken findings in JSON files: Postman v2.1 collections and HAR captures.
//
// A Postman v2.1 collection moves to Postman's own OAuth 2.0 helper at the collection level:
// `"auth": {"type": "oauth2", "oauth2": [...]}` with headerPrefix Zoho-oauthtoken, the accounts
// server of the data centre the requests go to, grant type authorization_code (refresh token URL,
// access_type=offline), client id and secret as {{zoho_client_id}} / {{zoho_client_secret}}, and the
// scopes derived from the requests (Zoho Books' table, CRM) or {{zoho_scope}}. The requests' legacy
// parts go: `Authorization: Zoho-authtoken …` header entries, `authtoken` query, urlencoded and
// formdata entries, the `authtoken=` parameter of `url.raw` (and of a URL string), in the requests
// and their saved examples alike; a collection variable that held the Authtoken and that nothing
// else uses is removed. Requests that did not send the Authtoken and inherited the (absent)
// collection auth get `"auth": {"type": "noauth"}`, so they keep sending exactly what they sent (a
// Zoho token never reaches another service). The text is edited by spans: every other byte stays.
// Withheld, with the reason: a collection auth that is not Zoho's OAuth 2.0, a folder or request
// auth other than noauth over an Authtoken request, requests to several data centres, a finding
// outside the parts above (a script, a raw body), other collection formats.
//
// A HAR file is report-only: it records traffic that was sent, and a rewritten capture would record
// a request that never happened (docs/forms.md).
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::postman {

// `findings` are the JSON file's findings whose fix is "oauth-header" (fix.cc routes them here);
// outcomes index into them.
RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options);

}  // namespace authshift::rewriters::postman
