#include "scanner/frontends/treesitter/lowering.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace authshift::frontends::treesitter {

// A format call's arguments: positional in order, named by keyword (or by dict key for %(name)s).
void Lowering::FormatArguments(TSNode tmpl, TSNode args, bool brace, bool printf, std::vector<ir::ExprId>* positional,
                               std::vector<std::pair<std::string, ir::ExprId>>* named) {
  if (!IsNull(args)) {
    if (brace || printf || Role(args, "list") != nullptr) {
      for (TSNode c : NamedChildren(args)) {
        if (ts_node_is_extra(c)) continue;
        if (printf && ts_node_start_byte(c) <= ts_node_start_byte(tmpl) && ts_node_end_byte(tmpl) <= ts_node_end_byte(c)) {
          lowered_[c.id] = ir::kNoExpr;
          continue;
        }
        if (const RoleMatch* kw = Role(c, "arg")) {
          named->emplace_back(std::string(TextOf(kw->Part("name"), source_)), Expr(kw->Part("value")));
          lowered_[c.id] = ir::kNoExpr;
        } else if (Role(c, "splat") == nullptr) {
          positional->push_back(Expr(c));
        } else {
          Lower(c, false);
        }
      }
      if (!brace && !printf) lowered_[args.id] = ir::kNoExpr;
    } else if (Role(args, "map") != nullptr) {
      ir::ExprId map = Expr(args);
      for (const ir::MapEntry& e : facts_.entries) {
        if (e.container != map) continue;
        const ir::Expr& k = facts_.exprs[e.key];
        if (k.kind == ir::ExprKind::kString) named->emplace_back(k.text, e.value);
      }
    } else {
      positional->push_back(Expr(args));
    }
  }
}

// `"…%s…" % args` (brace = false) or `"…{}…".format(args)` (brace = true): the template's
// literal runs with one hole per placeholder, resolved to the matching argument when known.
// `printf` (@format.printf): `args` is the whole argument list, the template its first item.
ir::ExprId Lowering::Format(const RoleMatch& m, bool brace, bool printf) {
  TSNode tmpl = m.Part("template");
  TSNode args = m.Part("args");
  DecodedString d = row_.decode(tmpl, source_);
  if (d.pieces.size() > 1 || (d.pieces.size() == 1 && d.pieces[0].hole)) {
    // An f-string template: no second formatting pass is modelled.
    Expr(tmpl);
    Lower(args, false);
    return ir::kNoExpr;
  }
  const std::string text = d.pieces.empty() ? std::string() : d.pieces[0].text;
  const ir::Span lit = d.pieces.empty() ? d.literal_span : d.pieces[0].span;
  const bool exact = TextOf(tmpl, source_).size() >= text.size() &&
                     source_.substr(lit.begin, lit.end - lit.begin) == text;
  std::vector<ir::ExprId> positional;
  std::vector<std::pair<std::string, ir::ExprId>> named;
  FormatArguments(tmpl, args, brace, printf, &positional, &named);
  std::vector<ir::ExprId> parts;
  std::string run;
  size_t run_begin = 0;
  size_t next_positional = 0;
  auto flush = [&](size_t end) {
    if (!run.empty()) {
      ir::Span s = lit;
      if (exact) s = {static_cast<uint32_t>(lit.begin + run_begin), static_cast<uint32_t>(lit.begin + end)};
      parts.push_back(AddString(run, s, s));
    }
    run.clear();
  };
  auto hole = [&](std::string_view field, size_t end) {
    ir::ExprId v = ir::kNoExpr;
    if (field.empty()) {
      if (next_positional < positional.size()) v = positional[next_positional];
      ++next_positional;
    } else if (field[0] >= '0' && field[0] <= '9') {
      size_t idx = 0;
      for (char ch : field) {
        if (ch < '0' || ch > '9') break;
        idx = idx * 10 + static_cast<size_t>(ch - '0');
      }
      if (idx < positional.size()) v = positional[idx];
    } else {
      for (const auto& [name, value] : named) {
        if (name == field) v = value;
      }
    }
    if (v == ir::kNoExpr) v = Other(tmpl);  // an unknown argument: a hole all the same
    flush(end);
    parts.push_back(v);
  };
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (!brace && c == '%') {
      if (i + 1 < text.size() && text[i + 1] == '%') {
        if (run.empty()) run_begin = i;
        run += '%';
        i += 2;
        continue;
      }
      size_t j = i + 1;
      std::string_view field;
      if (j < text.size() && text[j] == '(') {
        const size_t close = text.find(')', j);
        if (close == std::string::npos) break;
        field = std::string_view(text).substr(j + 1, close - j - 1);
        j = close + 1;
      }
      while (j < text.size() && std::string_view("#0- +*.0123456789hlL").find(text[j]) != std::string_view::npos) ++j;
      if (j >= text.size()) break;
      flush(i);
      hole(field, i);
      i = j + 1;
      run_begin = i;
      continue;
    }
    if (brace && (c == '{' || c == '}')) {
      if (i + 1 < text.size() && text[i + 1] == c) {
        if (run.empty()) run_begin = i;
        run += c;
        i += 2;
        continue;
      }
      if (c == '{') {
        const size_t close = text.find('}', i);
        if (close == std::string::npos) break;
        std::string_view field = std::string_view(text).substr(i + 1, close - i - 1);
        field = field.substr(0, std::min({field.find(':'), field.find('!'), field.find('.'), field.find('[')}));
        flush(i);
        hole(field, i);
        i = close + 1;
        run_begin = i;
        continue;
      }
    }
    if (run.empty()) run_begin = i;
    run += c;
    ++i;
  }
  flush(text.size());
  lowered_[tmpl.id] = ir::kNoExpr;
  ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(m.node));
  facts_.exprs[e].children = std::move(parts);
  return e;
}

}  // namespace authshift::frontends::treesitter
