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
  static const RE2 kConst(R"(\bconst\b)");
  if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kConst)) return true;
  if (style != ConstantStyle::kConstOrBlock) return false;
  // Inside a `const (` … `)` block: the nearest block opener above, with no closing line between.
  std::string_view before = src.substr(0, lb);
  size_t open = before.rfind("\nconst (");
  size_t close = before.rfind("\n)");
  return open != std::string_view::npos && (close == std::string_view::npos || close < open);
}

bool IsAuthorizationKey(const Context& ctx, ir::ExprId key) {
  if (key == ir::kNoExpr) return false;
  std::string k = ir::Flatten(ctx.facts(), key, ctx.src()).Joined();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return k == "authorization" || k.find(".authorization") != std::string::npos;
}

}  // namespace authshift::rewriters::oauth
