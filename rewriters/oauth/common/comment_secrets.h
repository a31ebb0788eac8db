#pragma once
// A hard-coded Authtoken that the fix removed from the code can still sit in a comment of the same
// file (`#auth_token = <32 hex>` left above the live line, an old request commented out): the
// secret would stay committed. These edits replace each such copy in a comment by a placeholder.
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/edit.h"
#include "scanner/ir/facts.h"

namespace authshift::rewriters::oauth {

// The text a removed Authtoken's copy in a comment becomes.
inline constexpr std::string_view kRevokedPlaceholder = "<revoked Authtoken>";

// One edit per occurrence of a value of `removed` (32-hex Authtokens the fix took out of the code)
// inside a comment span of `facts`; `lines` gets the 1-based line of each.
std::vector<Edit> CommentedSecretEdits(std::string_view src, const ir::Facts& facts,
                                       const std::vector<std::string>& removed, std::vector<size_t>* lines);

}  // namespace authshift::rewriters::oauth
