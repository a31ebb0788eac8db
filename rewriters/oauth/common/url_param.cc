// Removing the authtoken URL parameter: from a literal, a concatenation, an interpolated string
// or a format template, query joints (`?`, `&`) kept right.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/common/fixer.h"
#include "rewriters/oauth/common/statements.h"
#include "scanner/core/strings.h"
#include "scanner/ir/format_template.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

namespace {

const std::string kHand = "; remove the authtoken parameter and its argument by hand";

// Python's `%(name)s` (flags from "-+ #0", width, precision; `at` starts with the placeholder).
bool IsPlainNamed(std::string_view at, const ir::FormatPlaceholder& ph) {
  return at.size() > 1 && at[1] == '(' && !ph.name.empty() && ph.conversion == 's' &&
         ph.stars == 0 && ph.length.empty() && ph.flags.find('\'') == std::string_view::npos &&
         std::all_of(ph.name.begin(), ph.name.end(), [](char ch) {
           return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
         });
}

// A named placeholder that formats its value untouched: Python `%(name)s` and `{name}`
// (`.format(name=v)`), Ruby `%<name>s` and `%{name}` (`format("…", name: v)`).
bool IsPlainNamedAny(std::string_view at, const ir::FormatPlaceholder& ph, ir::FormatSyntax syntax) {
  const bool identifier = !ph.name.empty() && std::all_of(ph.name.begin(), ph.name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
  });
  if (!identifier || ph.index || ph.stars != 0) return false;
  if (syntax == ir::FormatSyntax::kBrace) return !ph.aligned && ph.conversion == 0 && ph.spec.empty();
  const bool bare = ph.flags.empty() && ph.width.empty() && ph.precision.empty() && ph.length.empty();
  if (at.size() > 1 && at[1] == '{') return bare;
  if (at.size() > 1 && at[1] == '<') return bare && ph.conversion == 's';
  return IsPlainNamed(at, ph);
}

// A placeholder that takes the next argument (any conversion), without `*`, index or name.
bool TakesNextInOrder(const ir::FormatPlaceholder& ph, ir::FormatSyntax syntax) {
  if (syntax == ir::FormatSyntax::kBrace) return ph.IsPlainNext(syntax);
  return !ph.index && ph.name.empty() && ph.stars == 0 &&
         ph.flags.find('\'') == std::string_view::npos;
}

// An indexed placeholder that formats its argument untouched: `{1}` (no alignment, conversion or
// spec), `%2$s` / `%[2]s` / `%2$v` (no flags beyond "-+ #0", no length, no `*`).
bool IsPlainIndexed(const ir::FormatPlaceholder& ph, ir::FormatSyntax syntax) {
  if (!ph.index || !ph.name.empty() || ph.stars != 0) return false;
  if (syntax == ir::FormatSyntax::kBrace) return !ph.aligned && ph.conversion == 0 && ph.spec.empty();
  return ph.length.empty() && ph.flags.empty() && ph.width.empty() && ph.precision.empty() &&
         (ph.conversion == 's' || ph.conversion == 'v');
}

// True when `pos` is inside single or double quotes of the shell code that starts at `from` (a
// line start: quotes do not span lines in URL words).
bool InShellQuotes(std::string_view src, size_t from, size_t pos) {
  char quote = 0;
  for (size_t i = from; i < pos && i < src.size(); ++i) {
    const char c = src[i];
    if (quote != '\'' && c == '\\') {
      ++i;
    } else if (quote == 0 && (c == '"' || c == '\'')) {
      quote = c;
    } else if (c == quote) {
      quote = 0;
    }
  }
  return quote != 0;
}

ir::FormatSyntax SyntaxOf(char first) {
  return first == '{' ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent;
}

}  // namespace

void Fixer::RemovePercentParam(const ir::Expr& s, size_t joint, const std::vector<ExprId>& kids,
                               size_t i, ExprId fmt) {
  if (fmt == kNoExpr || i + 1 >= kids.size())
    throw Withhold{"cannot find the arguments of the formatted URL" + kHand};
  FormatSite f;
  f.whole = facts_.exprs[fmt].span;
  f.ph = s.literal_span.end;
  if (f.ph >= f.whole.end) throw Withhold{"cannot find the authtoken placeholder" + kHand};
  FindPlaceholder(&f);
  f.hole = kids[i + 1];
  if (f.index) {
    RemoveIndexedParam(s, joint, kids, i, &f);
    return;
  }
  const ir::Expr* next = i + 2 < kids.size() ? &facts_.exprs[kids[i + 2]] : nullptr;
  if (facts_.exprs[f.hole].span.begin < f.ph_end)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  RemovePlaceholder(s, joint, f, next);
  if (RemoveCPrintfArgument(f)) return;
  TemplateArguments(kids, i, &f);
  int uses = PlaceholderUses(f);
  if (!f.name.empty()) {
    // `%(tok)s` used once, its value an entry of the dict literal after `%`.
    if (uses != 1)
      throw Withhold{"the placeholder %(" + f.name + ")s is used more than once" + kHand};
    RemoveNamedValue(f);
    return;
  }
  RemoveFormatArgument(f);
}

