// The header scheme swap (`Zoho-authtoken` -> `Zoho-oauthtoken`) and the token that goes with it.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/common/fixer.h"
#include "rewriters/oauth/common/refresh.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

std::string Fixer::KeepToken(ExprId t, bool in_place) {
  const ir::Expr& e = facts_.exprs[t];
  if (e.kind == ExprKind::kName) {
    consumed_.insert(t);
    ExprId target = ir::Deref(facts_, t);
    if (target != t && facts_.exprs[target].kind == ExprKind::kString) {
      const ir::Binding* b = ctx_->BindingOf(t);
      // Follow name-to-name bindings to the one that holds the literal. An alias read only here
      // (`const char *token = ZOHO_AUTHTOKEN;`) passes the literal on to this request alone: its
      // read of the next name counts as this request's.
      for (int guard = 0; guard < 8 && b != nullptr && b->value != target; ++guard) {
        if (ctx_->ReadsOf(*b).size() == 1) consumed_.insert(b->value);
        b = ctx_->BindingOf(b->value);
      }
      if (b == nullptr) throw Withhold{"cannot find where the hard-coded token is assigned"};
      if (ConstantDeclaration(*ctx_, *b)) {
        // A constant cannot hold the lookup: the request reads it directly, and the declaration
        // goes once every read of it is fixed (Collect) — when no other file can read it.
        if (!FileLocalConstantLines(*ctx_, *b)) {
          throw Withhold{"the hard-coded token '" + b->name +
                         "' is a constant other files may read, which cannot hold the environment lookup; "
                         "make it a variable holding an OAuth access token by hand and revoke the token"};
        }
        needs_.insert(b);
        std::string lookup = ctx_->Lookup();
        if (in_place) ctx_->Replace(e.span.begin, e.span.end, lookup);
        token_note_ = "the hard-coded constant '" + b->name + "' is deleted and the token read from " +
                      ctx_->LookupText();
        return lookup;
      }
      needs_.insert(b);
      token_note_ = "the hard-coded token '" + e.text + "' now comes from " + ctx_->LookupText();
    }
  }
  return std::string(ctx_->Text(t));
}

std::string Fixer::TokenDetail(const std::string& token, bool hard_coded) const {
  if (ctx_->Refresh()) {
    const RefreshHelper* h = ctx_->Helper();
    const std::string_view from = h == nullptr ? "the refresh helper" : h->file.empty() ? "the configured helper" : h->file;
    return std::string("the access token now comes from ") + std::string(from) + " (" + ctx_->LookupText() +
           "), which needs ZOHO_REFRESH_TOKEN, ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET; revoke the "
           "old Authtoken" +
           (hard_coded || token.empty() ? "" : " and stop reading it into '" + token + "'");
  }
  if (hard_coded)
    return "the hard-coded Authtoken was replaced by " + ctx_->LookupText() +
           ", which must hold an OAuth access token; revoke the old Authtoken";
  if (!token_note_.empty())
    return token_note_ + ", which must hold an OAuth access token; revoke the old Authtoken";
  return "'" + token +
         "' must now hold an OAuth access token (sent as Authorization: Zoho-oauthtoken)";
}

const ir::Expr* Fixer::EnclosingLiteral(const ir::Expr& piece) const {
  for (const auto& e : facts_.exprs) {
    if (e.kind == ExprKind::kString && Standalone(e) && Plain(e) &&
        e.literal_span.begin <= piece.literal_span.begin &&
        e.literal_span.end == piece.literal_span.end) {
      return &e;
    }
  }
  return nullptr;
}

void Fixer::NeedsJoin() const {
  if (!ctx_->profile().concat.empty()) return;
  if (ctx_->profile().shell_words) return;  // words join by adjacency
  throw Withhold{
      "the header carries a hard-coded token; read the OAuth token at run time instead (" +
      ctx_->LookupText() +
      ", checked for NULL) and build the header line from it (snprintf into a buffer in C), "
      "then revoke the old Authtoken"};
}

