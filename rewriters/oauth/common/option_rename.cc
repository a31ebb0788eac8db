// fix.rename-options: a Zoho client's option slot named for the Authtoken (`ZohoBooks(authtoken=t)`,
// `Client.new(auth_token: t)`, `['authtoken' => $t]` passed to a constructor) is renamed to the
// OAuth name `access_token` — the name of the token in Zoho's OAuth token response — in the slot's
// own style. Only when `.authshift.yml` asks: the client library must take the new name.
#include <re2/re2.h>

#include <cctype>
#include <string>

#include "rewriters/oauth/common/fixer.h"

namespace authshift::rewriters::oauth {

namespace {

// `access_token` in the style of `old`: AUTHTOKEN / AUTH_TOKEN -> ACCESS_TOKEN, authToken ->
// accessToken, AuthToken / Authtoken -> AccessToken, authtoken / auth_token / auth-token ->
// access_token / access-token.
std::string AccessTokenName(const std::string& old) {
  const bool upper = old == "AUTHTOKEN" || old == "AUTH_TOKEN";
  if (upper) return "ACCESS_TOKEN";
  if (old == "authToken") return "accessToken";
  if (std::isupper(static_cast<unsigned char>(old[0])) != 0) return "AccessToken";
  return old.find('-') != std::string::npos ? "access-token" : "access_token";
}

}  // namespace

std::string Fixer::RenameOption(const core::Finding& f) {
  // The slot: an optional quote or `:`, the name, the separator, the value.
  static const RE2 kSlot(R"((?s)(["':]?)((?i)auth[_-]?token)(["']?)(\s*(?:=>|=|:)\s*)(.+))");
  const std::string_view text = src_.substr(f.byte_start, f.byte_end - f.byte_start);
  std::string open, name, close, sep, value;
  if (!RE2::FullMatch(text, kSlot, &open, &name, &close, &sep, &value) ||
      (open != close && open != ":"))
    throw Withhold{"cannot read the option slot; rename it by hand"};
  if (value[0] == '"' || value[0] == '\'')
    throw Withhold{"the option holds a hard-coded token: pass an OAuth access token (" + ctx_->LookupText() +
                   ") by hand and revoke the Authtoken"};
  // The value is named in the outcome only when it is a plain name or member chain (`t`,
  // `ENV['ZOHO_TOKEN']`-like reads are not): never a string form that may hold the secret.
  static const RE2 kPlainName(R"([A-Za-z_$@][\w$@]*(?:(?:\.|->|::)[A-Za-z_$@][\w$@]*)*\s*,?)");
  const std::string shown = RE2::FullMatch(value, kPlainName) ? "'" + value.substr(0, value.find_first_of(" \t,")) + "'" : "its value";
  const std::string renamed = AccessTokenName(name);
  const size_t at = f.byte_start + open.size();
  ctx_->Replace(at, at + name.size(), renamed);
  return "the client option '" + name + "' was renamed to '" + renamed +
         "' (fix.rename-options): check that your version of the client library takes it, and pass it an "
         "OAuth access token — " +
         shown + " must now hold one; revoke the old Authtoken";
}

}  // namespace authshift::rewriters::oauth