void Fixer::FindPlaceholder(FormatSite* f) const {
  // The token's placeholder (scanner/ir/format_template.h): the next argument, or Python's
  // `%(name)s` whose value is an entry of the dict after `%`.
  std::string_view rest = src_.substr(f->ph, f->whole.end - f->ph);
  f->brace = rest[0] == '{';
  const ir::FormatSyntax syntax = SyntaxOf(rest[0]);
  const std::optional<ir::FormatPlaceholder> token = ir::ParsePlaceholder(rest, 0, syntax);
  const bool named = token && IsPlainNamedAny(rest, *token, syntax);
  const bool indexed = token && IsPlainIndexed(*token, syntax);
  if (!named && !indexed && !(token && token->IsPlainNext(syntax))) {
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
  f->name = named ? std::string(token->name) : std::string();
  if (indexed) f->index = token->index;
  f->ph_end = f->ph + token->end;
}

size_t Fixer::IndexedTemplateArguments(const std::vector<ExprId>& kids, FormatSite* f) const {
  // The template is the first string of the formatted expression (`string.Format("…"`,
  // `String.format("…"`, `"…".format(`); its literal runs are the kids that are pieces of it.
  const size_t open = src_.find_first_of("\"'`", f->whole.begin);
  size_t template_last = f->ph_end;
  std::vector<Span> items;
  for (ExprId id : kids) {
    const ir::Expr& e = facts_.exprs[id];
    if (e.kind == ExprKind::kString && !Standalone(e)) {
      template_last = std::max<size_t>(template_last, e.literal_span.end);
      continue;
    }
    const bool seen = std::any_of(items.begin(), items.end(), [&](const Span& x) {
      return x.begin == e.span.begin && x.end == e.span.end;
    });
    if (!seen) items.push_back(e.span);
  }
  std::sort(items.begin(), items.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  if (open == std::string_view::npos || open >= f->ph || items.empty() || items.front().begin <= template_last)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  // After the template's last literal run at most one placeholder, then the closing quote.
  size_t close = template_last;
  const std::string_view gap = src_.substr(template_last, items.front().begin - template_last);
  if (!gap.empty() && (gap[0] == '%' || gap[0] == '{')) {
    if (auto last = ir::ParsePlaceholder(gap, 0, SyntaxOf(gap[0]))) close += last->end;
  }
  if (close >= items.front().begin || src_[close] != src_[open])
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  // The arguments are exactly the expressions the placeholders take, each written once: an
  // argument no placeholder takes would sit between two of them.
  static const RE2 kSep(R"(\s*,\s*)");
  static const RE2 kDotFormat(R"(\s*\.\s*format\s*\(\s*)");
  static const RE2 kCloseParen(R"(\s*,?\s*\))");
  for (size_t n = 1; n < items.size(); ++n) {
    if (!Between(items[n - 1].end, items[n].begin, kSep))
      throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  }
  f->printf = Between(close + 1, items.front().begin, kSep);
  if ((!f->printf && !(f->brace && Between(close + 1, items.front().begin, kDotFormat))) ||
      !Between(items.back().end, f->whole.end, kCloseParen))
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  f->items = std::move(items);
  f->close = close;
  return open;
}

void Fixer::RemoveIndexedParam(const ir::Expr& s, size_t joint, const std::vector<ExprId>& kids,
                               size_t i, FormatSite* f) {
  const size_t open = IndexedTemplateArguments(kids, f);
  const ir::Expr& hole = facts_.exprs[f->hole];
  f->k = static_cast<size_t>(
      std::find_if(f->items.begin(), f->items.end(),
                   [&](const Span& x) { return x.begin == hole.span.begin && x.end == hole.span.end; }) -
      f->items.begin());
  if (f->k != *f->index)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  const ir::FormatSyntax syntax = f->brace ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent;
  const std::string_view tmpl = src_.substr(open + 1, f->close - open - 1);
  // Java's MessageFormat quotes with `'`: a quoted `{1}` is text, not a placeholder.
  if (f->brace && tmpl.find('\'') != std::string_view::npos)
    throw Withhold{"the format template quotes text with '" + kHand};
  std::vector<std::pair<size_t, size_t>> renumber;  // (offset of the index digits, new index)
  for (const ir::FormatPiece& piece : ir::ParseFormatTemplate(tmpl, syntax)) {
    if (!piece.placeholder) continue;
    const ir::FormatPlaceholder& ph = piece.ph;
    if (!ph.index || !ph.name.empty() || ph.stars != 0 || (!f->brace && ph.conversion == 'n'))
      throw Withhold{
          "the format string mixes indexed placeholders with ones that take the next argument "
          "or a name" +
          kHand};
    if (*ph.index >= f->items.size())
      throw Withhold{"a placeholder takes an argument that is not written out" + kHand};
    const size_t at = open + 1 + ph.begin;
    if (at == f->ph) continue;
    if (*ph.index == f->k)
      throw Withhold{"the token's argument fills another placeholder too (" +
                     std::string(tmpl.substr(ph.begin, ph.end - ph.begin)) + ")" + kHand};
    if (*ph.index > f->k) {
      // The digits: `{N`, `%N$`, or Go's `%[N]`.
      const size_t bracket = src_.substr(at, ph.end - ph.begin).find('[');
      const size_t digits = f->brace || bracket == std::string_view::npos ? at + 1 : at + bracket + 1;
      renumber.emplace_back(digits, f->brace ? *ph.index - 1 : *ph.index);
    }
  }
  const ir::Expr* next = i + 2 < kids.size() ? &facts_.exprs[kids[i + 2]] : nullptr;
  RemovePlaceholder(s, joint, *f, next);
  for (const auto& [digits, index] : renumber) {
    size_t end = digits;
    while (end < src_.size() && std::isdigit(static_cast<unsigned char>(src_[end])) != 0) ++end;
    ctx_->Replace(digits, end, std::to_string(index));
  }
  if (f->items.size() >= 2) {
    RemoveItem(f->items, f->k, {});
    return;
  }
  RemoveOnlyArgument(*f, false);
}

void Fixer::RemovePlaceholder(const ir::Expr& s, size_t joint, const FormatSite& f,
                              const ir::Expr* next) {
  // The next literal piece (if any) must start right after this placeholder.
  bool next_here = next != nullptr && next->kind == ExprKind::kString && !Standalone(*next) &&
                   Plain(*next) && next->literal_span.begin == f.ph_end;
  char q = f.ph_end < src_.size() ? src_[f.ph_end] : '\0';
  bool template_ends = (q == '"' || q == '\'' || q == '`') && !next_here;
  const uint32_t lit = s.literal_span.begin;
  char j = s.text[joint];
  if (j == '&' && (next_here ? next->text[0] == '&' || next->text[0] == '#' : template_ends)) { // NOLINT(bugprone-branch-clone): separate cases that happen to edit alike
    ctx_->Delete(lit + joint, f.ph_end);
  } else if (j == '?' && next_here && next->text[0] == '&' && Plain(*next)) {
    ctx_->Delete(lit + joint + 1, next->literal_span.begin + 1);
  } else if (j == '?' && template_ends) {
    ctx_->Delete(lit + joint, f.ph_end);
  } else {
    throw Withhold{"cannot rejoin the query after the authtoken parameter"};
  }
}

bool Fixer::RemoveCPrintfArgument(const FormatSite& f) {
  // C/C++ printf family (`snprintf(buf, n, "…&authtoken=%s", org, token)`): the lowering spans
  // the template's value over the call, whose arguments are the holes: the token's goes.
  const ir::Expr& hole = facts_.exprs[f.hole];
  for (const ir::Call& pc : facts_.calls) {
    if (pc.span.begin != f.whole.begin || pc.span.end != f.whole.end ||
        (pc.method != "snprintf" && pc.method != "sprintf" && pc.method != "asprintf"))
      continue;
    std::vector<Span> args;
    std::optional<size_t> at;
    for (const ir::Arg* a : WrittenArgs(pc)) {
      if (a->value == f.hole || (a->span.begin == hole.span.begin && a->span.end == hole.span.end))
        at = args.size();
      args.push_back(a->span);
    }
    if (!at) throw Withhold{"cannot find the token argument of the printf call"};
    RemoveItem(args, *at, {});
    return true;
  }
  return false;
}

void Fixer::TemplateArguments(const std::vector<ExprId>& kids, size_t i, FormatSite* f) const {
  // The holes, in placeholder order, are the arguments.
  size_t template_last = f->ph_end;  // the end of the template's last literal piece
  for (size_t n = 0; n < kids.size(); ++n) {
    const ir::Expr& e = facts_.exprs[kids[n]];
    if (e.kind == ExprKind::kString && !Standalone(e)) {
      template_last = std::max<size_t>(template_last, e.literal_span.end);
      continue;
    }
    if (n == i + 1) f->k = f->items.size();
    f->items.push_back(e.span);
  }
  // The template's closing quote: after its last literal piece at most one placeholder.
  const size_t first = f->items.front().begin;
  if (template_last > first)
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  size_t close = template_last;
  const std::string_view gap = src_.substr(template_last, first - template_last);
  if (!gap.empty() && (gap[0] == '%' || gap[0] == '{')) {
    if (auto last = ir::ParsePlaceholder(gap, 0, SyntaxOf(gap[0]))) close += last->end;
  }
  if (close >= first || (src_[close] != '"' && src_[close] != '\'' && src_[close] != '`'))
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  f->close = close;
}

int Fixer::PlaceholderUses(const FormatSite& f) const {
  // Every placeholder of the template takes the next argument in order.
  std::string_view tmpl = src_.substr(f.whole.begin, f.close - f.whole.begin);
  const bool named = !f.name.empty();
  const ir::FormatSyntax syntax = f.brace ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent;
  int uses = 0;
  for (size_t p = 0; p < tmpl.size(); ++p) {
    char c = tmpl[p];
    if (f.brace ? c != '{' && c != '}' : c != '%') continue;
    if (p + 1 < tmpl.size() && tmpl[p + 1] == c) {
      ++p;
      continue;
    }
    const std::optional<ir::FormatPlaceholder> one = ir::ParsePlaceholder(tmpl, p, syntax);
    // Another named placeholder takes its own argument by name, however it formats it (`%<year>d`).
    if (one && named && !one->name.empty() && one->name != f.name && !one->index && one->stars == 0) {
      p = one->end - 1;
      continue;
    }
    if (one && named && IsPlainNamedAny(tmpl.substr(p), *one, syntax)) {
      if (one->name == f.name) ++uses;
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
  return uses;
}

bool Fixer::Between(size_t begin, size_t end, const RE2& re) const {
  return begin <= end && RE2::FullMatch(re2::StringPiece(src_.data() + begin, end - begin), re);
}

void Fixer::RemoveNamedValue(const FormatSite& f) {
  for (uint32_t e = 0; e < facts_.entries.size(); ++e) {
    const ir::MapEntry& me = facts_.entries[e];
    if (me.origin != ir::EntryOrigin::kLiteral || me.value != f.hole) continue;
    const ir::Expr& map = facts_.exprs[me.container];
    static const RE2 kPct(R"(\s*%\s*)");
    static const RE2 kComma(R"(\s*,\s*)");
    static const RE2 kClose(R"(\s*,?\s*\))");
    // `"…" % { tok: t }`, or Ruby's keyword arguments (`format("…", tok: t)`: a map of the bare hash).
    const bool after_percent = map.span.end == f.whole.end && Between(f.close + 1, map.span.begin, kPct);
    const bool keywords = !f.brace && Between(f.close + 1, map.span.begin, kComma) &&
                          Between(map.span.end, f.whole.end, kClose);
    if (map.kind != ExprKind::kMap || (!after_percent && !keywords)) break;
    std::vector<uint32_t> all = ctx_->LiteralEntries(me.container);
    if (all.size() == 1 && !keywords) throw Withhold{"the token is the only formatted value" + kHand};
    ctx_->MarkRemoved(e);
    if (all.size() == 1) return ctx_->Delete(f.close + 1, map.span.end);  // `format("…")`
    std::vector<Span> spans;
    size_t at = 0;
    for (size_t n = 0; n < all.size(); ++n) {
      if (all[n] == e) at = n;
      spans.push_back(facts_.entries[all[n]].span);
    }
    RemoveItem(spans, at, {});
    return;
  }
  if (RemoveNamedArgument(f)) return;
  throw Withhold{"the named placeholder's value is not a dict literal after % or a keyword argument of the "
                 "formatting call" + kHand};
}

bool Fixer::RemoveNamedArgument(const FormatSite& f) {
  // Python `.format(org=org, tok=tok)`: every hole is the value of a keyword argument written after
  // the template, those arguments follow one another, and the one named like the token's
  // placeholder goes. (Ruby's `format("…", tok: t)` keywords are a map in the IR: RemoveNamedValue.)
  static const RE2 kKeyword(R"((\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*)");
  if (!f.brace) return false;
  std::vector<Span> args;
  std::optional<size_t> k;
  for (const Span& v : f.items) {
    // The name before the value, read back from the value to the `,` or `(` before it.
    const size_t from = v.begin >= 64 ? v.begin - 64 : 0;
    const std::string_view before = src_.substr(from, v.begin - from);
    const size_t cut = before.find_last_of(",(");
    if (cut == std::string_view::npos) return false;
    std::string space, name;
    if (!RE2::FullMatch(before.substr(cut + 1), kKeyword, &space, &name)) return false;
    const Span arg{static_cast<uint32_t>(from + cut + 1 + space.size()), v.end};
    if (std::none_of(args.begin(), args.end(), [&](const Span& a) { return a.begin == arg.begin; }))
      args.push_back(arg);
    if (name == f.name && v.begin == facts_.exprs[f.hole].span.begin) k = arg.begin;
  }
  if (!k || args.empty()) return false;
  std::sort(args.begin(), args.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  static const RE2 kSep(R"(\s*,\s*)");
  static const RE2 kDotFormat(R"(\s*\.\s*format\s*\(\s*)");
  static const RE2 kClose(R"(\s*,?\s*\))");
  if (!Between(f.close + 1, args.front().begin, kDotFormat) || !Between(args.back().end, f.whole.end, kClose))
    return false;
  size_t at = 0;
  for (size_t n = 0; n < args.size(); ++n) {
    if (n > 0 && !Between(args[n - 1].end, args[n].begin, kSep)) return false;
    if (args[n].begin == *k) at = n;
  }
  if (args.size() > 1) {
    RemoveItem(args, at, {});
    return true;
  }
  // `.format(tok=t)` alone: it goes whole when the template has no braces left to unescape, else
  // `.format()` stays.
  const std::string_view head = src_.substr(f.whole.begin, f.ph - f.whole.begin);
  const std::string_view tail = src_.substr(f.ph_end, f.close - f.ph_end);
  if (head.find_first_of("{}") == std::string_view::npos && tail.find_first_of("{}") == std::string_view::npos) {
    ctx_->Delete(f.close + 1, f.whole.end);
  } else {
    ctx_->Delete(args.front().begin, args.front().end);
  }
  return true;
}

void Fixer::RemoveFormatArgument(const FormatSite& f) {
  const std::vector<Span>& items = f.items;
  for (size_t a = 0; a < items.size(); ++a) {
    for (size_t b = a + 1; b < items.size(); ++b) {
      if (items[a].begin == items[b].begin && items[a].end == items[b].end)
        throw Withhold{"an argument fills more than one placeholder" + kHand};
    }
  }
  static const RE2 kSep(R"(\s*,\s*)");
  for (size_t n = 1; n < items.size(); ++n) {
    if (!Between(items[n - 1].end, items[n].begin, kSep))
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
  const size_t close = f.close;
  const size_t open_end = items.front().begin;
  std::string bracket;
  bool percent_op = false;
  if (!f.brace && Between(close + 1, open_end, kPrintf) &&
      Between(items.back().end, f.whole.end, kCloseParen)) { // NOLINT(bugprone-branch-clone): separate cases that happen to edit alike
    // printf: arguments follow the template
  } else if (!f.brace &&
             RE2::FullMatch(re2::StringPiece(src_.data() + close + 1, open_end - close - 1), kList,
                            &bracket) &&
             Between(items.back().end, f.whole.end, bracket == "(" ? kCloseParen : kCloseBracket)) {
    percent_op = true;
    if (items.size() == 2 && bracket == "(") {
      // A one-item tuple keeps its comma: `(org,)`.
      ctx_->Replace(items[0].begin, items[1].end,
                    std::string(ctx_->Text(items[f.k == 0 ? 1 : 0])) + ",");
      return;
    }
  } else if (!f.brace && items.size() == 1 && Between(close + 1, open_end, kSingle) &&
             items[0].end == f.whole.end) {
    percent_op = true;
  } else if (f.brace && Between(close + 1, open_end, kDotFormat) &&
             Between(items.back().end, f.whole.end, kCloseParen)) {
    // .format(…)
  } else {
    throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
  }
  if (items.size() >= 2) {
    RemoveItem(items, f.k, {});
    return;
  }
  RemoveOnlyArgument(f, percent_op);
}

void Fixer::RemoveOnlyArgument(const FormatSite& f, bool percent_op) {
  const size_t close = f.close;
  std::string_view tmpl = src_.substr(f.whole.begin, close - f.whole.begin);
  // The token was the only argument: the operator and its operand go (`"…" % token`); a
  // printf or .format() call keeps its template alone.
  if (percent_op) {
    if (tmpl.find("%%") != std::string_view::npos)
      throw Withhold{"the template escapes %% and the token is its only argument" + kHand};
    ctx_->Delete(close + 1, f.whole.end);
    return;
  }
  size_t open = src_.find(src_[close], f.whole.begin);
  if (f.brace && tmpl.find("{{") == std::string_view::npos &&
      tmpl.find("}}") == std::string_view::npos) {
    if (f.printf) {  // `string.Format("…", token)` -> `"…"`
      ctx_->Delete(f.whole.begin, open);
      ctx_->Delete(close + 1, f.whole.end);
      return;
    }
    ctx_->Delete(close + 1, f.whole.end);  // `.format(token)` goes whole
    return;
  }
  // printf with nothing left to format: the template alone (`sprintf('…')` -> `'…'`), except
  // where the profile keeps the call (Go: the fmt import may then go unused).
  if (!f.brace && !ctx_->profile().keeps_bare_printf && open < f.ph &&
      src_.substr(open, f.ph - open).find('%') == std::string_view::npos &&
      src_.substr(f.ph_end, close - f.ph_end).find('%') == std::string_view::npos) {
    ctx_->Delete(f.whole.begin, open);
    ctx_->Delete(close + 1, f.whole.end);
    return;
  }
  // `, token` (printf) or `token` (`.format()` with escaped braces), trailing comma included.
  ctx_->Delete(f.brace && !f.printf ? f.items.front().begin : close + 1, f.whole.end - 1);
}

ExprId Fixer::RemoveUrlParam(ExprId sid, size_t at, bool* literal) {
  const ir::Expr& s = facts_.exprs[sid];
  if (ctx_->profile().shell_words) {
    // A word with an escape in any of its literal parts (`?authtoken=$T\&page=2`): the joints
    // are read in the source.
    const ExprId parent = in_.ParentOf(sid);
    // An unquoted literal: an escape after the word's last part may be missing from the facts.
    bool escaped = !Plain(s) || !InShellQuotes(src_, ctx_->LineBegin(s.literal_span.begin), s.literal_span.begin);
    for (ExprId k : parent == sid ? std::vector<ExprId>{} : facts_.exprs[parent].children) {
      const ir::Expr& e = facts_.exprs[k];
      escaped = escaped || (e.kind == ExprKind::kString && !Plain(e));
    }
    if (escaped) return RemoveEscapedShellParam(sid, at, literal);
  }
  if (!Plain(s))
    throw Withhold{"the URL literal holds escapes; remove the authtoken parameter by hand"};
  size_t name_off = at - s.literal_span.begin;
  if (name_off == 0) {
    if (ExprId t = RemoveSplitNameParam(sid); t != kNoExpr) return t;
  }
  if (name_off == 0 || name_off > s.text.size())
    throw Withhold{"cannot find the joint before authtoken="};
  UrlParam p{sid, &s, name_off - 1, s.text[name_off - 1], s.literal_span.begin, in_.RootOf(sid), ir::kNoExpr, {}, 0};
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
  if (ExprId parent = in_.ParentOf(sid); parent != sid) {
    p.parent = parent;
    p.kids = facts_.exprs[parent].children;
  } else {
    p.kids = {sid};
  }
  p.i = static_cast<size_t>(std::find(p.kids.begin(), p.kids.end(), sid) - p.kids.begin());
  if (value_end == eq + 1 && value_end == s.text.size() && p.i + 1 >= p.kids.size()) {
    if (ExprId t = RemoveSplitAppend(p); t != kNoExpr) return t;
  }
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

ExprId Fixer::RemoveEscapedShellParam(ExprId sid, size_t at, bool* literal) {
  const ir::Expr& s = facts_.exprs[sid];
  const size_t lit_begin = s.literal_span.begin;
  const size_t lit_end = s.literal_span.end;
  const std::string hand = "; remove the authtoken parameter by hand";
  auto at_src = [&](size_t i) { return i < src_.size() ? src_[i] : '\0'; };
  // A joint, escaped or not, starts at i: `&`, `\&`.
  auto joint_len = [&](size_t i) -> size_t {
    if (at_src(i) == '&') return 1;
    return at_src(i) == '\\' && at_src(i + 1) == '&' ? 2 : 0;
  };
  // The finding's offset maps the word's value, not its source: the name is looked up in the
  // source of the literal (once).
  std::string lowered(src_.substr(lit_begin, lit_end - lit_begin));
  for (char& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const size_t name = lowered.find("authtoken=");
  if (name == std::string::npos || lowered.find("authtoken=", name + 1) != std::string::npos)
    throw Withhold{"cannot find the authtoken parameter in the word" + hand};
  at = lit_begin + name;
  if (at <= lit_begin) throw Withhold{"cannot find the joint before authtoken=" + hand};
  const char j = src_[at - 1];
  if (j != '&' && j != '?') throw Withhold{"cannot find the joint before authtoken=" + hand};
  const size_t jb = at - 1 > lit_begin && src_[at - 2] == '\\' ? at - 2 : at - 1;
  const size_t eq = src_.find('=', at);
  if (eq == std::string_view::npos || eq >= lit_end) throw Withhold{"no authtoken= in this word" + hand};
  // The value written in the word runs to the next joint, a fragment or a quote.
  size_t end = eq + 1;
  while (end < lit_end && joint_len(end) == 0 && std::string_view("#\"'\\").find(src_[end]) == std::string_view::npos)
    ++end;
  ExprId hole = kNoExpr;
  if (end == eq + 1) {
    // The value is the expansion that follows in the same word: `$T`, `${T}`, `"$T"`.
    const ExprId parent = in_.ParentOf(sid);
    const std::vector<ExprId> kids = parent == sid ? std::vector<ExprId>{sid} : facts_.exprs[parent].children;
    const auto i = static_cast<size_t>(std::find(kids.begin(), kids.end(), sid) - kids.begin());
    if (end != lit_end || i + 1 >= kids.size())
      throw Withhold{"the token is appended to the URL elsewhere" + hand};
    hole = kids[i + 1];
    const ir::Expr& h = facts_.exprs[hole];
    end = h.span.end;
    if (h.span.begin == lit_end + 1 && at_src(lit_end) == '"' && at_src(end) == '"') {
      ++end;  // `"$T"`: the quotes go with it
    } else if (h.span.begin != lit_end) {
      throw Withhold{"cannot find the token after authtoken=" + hand};
    }
  }
  // What follows: another parameter, a fragment, or the end of the word.
  const char after = at_src(end);
  const bool word_ends = after == '\0' || after == ' ' || after == '\t' || after == '\n' ||
                         after == '\r' || after == ';' || after == '|' || after == ')' ||
                         (after == '\\' && (at_src(end + 1) == '\n' || at_src(end + 1) == '\r'));
  const size_t next = joint_len(end);
  if (j == '?' && next != 0) {
    ctx_->Delete(at, end + next);  // the next parameter takes the `?`
  } else if ((j == '&' && (next != 0 || word_ends || after == '#')) || (j == '?' && word_ends)) {
    ctx_->Delete(jb, end);
  } else {
    throw Withhold{"cannot rejoin the query after the authtoken parameter" + hand};
  }
  *literal = hole == kNoExpr;
  return hole;
}

ExprId Fixer::RemoveSplitAppend(const UrlParam& p) {
  auto appends = [](const std::string& op) { return op == "append" || op == "Append" || op == "+="; };
  const ir::Binding* prefix = nullptr;
  for (const ir::Binding& b : facts_.bindings) {
    if (b.value == p.root && appends(b.op)) prefix = &b;
  }
  if (prefix == nullptr || p.j != '&' || p.root != p.sid) return kNoExpr;
  // The next append to the same variable, in the same scope, appends the token alone.
  const ir::Binding* next = nullptr;
  for (const ir::Binding& b : facts_.bindings) {
    if (b.name == prefix->name && b.scope == prefix->scope && b.span.begin >= prefix->span.end &&
        (next == nullptr || b.span.begin < next->span.begin))
      next = &b;
  }
  if (next == nullptr || !appends(next->op) || next->value == kNoExpr) return kNoExpr;
  const ir::Expr& t = facts_.exprs[next->value];
  if (t.kind != ExprKind::kName && t.kind != ExprKind::kOther) return kNoExpr;
  if (p.joint == 0) {
    DeleteStatement(prefix->span);
  } else {
    ctx_->Delete(p.lit + p.joint, p.s->literal_span.end);
  }
  DeleteStatement(next->span);
  return next->value;
}

void Fixer::RemoveParamInLiteral(const UrlParam& p, size_t eq, size_t value_end) {
  const ir::Expr& s = *p.s;
  bool last_part = p.i + 1 >= p.kids.size();
  // `"…&authtoken="` with nothing after it here: the token is appended elsewhere (Ruby
  // `path << "&authtoken=" << t`, a URL prefix constant), which this edit would not remove.
  if (value_end == eq + 1 && value_end == s.text.size() && last_part)
    throw Withhold{"the token is appended to the URL elsewhere; remove it by hand"};
  if (p.j == '&') { // NOLINT(bugprone-branch-clone): separate cases that happen to edit alike
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
  bool bash = ctx_->profile().shell_words || gap.find('{') == std::string_view::npos;
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
  // The interpolated string is only `&authtoken={…}`, one operand of a longer concatenation.
  bool whole = p.j == '&' && p.joint == 0 && p.i == 0 && next == nullptr && p.parent != kNoExpr &&
               facts_.exprs[p.parent].span.end == hole_end + 1;
  if (whole && RemoveConcatOperand(p.parent)) return hole_id;
  if (p.j == '&') { // NOLINT(bugprone-branch-clone): separate cases that happen to edit alike
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
  // `url = url + "?authtoken=" + t`, Java `sb.append("?authtoken=").append(t);`: the statement is
  // the parameter alone; it goes when no later statement appends to the name (the next parameter
  // would need the `?`), else withheld.
  const ir::Binding* self_append = nullptr;
  if (i == 1 && !has_next && p.joint == 0 && kid(0).kind == ExprKind::kName) {
    const ExprId top = p.parent == kNoExpr ? p.sid : p.parent;
    for (const auto& bd : facts_.bindings) {
      if (bd.value == top && bd.op == "=" && bd.name == kid(0).text) self_append = &bd;
    }
  }
  if (p.j == '?' && self_append != nullptr) {
    for (const auto& bd : facts_.bindings) {
      if (bd.name == self_append->name && bd.scope == self_append->scope && bd.span.begin >= self_append->span.end)
        throw Withhold{"the query continues in a later append to '" + bd.name +
                       "', which needs the `?`; remove the authtoken parameter by hand"};
    }
    DeleteStatement(self_append->span);
    return hole_id;
  }
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
    const auto links = has_next ? AppendLinks(src_, kid(i - 1).span, s.span, hole.span) : std::nullopt;
    links ? ctx_->Delete(links->begin, links->end) : ctx_->Delete(kid(i - 1).span.end, hole.span.end);
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

bool Fixer::RemoveConcatOperand(ExprId operand) {
  ExprId outer = in_.ParentOf(operand);
  if (outer == operand) return false;
  const std::vector<ExprId>& kids = facts_.exprs[outer].children;
  auto it = std::find(kids.begin(), kids.end(), operand);
  if (it == kids.begin() || it == kids.end()) return false;
  const Span prev = facts_.exprs[*(it - 1)].span;
  const Span op = facts_.exprs[operand].span;
  std::string_view concat = ctx_->profile().concat;
  size_t first = concat.find_first_not_of(' ');
  if (first == std::string_view::npos) return false;
  char joint = concat[first];
  // The operator right before the operand.
  size_t j = op.begin;
  while (j > prev.end && (src_[j - 1] == ' ' || src_[j - 1] == '\t')) --j;
  if (j == prev.end || src_[j - 1] != joint) return false;
  size_t before = j - 1;
  std::string_view between = ctx_->Text({prev.end, static_cast<uint32_t>(before)});
  if (between.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    ctx_->Delete(prev.end, op.end);  // `prev . "&authtoken={…}"`, on one line or two
    return true;
  }
  // A comment between: the operand's own line goes when nothing else is on it.
  size_t lb = ctx_->LineBegin(before);
  size_t le = src_.find('\n', op.end);
  if (le == std::string_view::npos) return false;
  bool alone = ctx_->Text({static_cast<uint32_t>(lb), static_cast<uint32_t>(before)}).find_first_not_of(" \t") ==
                   std::string_view::npos &&
               ctx_->Text({op.end, static_cast<uint32_t>(le)}).find_first_not_of(" \t\r") == std::string_view::npos;
  if (!alone) return false;
  ctx_->Delete(lb, le + 1);
  return true;
}

}  // namespace authshift::rewriters::oauth

namespace authshift::rewriters::oauth {

ExprId Fixer::RemoveSplitNameParam(ExprId sid) {
  const ir::Expr& s = facts_.exprs[sid];
  const std::string lowered = core::AsciiLowered(s.text);
  const bool with_eq = lowered == "authtoken=";
  if (!Standalone(s) || !Plain(s) || (!with_eq && lowered != "authtoken")) return kNoExpr;
  // The part in the join: the literal itself, or the one read of the name bound to it.
  ExprId part = sid;
  if (in_.ParentOf(sid) == sid) {
    const ir::Binding* b = ir::BindingOfValue(facts_, sid, true);
    if (b == nullptr) return kNoExpr;
    const std::vector<ExprId> reads = ctx_->ReadsOf(*b);
    if (reads.size() != 1) return kNoExpr;
    part = reads.front();
  }
  const ExprId parent = in_.ParentOf(part);
  if (parent == part || facts_.exprs[parent].kind != ExprKind::kConcat) return kNoExpr;
  const std::vector<ExprId>& kids = facts_.exprs[parent].children;
  const size_t i = static_cast<size_t>(std::find(kids.begin(), kids.end(), part) - kids.begin());
  const size_t t = with_eq ? i + 1 : i + 2;
  if (i == 0 || t >= kids.size()) return kNoExpr;
  auto plain_piece = [&](size_t k) {
    const ir::Expr& e = facts_.exprs[kids[k]];
    return e.kind == ExprKind::kString && Standalone(e) && Plain(e);
  };
  if (!with_eq && (!plain_piece(i + 1) || facts_.exprs[kids[i + 1]].text != "=")) return kNoExpr;
  const std::string before = ir::Flatten(facts_, kids[i - 1], src_).Joined();
  if (before.empty() || (before.back() != '?' && before.back() != '&'))
    throw Withhold{"cannot find the joint before authtoken="};
  // The `&` that follows the token goes with it (a part of its own, or the first character of
  // the next literal); with nothing after the token, the joint would be left dangling.
  if (t + 1 >= kids.size() || !plain_piece(t + 1) || facts_.exprs[kids[t + 1]].text.empty() ||
      facts_.exprs[kids[t + 1]].text[0] != '&')
    throw Withhold{"the authtoken parameter ends the URL after a joint in another part; remove it by hand"};
  const ir::Expr& amp = facts_.exprs[kids[t + 1]];
  const ir::Expr& first = facts_.exprs[kids[i]];
  if (amp.text == "&") {
    if (t + 2 >= kids.size()) throw Withhold{"the URL ends with the joint after the token; remove it by hand"};
    ctx_->Delete(first.span.begin, facts_.exprs[kids[t + 2]].span.begin);
  } else {
    ctx_->Delete(first.span.begin, amp.span.begin);
    ctx_->Delete(amp.literal_span.begin, amp.literal_span.begin + 1);
  }
  return kids[t];
}

}  // namespace authshift::rewriters::oauth

