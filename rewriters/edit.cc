#include "rewriters/edit.h"

#include <algorithm>
#include <tuple>

namespace authshift::rewriters {

bool EditSet::Resolve(std::string* err) {
  std::sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.offset, a.length, a.text, a.rule_id) < std::tie(b.offset, b.length, b.text, b.rule_id);
  });
  std::vector<Edit> merged;
  for (auto& e : edits_) {
    if (!merged.empty()) {
      const Edit& prev = merged.back();
      if (prev.offset == e.offset && prev.length == e.length && prev.text == e.text) continue;
      bool overlap = e.offset < prev.offset + prev.length || (e.offset == prev.offset);
      if (overlap) {
        *err = "edits of " + prev.rule_id + " and " + e.rule_id + " overlap at bytes " +
               std::to_string(e.offset) + "-" + std::to_string(std::max(prev.offset + prev.length, e.offset + e.length));
        return false;
      }
    }
    merged.push_back(std::move(e));
  }
  edits_ = std::move(merged);
  return true;
}

std::string EditSet::Apply(std::string_view original) const {
  std::string out;
  out.reserve(original.size());
  size_t pos = 0;
  for (const Edit& e : edits_) {
    out.append(original.substr(pos, e.offset - pos));
    out.append(e.text);
    pos = e.offset + e.length;
  }
  out.append(original.substr(std::min(pos, original.size())));
  return out;
}

}  // namespace authshift::rewriters
