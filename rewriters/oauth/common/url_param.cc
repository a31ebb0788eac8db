// Removing the authtoken URL parameter: from a literal, a concatenation, an interpolated string
// or a format template, query joints (`?`, `&`) kept right.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/common/fixer.h"
#include "scanner/ir/format_template.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

namespace {

// Python's `%(name)s` (flags from "-+ #0", width, precision; `at` starts with the placeholder).
bool IsPlainNamed(std::string_view at, const ir::FormatPlaceholder& ph) {
  return at.size() > 1 && at[1] == '(' && !ph.name.empty() && ph.conversion == 's' && ph.stars == 0 &&
         ph.length.empty() && ph.flags.find('\'') == std::string_view::npos &&
         std::all_of(ph.name.begin(), ph.name.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_'; });
}

// A placeholder that takes the next argument (any conversion), without `*`, index or name.
bool TakesNextInOrder(const ir::FormatPlaceholder& ph, ir::FormatSyntax syntax) {
  if (syntax == ir::FormatSyntax::kBrace) return ph.IsPlainNext(syntax);
  return !ph.index && ph.name.empty() && ph.stars == 0 && ph.flags.find('\'') == std::string_view::npos;
}

}  // namespace

void Fixer::RemovePercentParam(const ir::Expr& s, size_t joint, const std::vector<ExprId>& kids,
                               size_t i, ExprId fmt) {
  static const std::string kHand = "; remove the authtoken parameter and its argument by hand";
  if (fmt == kNoExpr || i + 1 >= kids.size())
    throw Withhold{"cannot find the arguments of the formatted URL" + kHand};
  const Span whole = facts_.exprs[fmt].span;
  uint32_t lit = s.literal_span.begin;
  size_t ph = s.literal_span.end;
  if (ph >= whole.end) throw Withhold{"cannot find the authtoken placeholder" + kHand};
  // The token's placeholder (scanner/ir/format_template.h): the next argument, or Python's
  // `%(name)s` whose value is an entry of the dict after `%`.
  std::string_view rest = src_.substr(ph, whole.end - ph);
  const bool brace = rest[0] == '{';
  const ir::FormatSyntax syntax = brace ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent;
  const std::optional<ir::FormatPlaceholder> token = ir::ParsePlaceholder(rest, 0, syntax);
  const bool named = token && IsPlainNamed(rest, *token);
  if (!named && !(token && token->IsPlainNext(syntax))) {
    if (token && (token->index || !token->name.empty()))
      throw Withhold{
          "the authtoken value is an indexed or named placeholder (such as {0}, "
          "{name}, %[1]s or %{name})" +
          kHand};
    throw Withhold{
        "the authtoken placeholder is not a plain %s, %v or {} (it formats the "
        "value)" +
        kHand};
  }
  const std::string name(named ? token->name : std::string_view());
  size_t ph_end = ph + token->end;
  ExprId hole_id = kids[i + 1];
  const ir::Expr& hole = facts_.exprs[hole_id];
  if (hole.span.begin < ph_end)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  // The next literal piece (if any) must start right after this placeholder.
  const ir::Expr* next = i + 2 < kids.size() ? &facts_.exprs[kids[i + 2]] : nullptr;
  bool next_here = next != nullptr && next->kind == ExprKind::kString && !Standalone(*next) &&
                   Plain(*next) && next->literal_span.begin == ph_end;
  char q = ph_end < src_.size() ? src_[ph_end] : '\0';
  bool template_ends = (q == '"' || q == '\'' || q == '`') && !next_here;
  char j = s.text[joint];
  if (j == '&' && (next_here ? next->text[0] == '&' || next->text[0] == '#' : template_ends)) {
    ctx_->Delete(lit + joint, ph_end);
  } else if (j == '?' && next_here && next->text[0] == '&' && Plain(*next)) {
    ctx_->Delete(lit + joint + 1, next->literal_span.begin + 1);
  } else if (j == '?' && template_ends) {
    ctx_->Delete(lit + joint, ph_end);
  } else {
    throw Withhold{"cannot rejoin the query after the authtoken parameter"};
  }
  // C/C++ printf family (`snprintf(buf, n, "…&authtoken=%s", org, token)`): the lowering spans
  // the template's value over the call, whose arguments are the holes: the token's goes.
  for (const ir::Call& pc : facts_.calls) {
    if (pc.span.begin != whole.begin || pc.span.end != whole.end ||
        (pc.method != "snprintf" && pc.method != "sprintf" && pc.method != "asprintf"))
      continue;
    std::vector<Span> args;
    std::optional<size_t> at;
    for (const ir::Arg* a : WrittenArgs(pc)) {
      if (a->value == hole_id || (a->span.begin == hole.span.begin && a->span.end == hole.span.end))
        at = args.size();
      args.push_back(a->span);
    }
    if (!at) throw Withhold{"cannot find the token argument of the printf call"};
    RemoveItem(args, *at, {});
    return;
  }
  // The holes, in placeholder order, are the arguments.
  std::vector<Span> items;
  size_t k = 0;
  size_t template_last = ph_end;  // the end of the template's last literal piece
  for (size_t n = 0; n < kids.size(); ++n) {
    const ir::Expr& e = facts_.exprs[kids[n]];
    if (e.kind == ExprKind::kString && !Standalone(e)) {
      template_last = std::max<size_t>(template_last, e.literal_span.end);
      continue;
    }
    if (n == i + 1) k = items.size();
    items.push_back(e.span);
  }
  // The template's closing quote: after its last literal piece at most one placeholder.
  if (template_last > items.front().begin)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  size_t close = template_last;  // the closing quote
  const std::string_view gap = src_.substr(template_last, items.front().begin - template_last);
  if (!gap.empty() && (gap[0] == '%' || gap[0] == '{')) {
    const auto last = ir::ParsePlaceholder(gap, 0, gap[0] == '{' ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent);
    if (last) close += last->end;
  }
  if (close >= items.front().begin || (src_[close] != '"' && src_[close] != '\'' && src_[close] != '`'))
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  // Every placeholder of the template takes the next argument in order.
  std::string_view tmpl = src_.substr(whole.begin, close - whole.begin);
  int uses = 0;
  for (size_t p = 0; p < tmpl.size(); ++p) {
    char c = tmpl[p];
    if (brace ? c != '{' && c != '}' : c != '%') continue;
    if (p + 1 < tmpl.size() && tmpl[p + 1] == c) {
      ++p;
      continue;
    }
    const std::optional<ir::FormatPlaceholder> one = ir::ParsePlaceholder(tmpl, p, syntax);
    if (one && named && IsPlainNamed(tmpl.substr(p), *one)) {
      if (one->name == name) ++uses;
      p = one->end - 1;
      continue;
    }
    if (one && !named && TakesNextInOrder(*one, syntax)) {
      p = one->end - 1;
      continue;
    }
    throw Withhold{
        "the format string mixes placeholders that do not take their arguments in "
        "order (named, indexed or `*`)" +
        kHand};
  }
  static const RE2 kSep(R"(\s*,\s*)");
  auto full = [&](size_t b, size_t e, const RE2& re) {
    return b <= e && RE2::FullMatch(re2::StringPiece(src_.data() + b, e - b), re);
  };
  if (named) {
    // `%(tok)s` used once, its value an entry of the dict literal after `%`.
    if (uses != 1)
      throw Withhold{"the placeholder %(" + name + ")s is used more than once" + kHand};
    for (uint32_t e = 0; e < facts_.entries.size(); ++e) {
      const ir::MapEntry& me = facts_.entries[e];
      if (me.origin != ir::EntryOrigin::kLiteral || me.value != hole_id) continue;
      const ir::Expr& map = facts_.exprs[me.container];
      static const RE2 kPct(R"(\s*%\s*)");
      if (map.kind != ExprKind::kMap || map.span.end != whole.end ||
          !full(close + 1, map.span.begin, kPct))
        break;
      std::vector<uint32_t> all = ctx_->LiteralEntries(me.container);
      if (all.size() == 1) throw Withhold{"the token is the only formatted value" + kHand};
      std::vector<Span> spans;
      size_t at = 0;
      for (size_t n = 0; n < all.size(); ++n) {
        if (all[n] == e) at = n;
        spans.push_back(facts_.entries[all[n]].span);
      }
      ctx_->removed_entries_.insert(e);
      RemoveItem(spans, at, {});
      return;
    }
    throw Withhold{"the named placeholder's value is not a dict literal after %" + kHand};
  }
  for (size_t a = 0; a < items.size(); ++a) {
    for (size_t b = a + 1; b < items.size(); ++b) {
      if (items[a].begin == items[b].begin && items[a].end == items[b].end)
        throw Withhold{"an argument fills more than one placeholder" + kHand};
    }
  }
  for (size_t n = 1; n < items.size(); ++n) {
    if (!full(items[n - 1].end, items[n].begin, kSep))
      throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  }
  // How the arguments follow the template: printf's next arguments, `% (…)` / `% […]`, a
  // single `% value`, or `.format(…)`.
  static const RE2 kPrintf(R"(\s*,\s*)");
  static const RE2 kList(R"(\s*%\s*([(\[])\s*)");
  static const RE2 kSingle(R"(\s*%\s*)");
  static const RE2 kDotFormat(R"(\s*\.\s*format\s*\(\s*)");
  static const RE2 kCloseParen(R"(\s*,?\s*\))");
  static const RE2 kCloseBracket(R"(\s*,?\s*\])");
  const size_t open_end = items.front().begin;
  std::string bracket;
  bool percent_op = false;
  if (!brace && full(close + 1, open_end, kPrintf) &&
      full(items.back().end, whole.end, kCloseParen)) {
    // printf: arguments follow the template
  } else if (!brace &&
             RE2::FullMatch(re2::StringPiece(src_.data() + close + 1, open_end - close - 1), kList,
                            &bracket) &&
             full(items.back().end, whole.end, bracket == "(" ? kCloseParen : kCloseBracket)) {
    percent_op = true;
    if (items.size() == 2 && bracket == "(") {
      // A one-item tuple keeps its comma: `(org,)`.
      ctx_->Replace(items[0].begin, items[1].end,
                    std::string(ctx_->Text(items[k == 0 ? 1 : 0])) + ",");
      return;
    }
  } else if (!brace && items.size() == 1 && full(close + 1, open_end, kSingle) &&
             items[0].end == whole.end) {
    percent_op = true;
  } else if (brace && full(close + 1, open_end, kDotFormat) &&
             full(items.back().end, whole.end, kCloseParen)) {
    // .format(…)
  } else {
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  }
  if (items.size() >= 2) {
    RemoveItem(items, k, {});
    return;
  }
  // The token was the only argument: the operator and its operand go (`"…" % token`); a
  // printf or .format() call keeps its template alone.
  if (percent_op) {
    if (tmpl.find("%%") != std::string_view::npos)
      throw Withhold{"the template escapes %% and the token is its only argument" + kHand};
    ctx_->Delete(close + 1, whole.end);
    return;
  }
  if (brace && tmpl.find("{{") == std::string_view::npos &&
      tmpl.find("}}") == std::string_view::npos) {
    ctx_->Delete(close + 1, whole.end);  // `.format(token)` goes whole
    return;
  }
  // printf with nothing left to format: the template alone (`sprintf('…')` -> `'…'`), except
  // in Go, where the fmt import may then go unused.
  size_t open = src_.find(src_[close], whole.begin);
  if (!brace && ctx_->profile().id != "go" && open < ph &&
      src_.substr(open, ph - open).find('%') == std::string_view::npos &&
      src_.substr(ph_end, close - ph_end).find('%') == std::string_view::npos) {
    ctx_->Delete(whole.begin, open);
    ctx_->Delete(close + 1, whole.end);
    return;
  }
  // `, token` (printf) or `token` (`.format()` with escaped braces), trailing comma included.
  ctx_->Delete(brace ? open_end : close + 1, whole.end - 1);
}

ExprId Fixer::RemoveUrlParam(ExprId sid, size_t at, bool* literal) {
  const ir::Expr& s = facts_.exprs[sid];
  if (!Plain(s))
    throw Withhold{"the URL literal holds escapes; remove the authtoken parameter by hand"};
  size_t name_off = at - s.literal_span.begin;
  if (name_off == 0 || name_off > s.text.size())
    throw Withhold{"cannot find the joint before authtoken="};
  UrlParam p{sid, &s, name_off - 1, s.text[name_off - 1], s.literal_span.begin, RootOf(sid)};
  if (p.j != '?' && p.j != '&') throw Withhold{"cannot find the joint before authtoken="};
  size_t eq = s.text.find('=', name_off);
  if (eq == std::string::npos) throw Withhold{"no authtoken= in this literal"};
  size_t value_end = s.text.find_first_of("&#", eq + 1);
  if (value_end == std::string::npos) value_end = s.text.size();
  // `…&authtoken=%s` / `={0}` left in the literal: a template formatted elsewhere (a constant
  // passed to String.format), whose token is an argument there, not a hard-coded value.
  if (value_end > eq + 1 && (s.text[eq + 1] == '%' || s.text[eq + 1] == '{'))
    throw Withhold{
        "the URL is a template formatted elsewhere (its authtoken value is a placeholder); "
        "remove the parameter and its argument by hand"};
  if (auto pit = parent_.find(sid); pit != parent_.end()) {
    p.parent = pit->second;
    p.kids = facts_.exprs[pit->second].children;
  } else {
    p.kids = {sid};
  }
  p.i = static_cast<size_t>(std::find(p.kids.begin(), p.kids.end(), sid) - p.kids.begin());
  if (value_end > eq + 1 || value_end < s.text.size() || p.i + 1 >= p.kids.size()) {
    RemoveParamInLiteral(p, eq, value_end);
    *literal = true;
    return kNoExpr;
  }
  // The value is the next part: "…&authtoken=" + token …, or f"…&authtoken={token}…"
  if (value_end != s.text.size()) throw Withhold{"unexpected text after authtoken="};
  if (!Standalone(s)) return RemoveInterpolatedParam(p);
  return RemoveJoinedParam(p);
}

void Fixer::RemoveParamInLiteral(const UrlParam& p, size_t eq, size_t value_end) {
  const ir::Expr& s = *p.s;
  bool last_part = p.i + 1 >= p.kids.size();
  // `"…&authtoken="` with nothing after it here: the token is appended elsewhere (Ruby
  // `path << "&authtoken=" << t`, a URL prefix constant), which this edit would not remove.
  if (value_end == eq + 1 && value_end == s.text.size() && last_part)
    throw Withhold{"the token is appended to the URL elsewhere; remove it by hand"};
  if (p.j == '&') {
    ctx_->Delete(p.lit + p.joint, p.lit + value_end);
  } else if (value_end < s.text.size() && s.text[value_end] == '&') {
    ctx_->Delete(p.lit + p.joint + 1, p.lit + value_end + 1);
  } else if (value_end == s.text.size() && last_part &&
             p.root == (p.parent == kNoExpr ? p.sid : p.parent)) {
    ctx_->Delete(p.lit + p.joint, p.lit + value_end);
  } else {
    throw Withhold{"cannot tell how the query continues after the authtoken parameter"};
  }
}

ExprId Fixer::RemoveInterpolatedParam(const UrlParam& p) {
  const ir::Expr& s = *p.s;
  ExprId hole_id = p.kids[p.i + 1];
  const ir::Expr& hole = facts_.exprs[hole_id];
  const ir::Expr* next = p.i + 2 < p.kids.size() ? &facts_.exprs[p.kids[p.i + 2]] : nullptr;
  bool outer_continues = p.parent != kNoExpr && p.parent != p.root;
  // A piece of an interpolated string: the hole must follow it directly ("…={token}").
  size_t gap_end = hole.span.begin;
  std::string_view gap = ctx_->Text({s.literal_span.end, static_cast<uint32_t>(gap_end)});
  if (hole.span.begin < s.literal_span.end ||
      gap.find_first_not_of("{$#") != std::string_view::npos) {
    RemovePercentParam(s, p.joint, p.kids, p.i, p.parent);
    return hole_id;
  }
  // Bash: the hole is the whole `$V` / `${V}` expansion, nothing closes it.
  // PHP `$v` / `$o->p`, Ruby `#@v`: a hole written without braces ends with its expression.
  bool bash = ctx_->profile().id == "bash" || gap.find('{') == std::string_view::npos;
  size_t close = bash ? hole.span.end : src_.find('}', hole.span.end);
  if (close == std::string_view::npos ||
      ctx_->Text({hole.span.end, static_cast<uint32_t>(close)}).find_first_of("\"'\n") !=
          std::string_view::npos) {
    throw Withhold{"cannot find the end of the interpolation"};
  }
  size_t hole_end = bash ? close : close + 1;
  bool next_amp = next != nullptr && next->kind == ExprKind::kString && !Standalone(*next) &&
                  Plain(*next) && !next->text.empty() && next->text[0] == '&' &&
                  next->literal_span.begin == hole_end;
  if (p.j == '&') {
    ctx_->Delete(p.lit + p.joint, hole_end);
  } else if (next_amp) {
    ctx_->Delete(p.lit + p.joint + 1, next->literal_span.begin + 1);
  } else if (next == nullptr && !outer_continues) {
    ctx_->Delete(p.lit + p.joint, hole_end);
  } else {
    throw Withhold{"cannot rejoin the query after the authtoken parameter"};
  }
  return hole_id;
}

ExprId Fixer::RemoveJoinedParam(const UrlParam& p) {
  const ir::Expr& s = *p.s;
  const size_t i = p.i;
  ExprId hole_id = p.kids[i + 1];
  const ir::Expr& hole = facts_.exprs[hole_id];
  auto kid = [&](size_t k) -> const ir::Expr& { return facts_.exprs[p.kids[k]]; };
  bool has_next = i + 2 < p.kids.size();
  const ir::Expr* next = has_next ? &kid(i + 2) : nullptr;
  bool outer_continues = p.parent != kNoExpr && p.parent != p.root;
  bool next_amp = next != nullptr && next->kind == ExprKind::kString && Standalone(*next) &&
                  Plain(*next) && !next->text.empty() && next->text[0] == '&' &&
                  ctx_->Text({next->span.begin, next->literal_span.begin}) ==
                      ctx_->Text({s.span.begin, s.literal_span.begin});
  if (p.j == '?') {
    if (next_amp) {
      ctx_->Delete(p.lit + p.joint + 1, next->literal_span.begin + 1);
    } else if (!has_next && !outer_continues && p.joint == 0 && i > 0) {
      // `path + "?authtoken=" + t`: the literal goes with its operators, not leaving `+ ""`.
      ctx_->Delete(kid(i - 1).span.end, hole.span.end);
    } else if (!has_next && !outer_continues) {
      ctx_->Delete(p.lit + p.joint, s.literal_span.end);
      ctx_->Delete(s.span.end, hole.span.end);
    } else {
      throw Withhold{"cannot rejoin the query after the authtoken parameter"};
    }
    return hole_id;
  }
  if (p.joint > 0) {
    ctx_->Delete(p.lit + p.joint, s.literal_span.end);
    ctx_->Delete(s.span.end, hole.span.end);
    return hole_id;
  }
  // The literal is just "&authtoken=": it goes with its hole and one operator.
  ExprId top = p.parent == kNoExpr ? p.sid : p.parent;
  if (i > 0) {
    // `url = url + "&authtoken=" + token` would become `url = url`: the statement goes instead.
    if (i == 1 && !has_next && kid(0).kind == ExprKind::kName) {
      for (const auto& bd : facts_.bindings) {
        if (bd.value == top && bd.op == "=" && bd.name == kid(0).text) {
          DeleteStatement(bd.span);
          return hole_id;
        }
      }
    }
    ctx_->Delete(kid(i - 1).span.end, hole.span.end);
  } else if (has_next) {
    ctx_->Delete(s.span.begin, next->span.begin);
  } else {
    // `url += "&authtoken=" + token`: the whole statement goes.
    const ir::Binding* b = nullptr;
    for (const auto& bd : facts_.bindings) {
      if (bd.value == top && bd.op == "+=") b = &bd;
    }
    if (b == nullptr) throw Withhold{"the whole URL is the authtoken parameter"};
    DeleteStatement(b->span);
  }
  return hole_id;
}

}  // namespace authshift::rewriters::oauth
