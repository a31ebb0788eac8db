// The OAuth fix of one file: findings grouped by request or header, each group fixed whole or
// withheld, hard-coded token bindings replaced by the lookup when every read of them is fixed.
#include "rewriters/oauth/common/fixer.h"

#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/common/comment_secrets.h"
#include "rewriters/oauth/common/values.h"
#include "rewriters/oauth/common/refresh.h"
#include "rewriters/oauth/oauth.h"
#include "scanner/core/strings.h"
#include "scanner/ir/flow.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

Fixer::Fixer(const FixInput& input, const LanguageProfile& profile, const FixOptions& options)
    : in_(input), src_(input.src()), facts_(input.facts()), rename_options_(options.rename_options),
      project_(options.project.get()) {
  ctx_.emplace(src_, facts_, profile, options);
}

namespace {

// Why nothing in browser code is fixed: an OAuth token there would be as public as the Authtoken.
constexpr std::string_view kBrowserReason =
    "browser code (DOM, jQuery or JSX and no Node.js evidence): a token here is visible to every visitor; "
    "move the call server-side (or into a Zoho-side connection) and revoke the Authtoken";

// True when one of `edits` deletes the bytes of `s` (a statement the fix removed).
bool DeletedByEdits(const std::vector<Edit>& edits, Span s) {
  return std::any_of(edits.begin(), edits.end(), [&](const Edit& e) {
    return e.text.empty() && e.offset <= s.begin && e.offset + e.length >= s.end;
  });
}

}  // namespace

RewriteResult Fixer::Run(const std::vector<const core::Finding*>& findings) {
  RewriteResult result;
  std::vector<Member> literals;
  std::vector<GroupFix> groups;
  for (auto& [key, members] : GroupFindings(findings, &literals, &result.outcomes))
    groups.push_back(FixGroup(key, members));
  WithholdSharedTokens(&groups);
  if (ctx_->Refresh()) DropDeadLocals(&groups);
  std::set<ExprId> replaced = Collect(groups, &result);
  AddDeadLocalEdits(&result);
  for (const Member& m : literals) {
    const ir::Binding* dead = ctx_->Refresh() ? in_.BindingOf(*m.f) : nullptr;
    if (dead != nullptr && dead_.count(dead) != 0 && !result.edits.empty()) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the hard-coded Authtoken is deleted with '" + dead->name +
               "', which only the fixed requests read (they now call the refresh helper); revoke it"});
      continue;
    }
    if (ctx_->Refresh()) {
      // The requests call the helper and no longer read the literal: it goes by hand (a binding
      // may be read elsewhere, and a module-level helper call would fetch the token only once).
      result.outcomes.push_back(
          {m.index, FixStatus::kWithheld,
           "token-source refresh: the fixed requests get their token from the refresh helper; "
           "delete this hard-coded Authtoken by hand and revoke it"});
      continue;
    }
    const ir::Binding* b = in_.BindingOf(*m.f);
    if (b != nullptr && dropped_.count(b->value) != 0) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the variable holding the hard-coded Authtoken is deleted: the request it was sent with reads " +
               ctx_->LookupText() + ", which must hold an OAuth access token; revoke the old Authtoken"});
    } else if (b != nullptr && replaced.count(b->value) != 0 && FileLocalConstantLines(*ctx_, *b)) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the constant holding the hard-coded Authtoken is deleted: the requests that read it read " +
               ctx_->LookupText() + ", which must hold an OAuth access token; revoke the old Authtoken"});
    } else if (b != nullptr && replaced.count(b->value) != 0) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the hard-coded Authtoken is now read from " + ctx_->LookupText() +
               ", which must hold an OAuth access token; revoke the old Authtoken"});
    } else if (b != nullptr && DeletedByEdits(result.edits, b->span)) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the hard-coded Authtoken is deleted: only the removed Authtoken fallback branch read it; revoke it"});
    } else {
      // Where it is still read, so that the user finds what keeps it.
      std::string where;
      if (b != nullptr) {
        for (ExprId r : ctx_->ReadsOf(*b)) {
          where += (where.empty() ? " (read on line " : ", ") + std::to_string(LineOf(facts_.exprs[r].span.begin));
        }
        if (!where.empty()) where += ")";
      }
      if (in_.InBrowser()) {
        result.outcomes.push_back({m.index, FixStatus::kWithheld, std::string(kBrowserReason)});
        continue;
      }
      result.outcomes.push_back(
          {m.index, FixStatus::kWithheld,
           "the requests this token is sent with were not fixed" + where +
               "; remove the literal by hand and revoke the token"});
    }
  }
  ReplaceCommentedCopies(literals, &result);
  return result;
}

