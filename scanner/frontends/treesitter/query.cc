#include "scanner/frontends/treesitter/query.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "scanner/frontends/treesitter/node.h"

namespace authshift::frontends::treesitter {
namespace {

// The field predicates (query.h): (#field-eq? @c "path" "text"), (#field-type? @c "path" "type"…),
// (#field-match? @c "path" "regex"), (#field-not-match? …), (#field? @c "path"), (#no-field? @c "path"),
// (#named-count? @c "path" "n"), (#part! @c "part" "path"). False when `op` is none of them.
template <typename Value>
bool ReadFieldPredicate(const std::string& op, const std::vector<TSQueryPredicateStep>& pred, const Value& value,
                        const std::string& where, Predicate* p) {
  using Kind = Predicate::Kind;
  static const std::pair<std::string_view, Kind> kOps[] = {
      {"field-eq?", Kind::kFieldEq},      {"field-type?", Kind::kFieldType},
      {"field-match?", Kind::kFieldMatch}, {"field-not-match?", Kind::kFieldNotMatch},
      {"field?", Kind::kField},           {"no-field?", Kind::kNoField},
      {"named-count?", Kind::kNamedCount}, {"part!", Kind::kPart}};
  const auto it = std::find_if(std::begin(kOps), std::end(kOps), [&](const auto& o) { return o.first == op; });
  if (it == std::end(kOps)) return false;
  p->kind = it->second;
  const bool one = p->kind == Kind::kField || p->kind == Kind::kNoField;
  const bool many = p->kind == Kind::kFieldType;
  const size_t strings = pred.size() - 2;
  bool ok = one ? strings == 1 : many ? strings >= 2 : strings == 2;
  for (size_t i = 2; i < pred.size(); ++i) ok = ok && pred[i].type == TSQueryPredicateStepTypeString;
  if (!ok) throw std::logic_error(where + ": #" + op + " needs a capture and " + (one ? "one string" : "two strings"));
  const bool part = p->kind == Kind::kPart;
  p->field = value(pred[part ? 3 : 2]);
  if (!one) p->literal = value(pred[part ? 2 : 3]);
  for (size_t i = 3; many && i < pred.size(); ++i) p->types.push_back(value(pred[i]));
  if (p->kind == Kind::kFieldMatch || p->kind == Kind::kFieldNotMatch) {
    p->re = std::make_shared<RE2>(p->literal);
    if (!p->re->ok()) throw std::logic_error(where + ": bad regex in #field-match?: " + p->re->error());
  }
  return true;
}

std::vector<Predicate> ReadPredicates(const TSQuery* query, uint32_t pattern, const std::string& where) {
  std::vector<Predicate> out;
  uint32_t count = 0;
  const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(query, pattern, &count);
  auto value = [&](const TSQueryPredicateStep& s) {
    uint32_t len = 0;
    const char* p = ts_query_string_value_for_id(query, s.value_id, &len);
    return std::string(p, len);
  };
  std::vector<TSQueryPredicateStep> pred;
  for (uint32_t i = 0; i < count; ++i) {
    if (steps[i].type != TSQueryPredicateStepTypeDone) {
      pred.push_back(steps[i]);
      continue;
    }
    if (pred.size() < 3 || pred[0].type != TSQueryPredicateStepTypeString ||
        pred[1].type != TSQueryPredicateStepTypeCapture) {
      throw std::logic_error(where + ": unsupported predicate in pattern " + std::to_string(pattern));
    }
    const std::string op = value(pred[0]);
    Predicate p;
    p.capture = pred[1].value_id;
    if (ReadFieldPredicate(op, pred, value, where, &p)) {
      out.push_back(std::move(p));
      pred.clear();
      continue;
    }
    if (pred.size() != 3) throw std::logic_error(where + ": unsupported predicate in pattern " + std::to_string(pattern));
    if (op == "match?" || op == "not-match?") {
      p.kind = op == "match?" ? Predicate::Kind::kMatch : Predicate::Kind::kNotMatch;
      if (pred[2].type != TSQueryPredicateStepTypeString) throw std::logic_error(where + ": #match? needs a string");
      p.re = std::make_shared<RE2>(value(pred[2]));
      if (!p.re->ok()) throw std::logic_error(where + ": bad regex in #match?: " + p.re->error());
    } else if (op == "eq?" || op == "not-eq?") {
      p.kind = op == "eq?" ? Predicate::Kind::kEq : Predicate::Kind::kNotEq;
      if (pred[2].type == TSQueryPredicateStepTypeCapture) {
        p.other_capture = pred[2].value_id;
      } else {
        p.literal = value(pred[2]);
      }
    } else {
      throw std::logic_error(where + ": unknown predicate #" + op);
    }
    out.push_back(std::move(p));
    pred.clear();
  }
  return out;
}

// A field predicate on `child`, the node at its path (null when there is none).
bool FieldHolds(const Predicate& p, TSNode child, std::string_view source) {
  using Kind = Predicate::Kind;
  if (ts_node_is_null(child)) return p.kind == Kind::kNoField;
  switch (p.kind) {
    case Kind::kFieldEq:
      return TextOf(child, source) == p.literal;
    case Kind::kFieldType:
      return std::find(p.types.begin(), p.types.end(), std::string_view(ts_node_type(child))) != p.types.end();
    case Kind::kFieldMatch:
    case Kind::kFieldNotMatch: {
      const std::string_view text = TextOf(child, source);
      return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *p.re) == (p.kind == Kind::kFieldMatch);
    }
    case Kind::kNamedCount:
      return std::to_string(ts_node_named_child_count(child)) == p.literal;
    case Kind::kNoField:
      return false;
    default:  // kField, kPart
      return true;
  }
}

}  // namespace

