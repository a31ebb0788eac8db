// The OAuth fix of one file: findings grouped by request or header, each group fixed whole or
// withheld, hard-coded token bindings replaced by the lookup when every read of them is fixed.
#include "rewriters/oauth/common/fixer.h"

#include <algorithm>

#include "rewriters/oauth/oauth.h"
#include "scanner/frontends/frontends.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

Fixer::Fixer(const core::SourceFile& file, const languages::Language& lang,
             const LanguageProfile& profile, const FixOptions& options)
    : src_(file.bytes()), lang_(lang) {
  size_t errors = 0;
  // The path lets C/C++ find the file's own headers, as the scan did (same facts, same offsets).
  frontends::BuildContext build{file.path(), false};
  auto facts = frontends::BuildFacts(lang.id, src_, &errors, &build);
  if (facts) facts_ = std::move(*facts);
  facts_.Index();
  parse_errors_ = static_cast<long>(errors);
  for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
    if (facts_.exprs[i].kind == ExprKind::kConcat) {
      for (ExprId c : facts_.exprs[i].children) parent_[c] = i;
    }
  }
  ctx_.emplace(src_, facts_, profile, options);
}

RewriteResult Fixer::Run(const std::vector<const core::Finding*>& findings) {
  RewriteResult result;
  result.source_parse_errors = parse_errors_;
  std::vector<Member> literals;
  std::vector<GroupFix> groups;
  for (auto& [key, members] : GroupFindings(findings, &literals, &result.outcomes))
    groups.push_back(FixGroup(key, members));
  WithholdSharedTokens(&groups);
  std::set<ExprId> replaced = Collect(groups, &result);
  for (const Member& m : literals) {
    const ir::Binding* b = BindingAt(m.f->byte_start);
    if (b != nullptr && replaced.count(b->value) != 0) {
      result.outcomes.push_back(
          {m.index, FixStatus::kFixed,
           "the hard-coded Authtoken is now read from " + LookupText() +
               ", which must hold an OAuth access token; revoke the old Authtoken"});
    } else {
      result.outcomes.push_back(
          {m.index, FixStatus::kWithheld,
           "the requests this token is sent with were not fixed; remove the literal by hand "
           "and revoke the token"});
    }
  }
  return result;
}

std::map<std::string, std::vector<Fixer::Member>> Fixer::GroupFindings(
    const std::vector<const core::Finding*>& findings, std::vector<Member>* literals,
    std::vector<FindingOutcome>* outcomes) {
  const Context& ctx = *ctx_;
  std::map<std::string, std::vector<Member>> groups;
  for (size_t i = 0; i < findings.size(); ++i) {
    const core::Finding* f = findings[i];
    if (f->rule_id == "authtoken-literal") {
      literals->push_back({i, f});
      continue;
    }
    if (f->rule_id == "authtoken-header") {
      groups["h" + std::to_string(f->byte_start)].push_back({i, f});
      continue;
    }
    std::optional<Request> req;
    std::string why =
        "cannot find the request this value is sent with; move the token to an "
        "Authorization: Zoho-oauthtoken header by hand";
    if (ctx.profile().find_request == nullptr) {
      why = "no request rewriter for " + std::string(lang_.id) +
            " yet: move the token to an Authorization: Zoho-oauthtoken header by hand";
    } else if (f->rule_id == "authtoken-url-param") {
      if (auto s = StringAt(f->byte_start)) req = ctx.profile().find_request(ctx, *s, false);
    } else if (auto e = EntryAt(*f)) {
      req = ctx.profile().find_request(ctx, *e, true);
    }
    if (req && !req->problem.empty()) why = req->problem;
    if (!req || !req->problem.empty()) {
      outcomes->push_back({i, FixStatus::kWithheld, why});
      continue;
    }
    requests_[req->call] = *req;
    groups["r" + std::to_string(req->call)].push_back({i, f});
  }
  return groups;
}

