// Copies of a removed hard-coded Authtoken in comments (comment_secrets.h).
#include "rewriters/oauth/common/comment_secrets.h"

#include <algorithm>
#include <set>

namespace authshift::rewriters::oauth {

std::vector<Edit> CommentedSecretEdits(std::string_view src, const ir::Facts& facts,
                                       const std::vector<std::string>& removed, std::vector<size_t>* lines) {
  std::vector<Edit> out;
  std::set<size_t> taken;  // a value listed twice is replaced once
  for (const std::string& value : removed) {
    if (value.size() != 32) continue;
    for (const ir::Span& c : facts.comments) {
      if (c.end > src.size() || c.begin >= c.end) continue;
      const std::string_view text = src.substr(c.begin, c.end - c.begin);
      for (size_t at = text.find(value); at != std::string_view::npos; at = text.find(value, at + value.size())) {
        const size_t offset = c.begin + at;
        if (!taken.insert(offset).second) continue;
        out.push_back({offset, value.size(), std::string(kRevokedPlaceholder), "authtoken-literal"});
        lines->push_back(static_cast<size_t>(std::count(src.begin(), src.begin() + static_cast<long>(offset), '\n')) + 1);
      }
    }
  }
  return out;
}

}  // namespace authshift::rewriters::oauth