CompiledQuery CompileQuery(const TSLanguage* language, const std::string& text, const std::string& where) {
  uint32_t error_offset = 0;
  TSQueryError error = TSQueryErrorNone;
  TSQuery* query = ts_query_new(language, text.data(), static_cast<uint32_t>(text.size()), &error_offset, &error);
  if (query == nullptr) {
    const size_t line = static_cast<size_t>(std::count(text.begin(), text.begin() + error_offset, '\n')) + 1;
    throw std::logic_error("tree-sitter " + where + ": error " + std::to_string(static_cast<int>(error)) +
                           " at line " + std::to_string(line) + ": " +
                           text.substr(error_offset, std::min<size_t>(60, text.size() - error_offset)));
  }
  CompiledQuery q;
  q.query = query;
  for (uint32_t i = 0; i < ts_query_capture_count(query); ++i) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(query, i, &len);
    q.capture_names.emplace_back(name, len);
  }
  try {
    for (uint32_t p = 0; p < ts_query_pattern_count(query); ++p) {
      q.predicates.push_back(ReadPredicates(query, p, where));
    }
  } catch (...) {
    ts_query_delete(query);
    throw;
  }
  return q;
}

TSNode FieldPath(TSNode node, std::string_view path) {
  while (!ts_node_is_null(node) && !path.empty()) {
    const size_t dot = path.find('.');
    const std::string_view step = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    uint32_t index = 0;
    const auto [end, err] = std::from_chars(step.data(), step.data() + step.size(), index);
    if (step == "^") {
      node = ts_node_parent(node);
    } else if (err == std::errc() && end == step.data() + step.size()) {
      node = index < ts_node_named_child_count(node) ? ts_node_named_child(node, index) : TSNode{};
    } else {
      node = ts_node_child_by_field_name(node, step.data(), static_cast<uint32_t>(step.size()));
    }
  }
  return node;
}

bool PredicatesHold(const CompiledQuery& q, const TSQueryMatch& match, std::string_view source) {
  const std::vector<Predicate>& preds = q.predicates[match.pattern_index];
  auto node_for = [&](uint32_t capture, TSNode* out) {
    for (uint16_t i = 0; i < match.capture_count; ++i) {
      if (match.captures[i].index == capture) {
        *out = match.captures[i].node;
        return true;
      }
    }
    return false;
  };
  for (const Predicate& p : preds) {
    TSNode node;
    if (!node_for(p.capture, &node)) return false;
    const std::string_view text = TextOf(node, source);
    bool ok = false;
    switch (p.kind) {
      case Predicate::Kind::kMatch:
      case Predicate::Kind::kNotMatch: {
        const bool m = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *p.re);
        ok = p.kind == Predicate::Kind::kMatch ? m : !m;
        break;
      }
      case Predicate::Kind::kEq:
      case Predicate::Kind::kNotEq: {
        std::string_view other = p.literal;
        if (p.other_capture != UINT32_MAX) {
          TSNode o;
          if (!node_for(p.other_capture, &o)) return false;
          other = TextOf(o, source);
        }
        ok = (text == other) == (p.kind == Predicate::Kind::kEq);
        break;
      }
      default:
        ok = FieldHolds(p, FieldPath(node, p.field), source);
        break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace authshift::frontends::treesitter
