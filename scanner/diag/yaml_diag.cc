#include "scanner/diag/yaml_diag.h"

#include <sstream>

namespace authshift::diag {

void YamlDiag::At(const YAML::Mark& mark, std::string_view field, std::string_view what) {
  std::ostringstream os;
  os << source_;
  if (!mark.is_null()) os << ':' << mark.line + 1 << ':' << mark.column + 1;
  os << ": ";
  if (!field.empty()) os << "field '" << field << "': ";
  os << what;
  errors_->push_back(os.str());
  ++count_;
}

void YamlDiag::IndexEmptyValues(const YAML::Node& node) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (kv.second.IsNull()) empty_values_.emplace_back(kv.second, kv.first.Mark());
      IndexEmptyValues(kv.second);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) IndexEmptyValues(item);
  }
}

YAML::Mark YamlDiag::MarkOf(const YAML::Node& n) const {
  if (n.IsNull()) {
    for (const auto& [value, key_mark] : empty_values_) {
      if (value.is(n)) return key_mark;
    }
  }
  return n.Mark();
}

const char* NodeTypeName(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
  }
  return "something else";
}

}  // namespace authshift::diag
