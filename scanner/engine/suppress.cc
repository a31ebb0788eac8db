#include "scanner/engine/suppress.h"

#include <re2/re2.h>

#include <algorithm>

namespace authshift::engine {

std::vector<Suppression> FindSuppressions(const core::SourceFile& file, const languages::Language& lang) {
  static const RE2 kDirective(R"((authshift:\s*ignore(-file)?(?:\[([^\]\n]*)\])?))");
  std::vector<Suppression> out;
  std::string_view text = file.bytes();
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[4];
  size_t pos = 0;
  while (pos < text.size() && kDirective.Match(input, pos, text.size(), RE2::UNANCHORED, groups, 4)) {
    auto begin = static_cast<size_t>(groups[0].data() - text.data());
    pos = begin + groups[0].size();
    core::Position p = file.PositionAt(begin);
    if (!languages::InLineComment(lang, file.Line(p.line), p.column - 1)) continue;
    Suppression s;
    s.line = p.line;
    s.offset = begin;
    s.length = groups[0].size();
    s.whole_file = !groups[2].empty();
    std::string list(groups[3].data() == nullptr ? "" : std::string(groups[3].data(), groups[3].size()));
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string id = list.substr(start, comma - start);
      id.erase(0, id.find_first_not_of(" \t"));
      id.erase(id.find_last_not_of(" \t") + 1);
      if (!id.empty()) s.ids.push_back(id);
      start = comma + 1;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void ApplySuppressions(std::vector<Suppression>* suppressions, std::vector<core::Finding>* findings) {
  for (auto& f : *findings) {
    for (auto& s : *suppressions) {
      bool place = s.whole_file || s.line == f.start.line || s.line + 1 == f.start.line;
      bool rule = s.ids.empty() || std::find(s.ids.begin(), s.ids.end(), f.rule_id) != s.ids.end();
      if (place && rule) {
        f.suppressed = true;
        f.fixable = false;  // the user said to leave it alone
        s.used = true;
      }
    }
  }
}

}  // namespace authshift::engine
