// A request group: the legacy-API check, the token kept or replaced by the lookup, and the header
// added through the language profile.
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "rewriters/oauth/common/fixer.h"
#include "scanner/core/strings.h"
#include "scanner/ir/form_body.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

std::string Fixer::FixRequest(const std::string& key, const std::vector<Member>& members) {
  token_note_.clear();
  uint32_t call = static_cast<uint32_t>(std::stoul(key.substr(1)));
  const Request& req = requests_.at(call);
  const ir::Call& c = facts_.calls[call];
  // Legacy APIs are report-only: a token swap does not make CRM v1, Creator v1 or Invoice v2
  // work.
  // The call's arguments, the URL of the curl handle it configures, and the maps the entries are in.
  std::vector<ExprId> sent = ir::CurlHandleUrls(facts_, c);
  for (const auto& a : c.args) sent.push_back(a.value);
  for (const Member& m : members) {
    if (m.f->match_kind == core::MatchKind::kUrlParam) continue;
    if (auto e = in_.EntryOf(*m.f); e && facts_.entries[*e].container != kNoExpr) sent.push_back(facts_.entries[*e].container);
  }
  // A map's `scope=crmapi`-style entry sent to a current (versioned) API is a leftover companion
  // of the token: it goes with it (LegacyScopeEntries) instead of marking the call legacy.
  const bool current = std::any_of(sent.begin(), sent.end(), [&](ExprId v) {
    return v != kNoExpr && ir::IsCurrentApi(ir::Flatten(facts_, v, src_).Joined());
  });
  for (const Member& m : members) {
    if (m.f->match_kind == core::MatchKind::kUrlParam || current) continue;
    if (auto e = in_.EntryOf(*m.f); e && FilledForLegacyApi(facts_.entries[*e])) {
      throw Withhold{
          "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"};
    }
  }
  for (ExprId v : sent) {
    if (v == kNoExpr) continue;
    if (ir::IsLegacyApi(ir::Flatten(facts_, v, src_).Joined()) || (!current && SendsLegacyScope(v))) {
      throw Withhold{
          "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"};
    }
  }
  std::optional<std::string> token;
  bool hard_coded = false;
  ExprId token_expr = kNoExpr;
  std::vector<uint32_t> entries;
  std::vector<ExprId> tokens;
  for (const Member& m : members) {
    ExprId t = kNoExpr;
    bool literal = false;
    if (m.f->match_kind == core::MatchKind::kUrlParam) {
      auto s = in_.StringOf(*m.f);
      if (!s) throw Withhold{"cannot find the URL literal"};
      if (ir::IsLegacyApi(ir::Flatten(facts_, in_.RootOf(*s), src_).Joined())) {
        throw Withhold{
            "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by "
            "hand"};
      }
      t = RemoveUrlParam(*s, m.f->byte_start, &literal);
    } else {
      auto e = in_.EntryOf(*m.f);
      if (!e) throw Withhold{"cannot find the parameter entry"};
      entries.push_back(*e);
      t = facts_.entries[*e].value;
      if (facts_.exprs[t].kind == ExprKind::kString) literal = true;
    }
    std::string text = literal ? std::string("<literal>") : std::string(ctx_->Text(t));
    if (token && *token != text) throw Withhold{"the request sends two different tokens"};
    token = text;
    hard_coded = literal;
    token_expr = t;
    tokens.push_back(t);
  }
  const size_t own_entries = entries.size();
  if (current) AddLegacyScopeEntries(&entries);
  const std::string scope_note =
      entries.size() > own_entries ? "; its legacy 'scope' parameter, which this API does not read, went with it" : "";
  RemoveEntries(entries, call);
  std::string header_token;
  if (ctx_->Refresh()) {
    // Whatever the request sent, it now asks the helper (the old token is an Authtoken).
    header_token = ctx_->Lookup();
    if (!hard_coded && facts_.exprs[token_expr].kind == ExprKind::kName) consumed_.insert(token_expr);
    ctx_->profile().add_header(*ctx_, req, header_token);
    return "the token moved to an Authorization: Zoho-oauthtoken header (" + req.client + ")" + scope_note + "; " +
           TokenDetail(hard_coded ? std::string() : std::string(ctx_->Text(token_expr)), hard_coded);
  }
  if (hard_coded) {
    header_token = ctx_->Lookup();
  } else if (std::optional<std::string> moved = MoveHardCodedTokens(tokens, c)) {
    ctx_->profile().add_header(*ctx_, req, *moved);
    return "the token moved to an Authorization: Zoho-oauthtoken header (" + req.client +
           "); the hard-coded Authtoken's variable is deleted and the header reads " + *moved +
           ", which must hold an OAuth access token; revoke the old Authtoken";
  } else {
    CheckVisible(token_expr, c);
    header_token = KeepToken(token_expr);
    if (facts_.exprs[token_expr].kind != ExprKind::kName) consumed_.insert(token_expr);
  }
  ctx_->profile().add_header(*ctx_, req, header_token);
  std::string detail = TokenDetail(header_token, hard_coded);
  return "the token moved to an Authorization: Zoho-oauthtoken header (" + req.client + ")" + scope_note + "; " +
         detail;
}