std::string Fixer::FixHeader(const core::Finding& f) {
  token_note_.clear();
  auto idx = in_.EntryOf(f);
  if (!idx) throw Withhold{"cannot find the header entry"};
  ExprId root = facts_.entries[*idx].value;
  if (auto removed = RemoveFallbackBranch(facts_.exprs[root].span.begin)) return *removed;
  // The header value held in a variable read only here: edit it where it is built.
  for (int guard = 0; guard < 4 && facts_.exprs[root].kind == ExprKind::kName; ++guard) {
    const ir::Binding* b = ctx_->BindingOf(root);
    if (b == nullptr || b->op != "=" || b->value == kNoExpr || ctx_->ReadsOf(*b).size() != 1) {
      throw Withhold{
          "the header value comes from a variable used elsewhere; change its scheme by hand"};
    }
    root = b->value;
  }
  std::vector<ExprId> parts = facts_.exprs[root].kind == ExprKind::kConcat
                                  ? facts_.exprs[root].children
                                  : std::vector<ExprId>{root};
  for (size_t i = 0; i < parts.size(); ++i) {
    ExprId lit_id = parts[i];
    if (facts_.exprs[lit_id].kind == ExprKind::kName) {
      // F14: the old scheme held in a constant (`LEGACY_SCHEME = "…"`), used only here.
      const ir::Binding* b = ctx_->BindingOf(lit_id);
      if (b == nullptr || b->value == kNoExpr || facts_.exprs[b->value].kind != ExprKind::kString)
        continue;
      if (core::AsciiLowered(facts_.exprs[b->value].text).find(kOldScheme) == std::string::npos) continue;
      if (ctx_->ReadsOf(*b).size() != 1)
        throw Withhold{"the scheme constant '" + b->name +
                       "' is used elsewhere; change it by hand"};
      lit_id = b->value;
    }
    const ir::Expr& lit = facts_.exprs[lit_id];
    if (lit.kind != ExprKind::kString) continue;
    size_t at = core::AsciiLowered(lit.text).find(kOldScheme);
    if (at == std::string::npos) continue;
    if (!Plain(lit)) throw Withhold{"the header literal holds escapes; change its scheme by hand"};
    std::string rest = lit.text.substr(at + kOldScheme.size());
    size_t tok = rest.find_first_not_of(" \t");
    if (tok != std::string::npos) {
      // The token written into the same literal: the secret goes, the lookup comes.
      std::string token = rest.substr(tok);
      const ir::Expr* whole = Standalone(lit) ? &lit : EnclosingLiteral(lit);
      if (!RE2::FullMatch(token, "[0-9A-Za-z._-]+") || whole == nullptr || parts.size() != 1) {
        throw Withhold{
            "a hard-coded token inside a larger string; replace it by hand and revoke it"};
      }
      NeedsJoin();
      // `"Zoho-authtoken <tok>"` -> `"Zoho-oauthtoken " + lookup`; a header line keeps its name:
      // `'Authorization: Zoho-authtoken <tok>'` -> `'Authorization: Zoho-oauthtoken ' . lookup`.
      std::string closer(ctx_->Text({whole->literal_span.end, whole->span.end}));
      if (ctx_->profile().shell_words) {
        // A shell word: the lookup goes inside double quotes; a single-quoted word is closed
        // first (`'…: Zoho-oauthtoken '"$ZOHO_OAUTH_TOKEN"`).
        std::string lookup = ctx_->Lookup();  // a shell word: "$ZOHO_OAUTH_TOKEN"
        if (lookup.size() >= 2 && lookup.front() == '"' && lookup.back() == '"')
          lookup = lookup.substr(1, lookup.size() - 2);
        if (closer == "\"") {
          ctx_->Replace(lit.literal_span.begin + at, whole->literal_span.end,
                        std::string(kNewScheme) + " " + lookup);
        } else if (closer == "'") {
          ctx_->Replace(lit.literal_span.begin + at, whole->span.end,
                        std::string(kNewScheme) + " '\"" + lookup + "\"");
        } else {
          throw Withhold{
              "a hard-coded token in an unquoted word; replace it by hand and revoke it"};
        }
        return TokenDetail("", true);
      }
      ctx_->Replace(lit.literal_span.begin + at, whole->span.end,
                    std::string(kNewScheme) + " " + closer + std::string(ctx_->profile().concat) +
                        ctx_->Lookup());
      return TokenDetail("", true);
    }
    ctx_->Replace(lit.literal_span.begin + at, lit.literal_span.begin + at + kOldScheme.size(),
                  std::string(kNewScheme));
    // The token: the next part that is not blank.
    for (size_t k = i + 1; k < parts.size(); ++k) {
      const ir::Expr& p = facts_.exprs[parts[k]];
      if (p.kind == ExprKind::kString && p.text.find_first_not_of(" \t") == std::string::npos)
        continue;
      if (p.kind == ExprKind::kString) {
        if (!Standalone(p) || !RE2::FullMatch(p.text, "[0-9A-Za-z._-]+")) {
          throw Withhold{
              "a hard-coded token inside a larger string; replace it by hand and revoke it"};
        }
        NeedsJoin();
        ctx_->Replace(p.span.begin, p.span.end, ctx_->Lookup());
        return TokenDetail("", true);
      }
      if (ctx_->Refresh()) {
        NeedsJoin();
        std::string old(ctx_->Text(parts[k]));
        if (p.kind == ExprKind::kName) consumed_.insert(parts[k]);  // its local may go (dead_locals.cc)
        ctx_->Replace(p.span.begin, p.span.end, ctx_->Lookup());
        return TokenDetail(old, false);
      }
      std::string token = KeepToken(parts[k], true);
      if (!needs_.empty()) NeedsJoin();
      return TokenDetail(token, false);
    }
    return "the credential sent with this scheme must now be an OAuth access token";
  }
  throw Withhold{"cannot find the old scheme in a string literal"};
}

}  // namespace authshift::rewriters::oauth
