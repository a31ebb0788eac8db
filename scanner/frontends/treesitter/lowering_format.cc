#include "scanner/frontends/treesitter/lowering.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scanner/ir/format_template.h"

namespace authshift::frontends::treesitter {

// A format call's arguments: positional in order, named by keyword (or by dict key for %(name)s, or
// by Ruby's bare hash arguments, `format("%<tok>s", tok: t)`: a map whose entries keep their spans).
void Lowering::FormatArguments(TSNode tmpl, TSNode args, bool brace, bool printf, std::vector<ir::ExprId>* positional,
                               std::vector<std::pair<std::string, ir::ExprId>>* named) {
  if (!IsNull(args)) {
    if (brace || printf || Role(args, "list") != nullptr) {
      ir::ExprId bare_map = ir::kNoExpr;
      for (TSNode c : NamedChildren(args)) {
        if (ts_node_is_extra(c)) continue;
        if (printf && ts_node_start_byte(c) <= ts_node_start_byte(tmpl) && ts_node_end_byte(tmpl) <= ts_node_end_byte(c)) {
          lowered_[c.id] = ir::kNoExpr;
          continue;
        }
        if (const RoleMatch* kw = Role(c, "arg")) {
          named->emplace_back(std::string(TextOf(kw->Part("name"), source_)), Expr(kw->Part("value")));
          lowered_[c.id] = ir::kNoExpr;
        } else if (const RoleMatch* pair = Role(c, "pair")) {
          if (bare_map == ir::kNoExpr) bare_map = Add(ir::ExprKind::kMap, SpanOf(c));
          facts_.exprs[bare_map].span.end = ts_node_end_byte(c);
          MapPair(c, *pair, bare_map);
        } else if (Role(c, "splat") == nullptr) {
          positional->push_back(Expr(c));
        } else {
          Lower(c, false);
        }
      }
      if (!brace && !printf) lowered_[args.id] = ir::kNoExpr;
      NamedEntries(bare_map, named);
    } else if (Role(args, "map") != nullptr) {
      NamedEntries(Expr(args), named);
    } else {
      positional->push_back(Expr(args));
    }
  }
}

// The string-keyed entries of `map` as named arguments.
void Lowering::NamedEntries(ir::ExprId map, std::vector<std::pair<std::string, ir::ExprId>>* named) const {
  if (map == ir::kNoExpr) return;
  for (const ir::MapEntry& e : facts_.entries) {
    if (e.container != map) continue;
    const ir::Expr& k = facts_.exprs[e.key];
    if (k.kind == ir::ExprKind::kString) named->emplace_back(k.text, e.value);
  }
}

// `"…%s…" % args` (brace = false) or `"…{}…".format(args)` (brace = true): the template's
// literal runs with one hole per placeholder (scanner/ir/format_template.h), resolved to the
// matching argument when known.
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
  size_t next_positional = 0;
  const ir::FormatPiece* run = nullptr;  // the literal run before the next placeholder
  auto flush = [&] {
    if (run == nullptr) return;
    ir::Span s = lit;
    if (exact) s = {static_cast<uint32_t>(lit.begin + run->begin), static_cast<uint32_t>(lit.begin + run->end)};
    parts.push_back(AddString(run->text, s, s));
    run = nullptr;
  };
  const std::vector<ir::FormatPiece> pieces =
      ir::ParseFormatTemplate(text, brace ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent);
  for (const ir::FormatPiece& piece : pieces) {
    if (!piece.placeholder) {
      run = &piece;
      continue;
    }
    ir::ExprId v = ir::kNoExpr;
    if (const std::optional<size_t> i = ir::ArgumentIndex(piece.ph, &next_positional)) {
      if (*i < positional.size()) v = positional[*i];
    } else {
      for (const auto& [name, value] : named) {
        if (name == piece.ph.name) v = value;
      }
    }
    if (v == ir::kNoExpr) v = Other(tmpl);  // an unknown argument: a hole all the same
    flush();
    parts.push_back(v);
  }
  flush();
  lowered_[tmpl.id] = ir::kNoExpr;
  ir::ExprId e = Add(ir::ExprKind::kConcat, SpanOf(m.node));
  facts_.exprs[e].children = std::move(parts);
  return e;
}

}  // namespace authshift::frontends::treesitter
