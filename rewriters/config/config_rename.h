#pragma once
// Config keys (form F13) renamed to an OAuth name, only when `.authshift.yml` asks for it
// (`fix: {rename-config-keys: true}`, FixOptions::rename_config_keys); otherwise the findings stay
// report-only with the rules' guidance.
//
// Findings of `zoho-authtoken-config` (keys naming Zoho) and `authtoken-config-key` (nested keys)
// in .env, YAML, JSON, TOML and INI files whose line is one `key <sep> value` entry:
//   [export ]KEY=value   KEY: value   "KEY": "value",   - KEY=value (compose lists)   key = "value"
// The key becomes its OAuth name (NewKeyName), the value is removed — never kept — and a comment
// line above it says what to put there (JSON has no comments: the value becomes "" and the fix
// outcome says it). A line that is not such an entry (a multi-line value, more code after it, a
// key that is not the finding's) is withheld with the reason.
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::config_rename {

// True when the finding is a config key holding an Authtoken (its rule lists form F13): the kind
// of finding this rewriter renames.
bool IsConfigKeyFinding(const core::Finding& f);

// The OAuth name of an Authtoken key, in its own style: ZOHO_AUTHTOKEN -> ZOHO_OAUTH_REFRESH_TOKEN,
// zoho_crm_auth_token -> zoho_crm_oauth_refresh_token, auth-token -> oauth-refresh-token,
// zohoAuthtoken -> zohoOAuthRefreshToken, AuthToken -> OAuthRefreshToken. Empty when the key
// holds no auth[_-]token.
std::string NewKeyName(std::string_view key);

RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options);

}  // namespace authshift::rewriters::config_rename
