#pragma once
// The OAuth rewriter for the tree-sitter languages: turns the Authtoken findings of rules
// authtoken-{header,url-param,param-map,literal} into an `Authorization: Zoho-oauthtoken` header.
// What every language shares is written once in common/: finding -> IR facts, grouping by
// request, scheme swap, removal of URL parameters (`?`/`&` joints, format templates) and
// parameter-map entries, token-source policy (a variable is kept; a hard-coded literal becomes the
// language's lookup of ZOHO_OAUTH_TOKEN or the configured expression) and withholding. What
// differs per language — the token lookup, imports, and how each HTTP client gets the header — is
// one LanguageProfile row, defined in that language's file (python.cc, go.cc, …) and listed by
// profiles.cc.
// A fix is never partial: every group is fixed whole or withheld.
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::oauth {

// `findings` are the file's findings whose fix is "oauth-header"; outcomes index into them.
RewriteResult Fix(const core::SourceFile& file, const languages::Language& lang,
                  const std::vector<const core::Finding*>& findings, const FixOptions& options);

}  // namespace authshift::rewriters::oauth