void Fixer::ReplaceCommentedCopies(const std::vector<Member>& literals, RewriteResult* result) const {
  // The values of the literals fixed above, and the outcome of each, to say where a copy went.
  std::vector<std::string> removed;
  std::vector<FindingOutcome*> said;
  for (const Member& m : literals) {
    const ir::Binding* b = in_.BindingOf(*m.f);
    auto o = std::find_if(result->outcomes.begin(), result->outcomes.end(),
                          [&](const FindingOutcome& x) { return x.finding == m.index; });
    if (b == nullptr || b->value == kNoExpr || o == result->outcomes.end() || o->status != FixStatus::kFixed) continue;
    removed.push_back(facts_.exprs[b->value].text);
    said.push_back(&*o);
  }
  if (removed.empty()) return;
  std::vector<size_t> lines;
  std::vector<Edit> edits = CommentedSecretEdits(src_, facts_, removed, &lines);
  if (edits.empty()) return;
  std::string where;
  for (size_t l : lines) where += (where.empty() ? "" : ", ") + std::to_string(l);
  for (FindingOutcome* o : said)
    o->detail += (lines.size() > 1 ? "; its copies in comments (lines " : "; its copy in a comment (line ") + where +
                 (lines.size() > 1 ? ") are" : ") is") + " replaced by " + std::string(kRevokedPlaceholder);
  result->edits.insert(result->edits.end(), edits.begin(), edits.end());
}

std::map<std::string, std::vector<Fixer::Member>> Fixer::GroupFindings(
    const std::vector<const core::Finding*>& findings, std::vector<Member>* literals,
    std::vector<FindingOutcome>* outcomes) {
  const Context& ctx = *ctx_;
  std::map<std::string, std::vector<Member>> groups;
  for (size_t i = 0; i < findings.size(); ++i) {
    const core::Finding* f = findings[i];
    if (f->match_kind == core::MatchKind::kBindingToSink) {
      literals->push_back({i, f});
      continue;
    }
    if (f->match_kind == core::MatchKind::kHeader) {
      groups["h" + std::to_string(f->byte_start)].push_back({i, f});
      continue;
    }
    std::optional<Request> req;
    std::string why =
        "cannot find the request this value is sent with; move the token to an "
        "Authorization: Zoho-oauthtoken header by hand";
    if (ctx.profile().find_request == nullptr) {
      why = "no request rewriter for " + std::string(in_.lang().id) +
            " yet: move the token to an Authorization: Zoho-oauthtoken header by hand";
    } else if (f->match_kind == core::MatchKind::kUrlParam) {
      if (auto s = in_.StringOf(*f)) req = ctx.profile().find_request(ctx, *s, false);
      if (auto s = in_.StringOf(*f); !req && s) {
        if (std::string u = UnreachedRequest(ctx, in_.RootOf(*s)); !u.empty()) why = u;
      }
    } else if (f->match_kind == core::MatchKind::kZohoKey && f->facts.entry == core::FactIds::kNone) {
      // A keyword argument or option slot (`ZohoBooks(authtoken=t)`): the client library's own
      // option, which only its new version can replace; renamed when the config asks. A keyword map with a legacy scope
      // (`dict(scope="crmapi", authtoken=t)`) is a legacy-API parameter map.
      if (KeywordMapSendsLegacyScope(*f)) {
        outcomes->push_back({i, FixStatus::kWithheld,
                             "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"});
        continue;
      }
      if (rename_options_) {
        groups["o" + std::to_string(f->byte_start)].push_back({i, f});
        continue;
      }
      outcomes->push_back({i, FixStatus::kReportOnly,
                           "a client option: replace it with the library's OAuth option by hand"});
      continue;
    } else if (f->match_kind != core::MatchKind::kMapEntry && f->match_kind != core::MatchKind::kZohoKey) {
      why = "the oauth-header fix does not handle " +
            std::string(core::MatchKindName(f->match_kind)) + " findings";
    } else if (auto e = in_.EntryOf(*f)) {
      req = ctx.profile().find_request(ctx, *e, true);
      // A parameter builder and the request in another method (`getParams()` returning the map,
      // a field set in the constructor): the request the map reaches across methods.
      if (!req) {
        ctx_->FollowAcrossMethods(*e);
        req = ctx.profile().find_request(ctx, *e, true);
        ctx_->FollowAcrossMethods(std::nullopt);
      }
    }
    if (req && !req->problem.empty()) why = req->problem;
    // No request found, or none that can take the header: a retired API is the reason that matters.
    legacy_note_.clear();
    if ((!req || !req->problem.empty()) && (SendsToLegacyApi(*f) || (req && CallsLegacyApi(req->call)))) {
      why = "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand" + legacy_note_;
    }
    // Browser code: whether or not its request is known, the call must leave the browser (a legacy
    // API's reason still comes first: that call is migrated by hand in any case).
    if (in_.InBrowser() && why.rfind("legacy API", 0) != 0) {
      outcomes->push_back({i, FixStatus::kWithheld, std::string(kBrowserReason)});
      continue;
    }
    if (!req || !req->problem.empty()) {
      outcomes->push_back({i, FixStatus::kWithheld, why});
      continue;
    }
    requests_[req->call] = *req;
    groups["r" + std::to_string(req->call)].push_back({i, f});
  }
  return groups;
}

