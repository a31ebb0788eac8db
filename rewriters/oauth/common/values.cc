// Questions about values shared by the language files: whether an argument carries a parameter
// entry, whether a binding is a constant, whether a key names the Authorization header.
#include "rewriters/oauth/common/values.h"

#include <re2/re2.h>

#include <algorithm>

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

bool CarriesEntry(const Context& ctx, ir::ExprId v, uint32_t entry,
                  const std::vector<ir::ExprId>& encoded) {
  if (v == ir::kNoExpr) return false;
  if (ctx.HoldsEntry(v, entry)) return true;
  return ctx.BuiltFrom(
      v,
      [&](ir::ExprId x) { return std::find(encoded.begin(), encoded.end(), x) != encoded.end(); },
      ir::kThroughEverything);
}

bool ConstantDeclaration(const Context& ctx, const ir::Binding& b) {
  const ConstantStyle style = ctx.profile().constants;
  if (style == ConstantStyle::kNone) return false;
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(b.span.begin);
  std::string_view line = src.substr(lb, b.span.end - lb);
  if (style == ConstantStyle::kFileScope) {
    // A #define is expanded where it is used (the lookup can go into it); a file-scope variable
    // cannot be initialised with a run-time lookup.
    const size_t first = line.find_first_not_of(" \t");
    return b.scope == 0 && !(first != std::string_view::npos && line[first] == '#');
  }
  static const RE2 kConst(R"(\bconst\b)");
  if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kConst)) return true;
  if (style != ConstantStyle::kConstOrBlock) return false;
  // Inside a `const (` … `)` block: the nearest block opener above, with no closing line between.
  std::string_view before = src.substr(0, lb);
  size_t open = before.rfind("\nconst (");
  size_t close = before.rfind("\n)");
  return open != std::string_view::npos && (close == std::string_view::npos || close < open);
}

std::optional<ir::Span> FileLocalConstantLines(const Context& ctx, const ir::Binding& b) {
  if (!ConstantDeclaration(ctx, b) || b.name.empty()) return std::nullopt;
  std::string_view src = ctx.src();
  const size_t lb = ctx.LineBegin(b.span.begin);
  size_t eol = src.find('\n', b.span.end);
  eol = eol == std::string_view::npos ? src.size() : eol + 1;
  const std::string_view before = src.substr(lb, b.span.begin - lb);
  const std::string_view after = src.substr(b.span.end, eol - b.span.end);
  // Only keywords and a type (C: and pointer stars) before it on its line; only `;` and a comment
  // after it.
  static const RE2 kBefore(R"([ \t]*(?:[A-Za-z_][\w\\]*[ \t]+)*)");
  static const RE2 kBeforeC(R"([ \t]*(?:(?:[A-Za-z_]\w*|\*)[ \t]*)*)");
  static const RE2 kAfter(R"([ \t]*;?[ \t]*(?:(?://|#).*)?\r?\n?)");
  const ConstantStyle style = ctx.profile().constants;
  if (!RE2::FullMatch(re2::StringPiece(before.data(), before.size()),
                      style == ConstantStyle::kFileScope ? kBeforeC : kBefore) ||
      !RE2::FullMatch(re2::StringPiece(after.data(), after.size()), kAfter)) {
    return std::nullopt;
  }
  const std::string_view decl = src.substr(lb, b.span.end - lb);
  static const RE2 kPrivate(R"(\bprivate\b)");
  static const RE2 kStatic(R"(^[ \t]*(?:[A-Za-z_]\w*[ \t]+)*static\b)");  // C: internal linkage
  const char first = b.name[0];
  const re2::StringPiece d(decl.data(), decl.size());
  const bool local = style == ConstantStyle::kConstOrBlock ? (first >= 'a' && first <= 'z') || first == '_'
                     : style == ConstantStyle::kFileScope  ? RE2::PartialMatch(d, kStatic)
                                                           : RE2::PartialMatch(d, kPrivate);
  if (!local) return std::nullopt;
  // A blank line after it goes too when the declaration opened its block or followed a blank line
  // (no double blank line, no blank line after `{`).
  const std::string_view prev = src.substr(0, lb == 0 ? 0 : lb - 1);
  const size_t last = prev.find_last_not_of(" \t\r");
  const bool opener = last == std::string_view::npos || prev[last] == '{' || prev[last] == '(' || prev[last] == '\n';
  size_t next = eol;
  while (next < src.size() && (src[next] == ' ' || src[next] == '\t' || src[next] == '\r')) ++next;
  if (opener && next < src.size() && src[next] == '\n') eol = next + 1;
  return ir::Span{static_cast<uint32_t>(lb), static_cast<uint32_t>(eol)};
}

bool IsAuthorizationKey(const Context& ctx, ir::ExprId key) {
  if (key == ir::kNoExpr) return false;
  std::string k = ir::Flatten(ctx.facts(), key, ctx.src()).Joined();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return k == "authorization" || k.find(".authorization") != std::string::npos;
}

}  // namespace authshift::rewriters::oauth
