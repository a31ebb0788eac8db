#pragma once
// The one edit primitive and the one place that resolves edits (docs/architecture.md): rewriters produce
// Edits; EditSet sorts them, merges exact duplicates and rejects overlaps naming both rules.
// Rewriters never print diffs. Not thread-safe; one EditSet per file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::rewriters {

struct Edit {
  size_t offset = 0;  // byte offset in the original file
  size_t length = 0;  // bytes replaced
  std::string text;   // inserted text
  std::string rule_id;  // who asked for it (for conflict messages)
};

class EditSet {
 public:
  void Add(Edit e) { edits_.push_back(std::move(e)); }
  // Sorts, merges exact duplicates, and checks overlaps. On conflict returns false with
  // "edits of rule-a and rule-b overlap at bytes X-Y" in `err`. Two insertions at the same offset
  // are an overlap unless identical.
  bool Resolve(std::string* err);
  // Applies the resolved edits to `original`. Call Resolve first.
  std::string Apply(std::string_view original) const;
  const std::vector<Edit>& edits() const { return edits_; }

 private:
  std::vector<Edit> edits_;
};

}  // namespace authshift::rewriters