bool Fixer::SendsToLegacyApi(const core::Finding& f) const {
  if (f.match_kind == core::MatchKind::kUrlParam) {
    auto s = in_.StringOf(f);
    return s && ir::IsLegacyApi(ir::Flatten(facts_, in_.RootOf(*s), src_).Joined());
  }
  auto e = in_.EntryOf(f);
  if (!e) return false;
  const ir::MapEntry& me = facts_.entries[*e];
  if (me.container != kNoExpr && SendsLegacyScope(me.container)) return true;
  return FilledForLegacyApi(me);
}

bool Fixer::FilledForLegacyApi(const ir::MapEntry& entry) const {
  // A map literal bound to `name` (before `before`), in `scope` or one around it, with a legacy scope.
  auto legacy_map = [&](const std::string& name, uint32_t scope, uint32_t before) {
    auto it = facts_.bindings_by_name.find(name);
    if (it == facts_.bindings_by_name.end()) return false;
    for (uint32_t i : it->second) {
      const ir::Binding& b = facts_.bindings[i];
      if (b.op != "=" || b.value == kNoExpr || b.span.begin >= before) continue;
      for (uint32_t s = scope; s < facts_.scope_parent.size(); s = facts_.scope_parent[s]) {
        if (s == b.scope && SendsLegacyScope(b.value)) return true;
        if (s == 0) break;
      }
    }
    return false;
  };
  // `params["authtoken"] = t; params["scope"] = "creatorapi"`: the entries put into the same
  // variable in the same scope.
  if (!entry.container_name.empty()) {
    if (auto it = facts_.entries_by_name.find(entry.container_name); it != facts_.entries_by_name.end()) {
      for (uint32_t i : it->second) {
        const ir::MapEntry& o = facts_.entries[i];
        if (o.scope == entry.scope && o.key != kNoExpr && o.value != kNoExpr &&
            (IsLegacyScopeEntry(o) || LegacyScopeAcrossFiles(o)))
          return true;
      }
    }
    // `$p = array('SCOPE' => 'crmapi'); if (…) $p['authtoken'] = $t;`: the map literal the variable
    // was given before.
    if (legacy_map(entry.container_name, entry.scope, entry.span.begin)) return true;
  }
  // `'authtoken' => $this->config['authtoken']`: a token read out of a field's config map that
  // holds `'scope' => 'crmapi'` beside it (the field bound anywhere in the class).
  if (entry.value != kNoExpr && facts_.exprs[entry.value].kind == ExprKind::kOther) {
    const Span v = facts_.exprs[entry.value].span;
    for (const ir::Expr& x : facts_.exprs) {
      if (x.kind != ExprKind::kName || x.span.begin != v.begin || x.span.end >= v.end || src_[x.span.end] != '[') continue;
      if (legacy_map(x.text, x.scope, UINT32_MAX)) return true;
    }
  }
  std::vector<bool> carries = ir::Carriers(facts_, src_, ir::SeedsOfEntry(facts_, entry));
  for (const ir::Call& c : facts_.calls) {
    bool takes = std::any_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) {
      return a.value != kNoExpr && a.value < carries.size() && carries[a.value];
    });
    if (!takes) continue;
    for (const ir::Arg& a : c.args) {
      if (a.value != kNoExpr && ir::IsLegacyApi(ir::Flatten(facts_, a.value, src_).Joined())) return true;
    }
  }
  return false;
}

