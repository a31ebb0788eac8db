#include "scanner/frontends/treesitter/query.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "scanner/frontends/treesitter/node.h"

namespace authshift::frontends::treesitter {
namespace {

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
    if (op == "field-eq?" || op == "field-type?" || op == "part!") {
      // (#field-eq? @c "field" "text"), (#field-type? @c "field" "type"), (#part! @c "part" "field")
      if (pred.size() != 4 || pred[2].type != TSQueryPredicateStepTypeString ||
          pred[3].type != TSQueryPredicateStepTypeString) {
        throw std::logic_error(where + ": #" + op + " needs a capture and two strings");
      }
      p.kind = op == "field-eq?" ? Predicate::Kind::kFieldEq
               : op == "field-type?" ? Predicate::Kind::kFieldType
                                     : Predicate::Kind::kPart;
      p.field = value(pred[op == "part!" ? 3 : 2]);
      p.literal = value(pred[op == "part!" ? 2 : 3]);
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
  for (uint32_t p = 0; p < ts_query_pattern_count(query); ++p) {
    q.predicates.push_back(ReadPredicates(query, p, where));
  }
  return q;
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
      case Predicate::Kind::kFieldEq:
      case Predicate::Kind::kFieldType:
      case Predicate::Kind::kPart: {
        TSNode child = ts_node_child_by_field_name(node, p.field.data(), static_cast<uint32_t>(p.field.size()));
        if (ts_node_is_null(child)) return false;
        ok = p.kind == Predicate::Kind::kPart ||
             (p.kind == Predicate::Kind::kFieldEq ? TextOf(child, source) == p.literal
                                                  : std::string_view(ts_node_type(child)) == p.literal);
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace authshift::frontends::treesitter