Fixer::GroupFix Fixer::FixGroup(const std::string& key, const std::vector<Member>& members) {
  Context& ctx = *ctx_;
  GroupFix g;
  g.members = members;
  ctx.group_.clear();
  auto removed_before = ctx.removed_entries_;
  consumed_.clear();
  needs_.clear();
  try {
    std::string detail = key[0] == 'h' ? FixHeader(*members.front().f) : FixRequest(key, members);
    EditSet check;
    for (const auto& e : ctx.group_) check.Add(e);
    std::string err;
    if (!check.Resolve(&err)) throw Withhold{"conflicting edits: " + err};
    g.edits = ctx.group_;
    g.consumed = consumed_;
    g.needs = needs_;
    g.detail = detail;
  } catch (const Withhold& w) {
    ctx.removed_entries_ = std::move(removed_before);
    g.ok = false;
    g.reason = w.reason;
  }
  return g;
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
  for (const auto& g : groups) {
    for (const Member& m : g.members) {
      result->outcomes.push_back(
          {m.index, g.ok ? FixStatus::kFixed : FixStatus::kWithheld, g.ok ? g.detail : g.reason});
    }
    if (!g.ok) continue;
    edits.insert(edits.end(), g.edits.begin(), g.edits.end());
    needed.insert(g.needs.begin(), g.needs.end());
  }
  if (!needed.empty()) {
    ctx.group_.clear();
    try {
      for (const ir::Binding* b : needed) {
        const ir::Expr& v = facts_.exprs[b->value];
        ctx.Replace(v.span.begin, v.span.end, ctx.Lookup());
        replaced.insert(b->value);
      }
      edits.insert(edits.end(), ctx.group_.begin(), ctx.group_.end());
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
  return replaced;
}

uint32_t Fixer::LineOf(size_t off) const {
  return static_cast<uint32_t>(
      std::count(src_.begin(), src_.begin() + static_cast<long>(off), '\n') + 1);
}

std::string Fixer::LookupText() const {
  const auto& ts = ctx_->options_.token_source;
  auto it = ts.find(std::string(ctx_->profile().id));
  return it != ts.end() ? it->second : std::string(ctx_->profile().token_lookup);
}

std::optional<ExprId> Fixer::StringAt(size_t offset) const {
  std::optional<ExprId> best;
  for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
    const auto& e = facts_.exprs[i];
    if (e.kind != ExprKind::kString || e.span.begin > offset || offset >= e.span.end) continue;
    if (!best ||
        e.span.end - e.span.begin < facts_.exprs[*best].span.end - facts_.exprs[*best].span.begin)
      best = i;
  }
  return best;
}

std::optional<uint32_t> Fixer::EntryAt(const core::Finding& f) const {
  // Several entries can share one span (Bash `-d "a=1&authtoken=…"`, one word): the authtoken
  // entry is the one meant.
  std::optional<uint32_t> first;
  for (uint32_t i = 0; i < facts_.entries.size(); ++i) {
    if (facts_.entries[i].span.begin != f.byte_start || facts_.entries[i].span.end != f.byte_end)
      continue;
    if (!first) first = i;
    const ir::Expr& k = facts_.exprs[facts_.entries[i].key];
    if (f.rule_id == "authtoken-param-map" && k.kind == ExprKind::kString &&
        Lower(k.text).find("authtoken") != std::string::npos)
      return i;
  }
  return first;
}

const ir::Binding* Fixer::BindingAt(size_t offset) const {
  for (const auto& b : facts_.bindings) {
    if (b.span.begin == offset && b.value != kNoExpr &&
        facts_.exprs[b.value].kind == ExprKind::kString)
      return &b;
  }
  return nullptr;
}

ExprId Fixer::RootOf(ExprId e) const {
  for (int guard = 0; guard < 16; ++guard) {
    auto it = parent_.find(e);
    if (it == parent_.end()) return e;
    e = it->second;
  }
  return e;
}

bool Fixer::Plain(const ir::Expr& s) const {
  return s.kind == ExprKind::kString && s.literal_span.end <= src_.size() &&
         ctx_->Text(s.literal_span) == s.text;
}

RewriteResult Fix(const core::SourceFile& file, const languages::Language& lang,
                  const std::vector<const core::Finding*>& findings, const FixOptions& options) {
  const LanguageProfile* profile = ProfileFor(lang.id);
  if (profile == nullptr) {
    RewriteResult r;
    for (size_t i = 0; i < findings.size(); ++i) {
      r.outcomes.push_back(
          {i, FixStatus::kWithheld, "no OAuth rewriter for " + std::string(lang.id) + " yet"});
    }
    return r;
  }
  Fixer fixer(file, lang, *profile, options);
  RewriteResult r = fixer.Run(findings);
  for (auto& e : r.edits) e.rule_id = "oauth-header";
  return r;
}
}  // namespace authshift::rewriters::oauth