bool Fixer::KeywordMapSendsLegacyScope(const core::Finding& f) const {
  for (const auto& c : facts_.calls) {
    if (c.callee != "dict") continue;
    bool holds = false;
    bool legacy = false;
    for (const auto& a : c.args) {
      holds = holds || (a.span.begin <= f.byte_start && f.byte_start < a.span.end);
      if (a.name == "scope" && a.value != kNoExpr) {
        ir::StringValue v = ir::Flatten(facts_, a.value, src_);
        legacy = legacy || (v.AllLiteral() && ir::IsLegacyScope(v.Joined()));
      }
    }
    if (holds) return legacy;
  }
  return false;
}

bool Fixer::CallsLegacyApi(uint32_t call) const {
  // The first of several requests that send the value: its URL as built from every argument.
  for (const auto& a : facts_.calls[call].args) {
    if (a.value != kNoExpr && ir::IsLegacyApi(ir::Flatten(facts_, a.value, src_).Joined())) return true;
  }
  return false;
}

Fixer::GroupFix Fixer::FixGroup(const std::string& key, const std::vector<Member>& members) {
  Context& ctx = *ctx_;
  GroupFix g;
  g.members = members;
  ctx.StartGroup();
  std::set<uint32_t> removed_before = ctx.removed_entries();
  consumed_.clear();
  needs_.clear();
  dropped_.clear();
  try {
    if (in_.InBrowser()) {
      throw Withhold{std::string(kBrowserReason)};
    }
    if (ctx.Refresh()) PrepareRefresh(key);
    std::string detail = key[0] == 'h'   ? FixHeader(*members.front().f)
                         : key[0] == 'o' ? RenameOption(*members.front().f)
                                         : FixRequest(key, members);
    EditSet check;
    for (const auto& e : ctx.group()) check.Add(e);
    std::string err;
    if (!check.Resolve(&err)) throw Withhold{"conflicting edits: " + err};
    g.edits = ctx.group();
    g.consumed = consumed_;
    g.needs = needs_;
    g.dropped = dropped_;
    g.detail = detail;
    g.uses_helper = ctx.helper_used();
  } catch (const Withhold& w) {
    ctx.set_removed_entries(std::move(removed_before));
    g.ok = false;
    g.reason = w.reason;
  }
  return g;
}

void Fixer::PrepareRefresh(const std::string& key) {
  Context& ctx = *ctx_;
  // The data centre of the request's own URL; a header group (no request known) or a URL whose
  // host is a variable: the one data centre the file's Zoho URLs name (none: the US one).
  std::vector<std::string> accounts;
  if (key[0] == 'r') {
    const ir::Call& c = facts_.calls[std::stoul(key.substr(1))];
    for (const auto& a : c.args) {
      if (a.value == kNoExpr || !accounts.empty()) continue;
      accounts = ir::AccountsServersIn(ir::Flatten(facts_, a.value, src_).Joined());
    }
    size_t b = c.span.begin;
    while (b > 0 && (src_[b - 1] == ' ' || src_[b - 1] == '\t' || src_[b - 1] == '(')) --b;
    ctx.set_awaited(b >= 5 && src_.substr(b - 5, 5) == "await");
  }
  if (accounts.empty()) {
    accounts = ir::AccountsServersIn(src_);
    if (accounts.size() > 1) {
      throw Withhold{"the file calls several Zoho data centres and this request's is not known; "
                     "call the refresh helper with its accounts server by hand"};
    }
  }
  ctx.set_accounts(accounts.empty() ? "https://accounts.zoho.com" : accounts.front());
}

