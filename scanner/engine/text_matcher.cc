#include "scanner/engine/text_matcher.h"

namespace authshift::engine {

std::vector<TextMatch> MatchText(const Rule& rule, std::string_view text) {
  std::vector<TextMatch> out;
  const TextMatcher& m = rule.text;
  if (!m.regex) return out;
  int ngroups = 1 + m.regex->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups));
  re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() &&
         m.regex->Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups)) {
    const re2::StringPiece& whole = groups[0];
    auto begin = static_cast<size_t>(whole.data() - text.data());
    size_t end = begin + whole.size();
    pos = end > begin ? end : end + 1;  // never loop on an empty match
    std::string_view matched = text.substr(begin, end - begin);
    bool rejected = false;
    for (const auto& no : m.not_regex) {
      if (RE2::PartialMatch(re2::StringPiece(matched.data(), matched.size()), *no)) {
        rejected = true;
        break;
      }
    }
    if (rejected || whole.empty()) continue;
    TextMatch tm;
    tm.match_begin = begin;
    tm.match_end = end;
    tm.begin = begin;
    tm.end = end;
    if (m.at_group > 0 && groups[static_cast<size_t>(m.at_group)].data() != nullptr) {
      const auto& g = groups[static_cast<size_t>(m.at_group)];
      tm.begin = static_cast<size_t>(g.data() - text.data());
      tm.end = tm.begin + g.size();
    }
    if (m.secret_group > 0 && groups[static_cast<size_t>(m.secret_group)].data() != nullptr &&
        !groups[static_cast<size_t>(m.secret_group)].empty()) {
      const auto& g = groups[static_cast<size_t>(m.secret_group)];
      tm.has_secret = true;
      tm.secret_begin = static_cast<size_t>(g.data() - text.data());
      tm.secret_end = tm.secret_begin + g.size();
    }
    out.push_back(tm);
  }
  return out;
}

}  // namespace authshift::engine
