#pragma once
// Errors about YAML files (rules, .authshift.yml) in one shape:
//   "<file>:<line>:<col>: field '<key>': <what was expected>"
// Not thread-safe; one per file being checked.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace authshift::diag {

class YamlDiag {
 public:
  YamlDiag(std::string_view source, std::vector<std::string>* errors) : source_(source), errors_(errors) {}
  // Appends one error; a null mark leaves the position out.
  void At(const YAML::Mark& mark, std::string_view field, std::string_view what);
  int count() const { return count_; }

  // Remembers the key of every empty value under `node`: yaml-cpp marks an empty value where the
  // next token starts (often the next line), so errors about it point at its key instead.
  void IndexEmptyValues(const YAML::Node& node);
  // Where to report a problem with the value `n`.
  YAML::Mark MarkOf(const YAML::Node& n) const;

 private:
  std::string source_;
  std::vector<std::string>* errors_;
  int count_ = 0;
  std::vector<std::pair<YAML::Node, YAML::Mark>> empty_values_;
};

// "nothing", "a scalar", "a list", "a mapping": for "expected X, got Y" messages.
const char* NodeTypeName(const YAML::Node& n);

}  // namespace authshift::diag