void Fixer::WithholdSharedTokens(std::vector<GroupFix>* groups) const {
  for (bool changed = true; changed;) {
    changed = false;
    std::set<ExprId> consumed;
    for (const auto& g : *groups) {
      if (g.ok) consumed.insert(g.consumed.begin(), g.consumed.end());
    }
    for (auto& g : *groups) {
      if (!g.ok) continue;
      for (const ir::Binding* b : g.needs) {
        for (ExprId r : ctx_->ReadsOf(*b)) {
          if (consumed.count(r) == 0) {
            g.ok = false;
            g.reason = "the hard-coded token '" + b->name + "' is also used elsewhere (line " +
                       std::to_string(LineOf(facts_.exprs[r].span.begin)) +
                       "); replace it with an OAuth access token by hand and revoke it";
            changed = true;
            break;
          }
        }
        if (!g.ok) break;
      }
    }
  }
}

std::set<ExprId> Fixer::Collect(const std::vector<GroupFix>& groups, RewriteResult* result) {
  Context& ctx = *ctx_;
  std::vector<Edit> edits;
  std::set<const ir::Binding*> needed;
  std::set<ExprId> replaced;
  dropped_.clear();
  for (const auto& g : groups) {
    for (const Member& m : g.members) {
      result->outcomes.push_back(
          {m.index, g.ok ? FixStatus::kFixed : FixStatus::kWithheld, g.ok ? g.detail : g.reason});
    }
    if (!g.ok) continue;
    dropped_.insert(g.dropped.begin(), g.dropped.end());
    edits.insert(edits.end(), g.edits.begin(), g.edits.end());
    needed.insert(g.needs.begin(), g.needs.end());
  }
  if (!needed.empty()) {
    ctx.StartGroup();
    try {
      for (const ir::Binding* b : needed) {
        const ir::Expr& v = facts_.exprs[b->value];
        if (std::optional<ir::Span> lines = FileLocalConstantLines(ctx, *b)) {
          ctx.Delete(lines->begin, lines->end);  // its reads were all fixed to read the lookup
        } else {
          ctx.Replace(v.span.begin, v.span.end, ctx.Lookup());
        }
        replaced.insert(b->value);
      }
      edits.insert(edits.end(), ctx.group().begin(), ctx.group().end());
    } catch (const Withhold& w) {
      // The lookup cannot be written (no place for its import): nothing that needs it is fixed.
      for (auto& o : result->outcomes) {
        if (o.status == FixStatus::kFixed) o = {o.finding, FixStatus::kWithheld, w.reason};
      }
      edits.clear();
      replaced.clear();
    }
  }
  // Imports and other edits repeated by several groups are merged by the EditSet.
  result->edits = std::move(edits);
  const bool helper = std::any_of(groups.begin(), groups.end(), [](const GroupFix& g) { return g.ok && g.uses_helper; });
  if (helper && !result->edits.empty()) {
    if (const RefreshHelper* h = ctx.Helper(); h != nullptr && !h->file.empty())
      result->added.push_back({std::string(h->file), RefreshHelperFileText(ctx, *h)});
  }
  return replaced;
}

uint32_t Fixer::LineOf(size_t off) const {
  return static_cast<uint32_t>(
      std::count(src_.begin(), src_.begin() + static_cast<long>(off), '\n') + 1);
}

bool Fixer::Plain(const ir::Expr& s) const {
  return s.kind == ExprKind::kString && s.literal_span.end <= src_.size() &&
         ctx_->Text(s.literal_span) == s.text;
}

RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options) {
  const languages::Language& lang = input.lang();
  const LanguageProfile* profile = ProfileFor(lang.id);
  if (profile == nullptr) {
    RewriteResult r;
    for (size_t i = 0; i < findings.size(); ++i) {
      r.outcomes.push_back(
          {i, FixStatus::kWithheld, "no OAuth rewriter for " + std::string(lang.id) + " yet"});
    }
    return r;
  }
  Fixer fixer(input, *profile, options);
  RewriteResult r = fixer.Run(findings);
  for (auto& e : r.edits) e.rule_id = "oauth-header";
  return r;
}
}  // namespace authshift::rewriters::oauth
