#include "scanner/engine/context_matcher.h"

#include <algorithm>
#include <set>

namespace authshift::engine {
namespace {

// The value's expressions (for binding-to-sink rules reading this rule's matches) and whether its
// text says it is something else (an OAuth token, …).
bool ValueExcluded(const Rule& rule, const IrContext& ctx, ir::ExprId value, TextMatch* t) {
  if (value == ir::kNoExpr) return false;
  ir::StringValue v = ir::Flatten(ctx.facts, value, ctx.source);
  // Literal text and the source text of each hole: `jwt`, `$idToken` and `token[:4] + "…"` say
  // what the value is.
  std::string text;
  for (const auto& p : v.parts) text += p.text;
  if (rule.ir.value_not && RE2::PartialMatch(text, *rule.ir.value_not)) return true;
  std::set<uint32_t> ids;
  for (const auto& p : v.parts) ids.insert(p.expr);
  t->value_exprs.assign(ids.begin(), ids.end());
  return false;
}

// Not a parameter map: a field of the object itself (`this.authtoken = t`, `$this->authtoken`) or
// the user's session and cookies.
bool NotAParameterMap(const ir::MapEntry& e) {
  static const RE2 kOwners(R"(^(?:this|self|\$this|cls|@|\$_SESSION|\$_COOKIE|session|cookies|request\.session)$)");
  return e.origin == ir::EntryOrigin::kIndexAssign && RE2::FullMatch(e.container_name, kOwners);
}

// A literal value that is no token: prose ("moved to connection", "n/a", "redacted"). An empty
// value (a default slot), a 32-hex token, a mask or a placeholder naming the token stays.
bool ProseLiteral(const ir::Facts& f, ir::ExprId value, std::string_view source) {
  if (value == ir::kNoExpr) return false;
  ir::StringValue v = ir::Flatten(f, value, source);
  if (!v.AllLiteral() || f.at(value).kind == ir::ExprKind::kMap) return false;
  static const RE2 kTokenish(R"((?i)^(?:|[0-9a-f]{32}|\*+|x+|[\w ]*auth_?token[\w ]*)$)");
  return !RE2::FullMatch(v.Joined(), kTokenish);
}

}  // namespace

std::vector<TextMatch> ZohoKeys(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  // YAML keys are config keys (authtoken-config-key, zoho-authtoken-config); shell maps are curl
  // options (authtoken-param-map).
  if (ctx.language == "yaml" || ctx.language == "bash") return out;
  const ir::Facts& f = ctx.facts;
  for (uint32_t i = 0; i < f.entries.size(); ++i) {
    const ir::MapEntry& e = f.entries[i];
    std::string key = LiteralText(f, e.key, ctx.source);
    // A key held in a constant of another file (`Constants.HTTP_POST_PARAM_AUTHTOKEN`) is known by
    // its name only.
    static const RE2 kKeyConstant(R"((?i)authtoken$)");
    if (key.empty() && e.key != ir::kNoExpr && f.at(e.key).kind == ir::ExprKind::kName &&
        RE2::PartialMatch(f.at(e.key).text, kKeyConstant)) {
      key = "authtoken";
    }
    if (key.empty() || !RE2::PartialMatch(key, *rule.ir.name)) continue;
    if (NotAParameterMap(e) || ProseLiteral(f, e.value, ctx.source)) continue;
    // In data files a string value is a config key's (authtoken-config-key, zoho-authtoken-config);
    // an object value is a parameter definition (a Guzzle service description).
    if (ctx.language == "json" && (e.value == ir::kNoExpr || f.at(e.value).kind != ir::ExprKind::kMap)) continue;
    TextMatch t = SpanMatch(e.span);
    if (ValueExcluded(rule, ctx, e.value, &t)) continue;
    t.facts.entry = i;  // the fixer follows the map to its request, across methods
    AddSinks(ctx, ir::SeedsOfEntry(f, e), e.span, &t);
    out.push_back(std::move(t));
  }
  for (const ir::Call& c : f.calls) {
    for (const ir::Arg& a : c.args) {
      if (a.name.empty() || !RE2::PartialMatch(a.name, *rule.ir.name)) continue;
      TextMatch t = SpanMatch(a.span);
      if (ValueExcluded(rule, ctx, a.value, &t)) continue;
      ir::FlowSeeds seeds;
      seeds.exprs.push_back(c.self);
      AddSinks(ctx, seeds, a.span, &t);
      out.push_back(std::move(t));
    }
  }
  return out;
}

std::vector<TextMatch> ZohoLiterals(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  // Data files and shell scripts: their literals are the config and request rules' business.
  if (ctx.language == "json" || ctx.language == "yaml" || ctx.language == "bash") return out;
  const ir::Facts& f = ctx.facts;
  auto consider = [&](std::string_view holder, ir::ExprId value, ir::Span span) {
    if (value == ir::kNoExpr || holder.empty()) return;
    const ir::Expr& e = f.at(value);
    if (e.kind != ir::ExprKind::kString || !RE2::FullMatch(e.text, *rule.ir.value)) return;
    re2::StringPiece h(holder.data(), holder.size());
    if (!RE2::PartialMatch(h, *rule.ir.name)) return;
    if (rule.ir.value_not && RE2::PartialMatch(h, *rule.ir.value_not)) return;
    TextMatch t = SpanMatch(span);
    t.has_secret = e.literal_span.end > e.literal_span.begin;
    t.secret_begin = e.literal_span.begin;
    t.secret_end = e.literal_span.end;
    t.value_exprs.push_back(value);
    out.push_back(std::move(t));
  };
  for (const ir::Binding& b : f.bindings) {
    if (b.op == "=") consider(b.name, b.value, b.span);
  }
  for (const ir::MapEntry& e : f.entries) consider(LiteralText(f, e.key, ctx.source), e.value, e.span);
  return out;
}

void DropReportedElsewhere(const Rule& rule, const IrContext& ctx, std::vector<TextMatch>* matches) {
  if (rule.ir.unless_reported_by.empty() || ctx.sink_matches == nullptr) return;
  std::vector<std::pair<uint32_t, uint32_t>> taken;
  for (const auto& [id, ms] : *ctx.sink_matches) {
    if (std::find(rule.ir.unless_reported_by.begin(), rule.ir.unless_reported_by.end(), id) ==
        rule.ir.unless_reported_by.end()) {
      continue;
    }
    for (const auto& m : ms) taken.emplace_back(m.begin, m.end);
  }
  std::erase_if(*matches, [&](const TextMatch& m) {
    return std::any_of(taken.begin(), taken.end(), [&](const auto& s) { return m.begin < s.second && s.first < m.end; });
  });
}

}  // namespace authshift::engine