void Fixer::CheckVisible(ExprId t, const ir::Call& c) const {
  const ir::Expr& e = facts_.exprs[t];
  const ir::Expr& call = facts_.exprs[c.self];
  if (e.kind == ExprKind::kName) {
    const ir::Binding* at_token = ctx_->BindingOf(t);
    const ir::Binding* at_call = ir::Resolve(facts_, e.text, call.span.begin, call.scope);
    if (at_token == at_call) return;
    throw Withhold{"'" + e.text +
                   "' is not the same variable where the request is made; add the header by hand"};
  }
  // A member chain from a constant (`ZohoReports.configuration.auth_token`, `Config.TOKEN`) means
  // the same in every method.
  static const RE2 kFromConstant(R"([A-Z]\w*(?:(?:\.|::)[A-Za-z_]\w*)+)");
  if (e.scope != call.scope && !RE2::FullMatch(ctx_->Text(t), kFromConstant))
    throw Withhold{"the token expression is not in the request's scope; add the header by hand"};
}

std::optional<std::string> Fixer::MoveHardCodedTokens(const std::vector<ExprId>& tokens, const ir::Call& c) {
  const ir::Expr& call = facts_.exprs[c.self];
  std::vector<const ir::Binding*> bindings;
  for (ExprId t : tokens) {
    const ir::Expr& e = facts_.exprs[t];
    if (e.kind != ExprKind::kName || e.scope == call.scope) return std::nullopt;
    const ir::Binding* b = ctx_->BindingOf(t);
    if (b == nullptr || b->op != "=" || b->value == kNoExpr || b->scope != e.scope ||
        facts_.exprs[b->value].kind != ExprKind::kString)
      return std::nullopt;
    // Visible where the request is made (a field): the ordinary path keeps it.
    if (ir::Resolve(facts_, e.text, call.span.begin, call.scope) == b) return std::nullopt;
    const std::vector<ExprId> reads = ctx_->ReadsOf(*b);
    if (reads.size() != 1 || reads.front() != t) return std::nullopt;
    bindings.push_back(b);
  }
  if (bindings.empty()) return std::nullopt;
  // `String token = "…";` alone on its line: the line goes.
  static const RE2 kBefore(R"([ \t]*(?:final[ \t]+)?[\w.<>\[\]]+[ \t]+)");
  static const RE2 kAfter(R"([ \t]*;[ \t]*\r?)");
  std::vector<Span> lines;
  for (const ir::Binding* b : bindings) {
    const size_t lb = ctx_->LineBegin(b->span.begin);
    size_t eol = src_.find('\n', b->span.end);
    eol = eol == std::string_view::npos ? src_.size() : eol;
    const std::string_view before = src_.substr(lb, b->span.begin - lb);
    const std::string_view after = src_.substr(b->span.end, eol - b->span.end);
    if (!RE2::FullMatch(re2::StringPiece(before.data(), before.size()), kBefore) ||
        !RE2::FullMatch(re2::StringPiece(after.data(), after.size()), kAfter))
      return std::nullopt;
    lines.push_back({static_cast<uint32_t>(lb), static_cast<uint32_t>(eol < src_.size() ? eol + 1 : eol)});
  }
  std::string lookup = ctx_->Lookup();
  for (size_t i = 0; i < bindings.size(); ++i) {
    consumed_.insert(tokens[i]);
    ctx_->Delete(lines[i].begin, lines[i].end);
    dropped_.insert(bindings[i]->value);
  }
  return lookup;
}

void Fixer::AddLegacyScopeEntries(std::vector<uint32_t>* entries) const {
  std::set<ExprId> maps;
  for (uint32_t e : *entries) maps.insert(facts_.entries[e].container);
  for (ExprId m : maps) {
    if (m == kNoExpr) continue;
    for (uint32_t e : ir::EntriesOf(facts_, m)) {
      if (IsLegacyScopeEntry(facts_.entries[e]) && std::find(entries->begin(), entries->end(), e) == entries->end())
        entries->push_back(e);
    }
  }
}

bool Fixer::IsLegacyScopeEntry(const ir::MapEntry& e) const { return ir::IsLegacyScopeEntry(facts_, e, src_); }

bool Fixer::SendsLegacyScope(ExprId v) const {
  for (uint32_t e : ir::EntriesOf(facts_, v)) {
    if (IsLegacyScopeEntry(facts_.entries[e])) return true;
  }
  return false;
}

}  // namespace authshift::rewriters::oauth
