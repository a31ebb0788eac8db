#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/oauth.h"
#include "scanner/frontends/frontends.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The retired scheme in two pieces: the project's scan of its own sources must not report it.
constexpr std::string_view kOldScheme =
    "zoho-auth"
    "token";
constexpr std::string_view kNewScheme = "Zoho-oauthtoken";

// The same APIs the Deluge fixer and rules/deluge-legacy-api.yaml treat as gone: never patched.
bool IsLegacy(std::string_view joined) {
  static const RE2 kLegacy(
      R"((?i)/crm/private/(json|xml)/|creator(export)?\.zoho\.[a-z.]+/api/([^/\s]+/)?(json|xml)/|invoice\.zoho\.[a-z.]+/api/view/|[?&]scope=(crmapi|creatorapi|invoiceapi)\b)");
  return RE2::PartialMatch(re2::StringPiece(joined.data(), joined.size()), kLegacy);
}

}  // namespace

// --- Context -------------------------------------------------------------------------------------

Context::Context(std::string_view src, const ir::Facts& facts, const LanguageProfile& profile,
                 const FixOptions& options)
    : src_(src), facts_(facts), profile_(profile), options_(options) {
  crlf_ = src_.find("\r\n") != std::string_view::npos;
  size_t dq = 0;
  size_t sq = 0;
  for (const auto& e : facts_.exprs) {
    if (e.kind != ExprKind::kString || e.span.begin >= e.literal_span.begin ||
        e.span.begin >= src_.size())
      continue;
    char q = src_[e.literal_span.begin - 1];
    if (q == '"') ++dq;
    if (q == '\'') ++sq;
  }
  quote_ = sq > dq ? '\'' : '"';
}

size_t Context::LineBegin(size_t off) const {
  if (off == 0) return 0;
  size_t p = src_.rfind('\n', off - 1);
  return p == std::string_view::npos ? 0 : p + 1;
}

std::string_view Context::IndentAt(size_t off) const {
  size_t b = LineBegin(off);
  size_t e = b;
  while (e < src_.size() && (src_[e] == ' ' || src_[e] == '\t')) ++e;
  return src_.substr(b, e - b);
}

std::string Context::HeaderValue(const std::string& token) const {
  return Quoted(std::string(kNewScheme) + " ") + std::string(profile_.concat) + token;
}

std::string Context::Lookup() {
  std::string expr;
  if (auto it = options_.token_source.find(std::string(profile_.id));
      it != options_.token_source.end()) {
    expr = it->second;
  } else {
    expr = std::string(profile_.token_lookup);
  }
  if (profile_.prepare_lookup != nullptr) profile_.prepare_lookup(*this, expr);
  return expr;
}

const ir::Arg* Context::ArgAt(const ir::Call& call, int index, std::string_view name) const {
  if (!name.empty()) {
    for (const auto& a : call.args) {
      if (a.name == name) return &a;
    }
  }
  if (index < 0) return nullptr;
  int k = 0;
  for (const auto& a : call.args) {
    if (!a.name.empty()) continue;
    if (k == index) return &a;
    ++k;
  }
  return nullptr;
}

bool Context::Flows(ExprId whole, ExprId part) const {
  if (whole == kNoExpr) return false;
  if (whole == part) return true;
  ir::StringValue v = ir::Flatten(facts_, whole, src_);
  return std::any_of(v.parts.begin(), v.parts.end(),
                     [&](const ir::StrPart& p) { return p.expr == part; });
}

bool Context::Reaches(ExprId arg, ExprId target) const {
  for (int guard = 0; guard < 8 && arg != kNoExpr; ++guard) {
    if (arg == target || ir::Deref(facts_, arg) == target) return true;
    ir::StringValue v = ir::Flatten(facts_, arg, src_);
    for (const auto& p : v.parts) {
      if (p.hole && (p.expr == target || ir::Deref(facts_, p.expr) == target)) return true;
    }
    const ir::Expr& e = facts_.exprs[arg];
    if (e.kind != ExprKind::kCall || e.call >= facts_.calls.size()) return false;
    arg = facts_.calls[e.call].receiver;
  }
  return false;
}

std::vector<ExprId> Context::EncodersOf(uint32_t entry,
                                        std::initializer_list<std::string_view> methods) const {
  std::vector<ExprId> out;
  for (const auto& c : facts_.calls) {
    if (std::find(methods.begin(), methods.end(), c.method) == methods.end() || c.args.empty())
      continue;
    if (HoldsEntry(c.args[0].value, entry)) out.push_back(c.self);
  }
  return out;
}

bool Context::HoldsEntry(ExprId arg, uint32_t entry) const {
  if (arg == kNoExpr) return false;
  auto entries = ir::EntriesOf(facts_, arg);
  return std::find(entries.begin(), entries.end(), entry) != entries.end();
}

ExprId Context::MapLiteral(ExprId v) const {
  if (v == kNoExpr) return kNoExpr;
  ExprId t = ir::Deref(facts_, v);
  return facts_.exprs[t].kind == ExprKind::kMap ? t : kNoExpr;
}

std::vector<uint32_t> Context::LiteralEntries(ExprId map) const {
  std::vector<uint32_t> out;
  if (auto it = facts_.entries_by_container.find(map); it != facts_.entries_by_container.end())
    out = it->second;
  std::sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    return facts_.entries[a].span.begin < facts_.entries[b].span.begin;
  });
  return out;
}

bool Context::HasKey(ExprId map, std::string_view key) const {
  for (uint32_t e : ir::EntriesOf(facts_, map)) {
    ir::StringValue k = ir::Flatten(facts_, facts_.entries[e].key, src_);
    if (k.AllLiteral() && Lower(k.Joined()) == Lower(key)) return true;
  }
  return false;
}

void Context::AppendEntry(ExprId map, const std::string& entry) {
  const ir::Expr& m = facts_.exprs[map];
  std::vector<uint32_t> all = LiteralEntries(map);
  std::vector<uint32_t> kept;
  for (uint32_t e : all) {
    if (removed_entries_.count(e) == 0) kept.push_back(e);
  }
  if (kept.empty() && !all.empty()) {
    // Every entry goes: the first removal becomes the new entry.
    for (auto& ed : group_) {
      if (ed.offset == facts_.entries[all.front()].span.begin && ed.text.empty()) {
        ed.text = entry;
        return;
      }
    }
    throw Withhold{"cannot rebuild the emptied map"};
  }
  if (kept.empty()) {
    Insert(m.span.begin + 1, entry);
    return;
  }
  const Span last = facts_.entries[kept.back()].span;
  // After the last entry: its trailing comma (if any), then the line break for one-per-line maps.
  size_t p = last.end;
  while (p < m.span.end && (src_[p] == ' ' || src_[p] == '\t')) ++p;
  bool trailing_comma = p < m.span.end && src_[p] == ',';
  size_t after_comma = trailing_comma ? p + 1 : last.end;
  size_t q = after_comma;
  while (q < m.span.end && (src_[q] == ' ' || src_[q] == '\t' || src_[q] == '\r')) ++q;
  bool multiline = q < m.span.end && src_[q] == '\n';
  if (multiline) {
    std::string ind(IndentAt(last.begin));
    if (trailing_comma) {
      Insert(after_comma, std::string(Eol()) + ind + entry + ",");
    } else {
      Insert(last.end, "," + std::string(Eol()) + ind + entry);
    }
    return;
  }
  Insert(last.end, ", " + entry);
}

const ir::Binding* Context::BindingOf(ExprId name) const {
  const ir::Expr& e = facts_.exprs[name];
  if (e.kind != ExprKind::kName) return nullptr;
  return ir::Resolve(facts_, e.text, e.span.begin, e.scope);
}

std::vector<ExprId> Context::ReadsOf(const ir::Binding& b) const {
  // A class-level name is bound under several names (N, self.N, Class.N) by one assignment: a read
  // of any of them reads it.
  std::vector<ExprId> out;
  for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
    const ir::Expr& e = facts_.exprs[i];
    if (e.kind != ExprKind::kName) continue;
    if (b.span.begin <= e.span.begin && e.span.end <= b.span.end) continue;
    const ir::Binding* r = BindingOf(i);
    if (r != nullptr && r->span.begin == b.span.begin && r->value == b.value) out.push_back(i);
  }
  return out;
}

void MarkAmbiguous(const Context& ctx, Request* found, uint32_t other) {
  auto line = [&](uint32_t call) {
    size_t off = ctx.facts().calls[call].span.begin;
    return std::to_string(
        std::count(ctx.src().begin(), ctx.src().begin() + static_cast<long>(off), '\n') + 1);
  };
  static const std::string kTail =
      "); add the Authorization: Zoho-oauthtoken header to each by hand";
  if (found->problem.empty())
    found->problem =
        "the value is sent by more than one request (lines " + line(found->call) + kTail;
  found->problem.insert(found->problem.size() - kTail.size(), ", " + line(other));
}

// --- the fixer -----------------------------------------------------------------------------------

class Fixer {
 public:
  Fixer(const core::SourceFile& file, const languages::Language& lang,
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

  RewriteResult Run(const std::vector<const core::Finding*>& findings) {
    RewriteResult result;
    result.source_parse_errors = parse_errors_;
    Context& ctx = *ctx_;
    struct Member {
      size_t index;
      const core::Finding* f;
    };
    std::vector<Member> literals;
    // Groups: one per request (URL and parameter findings), one per header finding.
    std::map<std::string, std::vector<Member>> groups;
    for (size_t i = 0; i < findings.size(); ++i) {
      const core::Finding* f = findings[i];
      if (f->rule_id == "authtoken-literal") {
        literals.push_back({i, f});
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
        result.outcomes.push_back({i, FixStatus::kWithheld, why});
        continue;
      }
      requests_[req->call] = *req;
      groups["r" + std::to_string(req->call)].push_back({i, f});
    }
    struct Done {
      std::vector<Member> members;
      std::vector<Edit> edits;
      std::set<ExprId> consumed;           // name reads this group removes or re-sends as OAuth
      std::set<const ir::Binding*> needs;  // hard-coded token bindings that must become the lookup
      std::string detail;
      bool ok = true;
      std::string reason;
    };
    std::vector<Done> done;
    for (auto& [key, members] : groups) {
      Done d;
      d.members = members;
      ctx.group_.clear();
      auto removed_before = ctx.removed_entries_;
      consumed_.clear();
      needs_.clear();
      try {
        std::string detail =
            key[0] == 'h' ? FixHeader(*members.front().f) : FixRequest(key, members);
        EditSet check;
        for (const auto& e : ctx.group_) check.Add(e);
        std::string err;
        if (!check.Resolve(&err)) throw Withhold{"conflicting edits: " + err};
        d.edits = ctx.group_;
        d.consumed = consumed_;
        d.needs = needs_;
        d.detail = detail;
      } catch (const Withhold& w) {
        ctx.removed_entries_ = std::move(removed_before);
        d.ok = false;
        d.reason = w.reason;
      }
      done.push_back(std::move(d));
    }
    // Hard-coded token bindings become the lookup when every read of them is in a fixed group;
    // otherwise the groups that rely on them are withheld too (until nothing changes).
    std::map<const ir::Binding*, std::string> replaced;
    for (bool changed = true; changed;) {
      changed = false;
      std::set<ExprId> consumed;
      for (const auto& d : done) {
        if (d.ok) consumed.insert(d.consumed.begin(), d.consumed.end());
      }
      for (auto& d : done) {
        if (!d.ok) continue;
        for (const ir::Binding* b : d.needs) {
          for (ExprId r : ctx.ReadsOf(*b)) {
            if (consumed.count(r) == 0) {
              d.ok = false;
              d.reason = "the hard-coded token '" + b->name + "' is also used elsewhere (line " +
                         std::to_string(LineOf(facts_.exprs[r].span.begin)) +
                         "); replace it with an OAuth access token by hand and revoke it";
              changed = true;
              break;
            }
          }
          if (!d.ok) break;
        }
      }
    }
    std::vector<Edit> edits;
    std::set<const ir::Binding*> needed;
    std::set<ExprId> needed_values;
    for (const auto& d : done) {
      for (const Member& m : d.members) {
        result.outcomes.push_back(
            {m.index, d.ok ? FixStatus::kFixed : FixStatus::kWithheld, d.ok ? d.detail : d.reason});
      }
      if (!d.ok) continue;
      edits.insert(edits.end(), d.edits.begin(), d.edits.end());
      needed.insert(d.needs.begin(), d.needs.end());
    }
    if (!needed.empty()) {
      ctx.group_.clear();
      try {
        for (const ir::Binding* b : needed) {
          const ir::Expr& v = facts_.exprs[b->value];
          ctx.Replace(v.span.begin, v.span.end, ctx.Lookup());
          needed_values.insert(b->value);
        }
        edits.insert(edits.end(), ctx.group_.begin(), ctx.group_.end());
      } catch (const Withhold& w) {
        // The lookup cannot be written (no place for its import): nothing that needs it is fixed.
        for (auto& o : result.outcomes) {
          if (o.status == FixStatus::kFixed) o = {o.finding, FixStatus::kWithheld, w.reason};
        }
        edits.clear();
        needed_values.clear();
      }
    }
    for (const Member& m : literals) {
      const ir::Binding* b = BindingAt(m.f->byte_start);
      if (b != nullptr && needed_values.count(b->value) != 0) {
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
    // Imports and other edits repeated by several groups are merged by the EditSet.
    result.edits = std::move(edits);
    return result;
  }

 private:
  // --- locating ---

  uint32_t LineOf(size_t off) const {
    return static_cast<uint32_t>(
        std::count(src_.begin(), src_.begin() + static_cast<long>(off), '\n') + 1);
  }

  std::string LookupText() const {
    const auto& ts = ctx_->options_.token_source;
    auto it = ts.find(std::string(ctx_->profile().id));
    return it != ts.end() ? it->second : std::string(ctx_->profile().token_lookup);
  }

  std::optional<ExprId> StringAt(size_t offset) const {
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

  std::optional<uint32_t> EntryAt(const core::Finding& f) const {
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

  const ir::Binding* BindingAt(size_t offset) const {
    for (const auto& b : facts_.bindings) {
      if (b.span.begin == offset && b.value != kNoExpr &&
          facts_.exprs[b.value].kind == ExprKind::kString)
        return &b;
    }
    return nullptr;
  }

  ExprId RootOf(ExprId e) const {
    for (int guard = 0; guard < 16; ++guard) {
      auto it = parent_.find(e);
      if (it == parent_.end()) return e;
      e = it->second;
    }
    return e;
  }

  bool Plain(const ir::Expr& s) const {
    return s.kind == ExprKind::kString && s.literal_span.end <= src_.size() &&
           ctx_->Text(s.literal_span) == s.text;
  }
  // A string literal with its own quotes (not a piece of an interpolated or formatted string).
  bool Standalone(const ir::Expr& s) const { return s.span.begin < s.literal_span.begin; }

  // --- the token ---

  // Records what a token expression means for the fix: a name bound to a hard-coded literal needs
  // that literal replaced; a literal itself is replaced by the caller. Returns the text to send.
  std::string KeepToken(ExprId t) {
    const ir::Expr& e = facts_.exprs[t];
    if (e.kind == ExprKind::kName) {
      consumed_.insert(t);
      ExprId target = ir::Deref(facts_, t);
      if (target != t && facts_.exprs[target].kind == ExprKind::kString) {
        const ir::Binding* b = ctx_->BindingOf(t);
        // Follow name-to-name bindings to the one that holds the literal.
        for (int guard = 0; guard < 8 && b != nullptr && b->value != target; ++guard) {
          b = ctx_->BindingOf(b->value);
        }
        if (b == nullptr) throw Withhold{"cannot find where the hard-coded token is assigned"};
        if (ConstantDeclaration(*ctx_, *b)) {
          throw Withhold{"the hard-coded token '" + b->name +
                         "' is a constant, which cannot hold the environment lookup; make it a "
                         "variable holding an OAuth access token by hand and revoke the token"};
        }
        needs_.insert(b);
        token_note_ = "the hard-coded token '" + e.text + "' now comes from " + LookupText();
      }
    }
    return std::string(ctx_->Text(t));
  }

  std::string TokenDetail(const std::string& token, bool hard_coded) const {
    if (hard_coded)
      return "the hard-coded Authtoken was replaced by " + LookupText() +
             ", which must hold an OAuth access token; revoke the old Authtoken";
    if (!token_note_.empty())
      return token_note_ + ", which must hold an OAuth access token; revoke the old Authtoken";
    return "'" + token +
           "' must now hold an OAuth access token (sent as Authorization: Zoho-oauthtoken)";
  }

  // The quoted string literal whose characters end exactly where `piece` ends (a header line
  // `'Name: value'` split into key and value by the lowering), or nullptr.
  const ir::Expr* EnclosingLiteral(const ir::Expr& piece) const {
    for (const auto& e : facts_.exprs) {
      if (e.kind == ExprKind::kString && Standalone(e) && Plain(e) &&
          e.literal_span.begin <= piece.literal_span.begin &&
          e.literal_span.end == piece.literal_span.end) {
        return &e;
      }
    }
    return nullptr;
  }

  // --- header: the scheme swap ---

  // A profile without a join operator (C, C++: no string `+` that is safe on a possibly null
  // getenv result) cannot put the token lookup into a header string: withheld with the recipe.
  void NeedsJoin() const {
    if (!ctx_->profile().concat.empty()) return;
    if (ctx_->profile().id == "bash") return;  // Bash joins words by adjacency
    throw Withhold{
        "the header carries a hard-coded token; read the OAuth token at run time instead (" +
        LookupText() +
        ", checked for NULL) and build the header line from it (snprintf into a buffer in C), "
        "then revoke the old Authtoken"};
  }

  std::string FixHeader(const core::Finding& f) {
    token_note_.clear();
    auto idx = EntryAt(f);
    if (!idx) throw Withhold{"cannot find the header entry"};
    ExprId root = facts_.entries[*idx].value;
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
        if (Lower(facts_.exprs[b->value].text).find(kOldScheme) == std::string::npos) continue;
        if (ctx_->ReadsOf(*b).size() != 1)
          throw Withhold{"the scheme constant '" + b->name +
                         "' is used elsewhere; change it by hand"};
        lit_id = b->value;
      }
      const ir::Expr& lit = facts_.exprs[lit_id];
      if (lit.kind != ExprKind::kString) continue;
      size_t at = Lower(lit.text).find(kOldScheme);
      if (at == std::string::npos) continue;
      if (!Plain(lit))
        throw Withhold{"the header literal holds escapes; change its scheme by hand"};
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
        if (ctx_->profile().id == "bash") {
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
            throw Withhold{"a hard-coded token in an unquoted word; replace it by hand and revoke it"};
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
        std::string token = KeepToken(parts[k]);
        if (!needs_.empty()) NeedsJoin();
        return TokenDetail(token, false);
      }
      return "the credential sent with this scheme must now be an OAuth access token";
    }
    throw Withhold{"cannot find the old scheme in a string literal"};
  }

  // --- requests: URL parameters and parameter maps ---

  template <typename M>
  std::string FixRequest(const std::string& key, const std::vector<M>& members) {
    token_note_.clear();
    uint32_t call = static_cast<uint32_t>(std::stoul(key.substr(1)));
    const Request& req = requests_.at(call);
    const ir::Call& c = facts_.calls[call];
    // Legacy APIs are report-only: a token swap does not make CRM v1, Creator v1 or Invoice v2
    // work.
    for (const auto& a : c.args) {
      if (a.value == kNoExpr) continue;
      if (IsLegacy(ir::Flatten(facts_, a.value, src_).Joined()) || SendsLegacyScope(a.value)) {
        throw Withhold{
            "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"};
      }
    }
    std::optional<std::string> token;
    bool hard_coded = false;
    ExprId token_expr = kNoExpr;
    std::vector<uint32_t> entries;
    for (const M& m : members) {
      ExprId t = kNoExpr;
      bool literal = false;
      if (m.f->rule_id == "authtoken-url-param") {
        auto s = StringAt(m.f->byte_start);
        if (!s) throw Withhold{"cannot find the URL literal"};
        if (IsLegacy(ir::Flatten(facts_, RootOf(*s), src_).Joined())) {
          throw Withhold{
              "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by "
              "hand"};
        }
        t = RemoveUrlParam(*s, m.f->byte_start, &literal);
      } else {
        auto e = EntryAt(*m.f);
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
    }
    RemoveEntries(entries, call);
    std::string header_token;
    if (hard_coded) {
      header_token = ctx_->Lookup();
    } else {
      CheckVisible(token_expr, c);
      header_token = KeepToken(token_expr);
      if (facts_.exprs[token_expr].kind != ExprKind::kName) consumed_.insert(token_expr);
    }
    ctx_->profile().add_header(*ctx_, req, header_token);
    std::string detail = TokenDetail(header_token, hard_coded);
    return "the token moved to an Authorization: Zoho-oauthtoken header (" + req.client + "); " +
           detail;
  }

  // The token expression must mean the same thing where the request is made.
  void CheckVisible(ExprId t, const ir::Call& c) const {
    const ir::Expr& e = facts_.exprs[t];
    const ir::Expr& call = facts_.exprs[c.self];
    if (e.kind == ExprKind::kName) {
      const ir::Binding* at_token = ctx_->BindingOf(t);
      const ir::Binding* at_call = ir::Resolve(facts_, e.text, call.span.begin, call.scope);
      if (at_token == at_call) return;
      throw Withhold{
          "'" + e.text +
          "' is not the same variable where the request is made; add the header by hand"};
    }
    if (e.scope != call.scope)
      throw Withhold{"the token expression is not in the request's scope; add the header by hand"};
  }

  bool SendsLegacyScope(ExprId v) const {
    static const RE2 kScope(R"((?i)^(crmapi|creatorapi|invoiceapi)$)");
    for (uint32_t e : ir::EntriesOf(facts_, v)) {
      ir::StringValue k = ir::Flatten(facts_, facts_.entries[e].key, src_);
      ir::StringValue val = ir::Flatten(facts_, facts_.entries[e].value, src_);
      if (k.AllLiteral() && Lower(k.Joined()) == "scope" && val.AllLiteral() &&
          RE2::FullMatch(val.Joined(), kScope)) {
        return true;
      }
    }
    return false;
  }

  // Deletes a statement; when it is alone on its lines, the lines go too.
  void DeleteStatement(Span s) {
    size_t b = s.begin;
    size_t e = s.end;
    size_t lb = ctx_->LineBegin(b);
    bool alone_before = src_.substr(lb, b - lb).find_first_not_of(" \t") == std::string_view::npos;
    size_t le = src_.find('\n', e);
    size_t line_end = le == std::string_view::npos ? src_.size() : le;
    bool alone_after =
        src_.substr(e, line_end - e).find_first_not_of(" \t\r;") == std::string_view::npos;
    if (alone_before && alone_after) {
      b = lb;
      e = le == std::string_view::npos ? src_.size() : le + 1;
    }
    ctx_->Delete(b, e);
  }

  // Removes one item of a comma-separated sequence (entries, arguments), commas kept right; an item
  // alone on its line takes the line with it.
  void RemoveItem(const std::vector<Span>& items, size_t k, const std::set<size_t>& removed) {
    const Span s = items[k];
    size_t lb = ctx_->LineBegin(s.begin);
    bool alone_before =
        src_.substr(lb, s.begin - lb).find_first_not_of(" \t") == std::string_view::npos;
    size_t p = s.end;
    while (p < src_.size() && (src_[p] == ' ' || src_[p] == '\t')) ++p;
    size_t after = p < src_.size() && src_[p] == ',' ? p + 1 : s.end;
    size_t q = after;
    while (q < src_.size() && (src_[q] == ' ' || src_[q] == '\t' || src_[q] == '\r')) ++q;
    bool alone_after = q < src_.size() && src_[q] == '\n';
    bool has_next = k + 1 < items.size();
    if (alone_before && alone_after && (has_next || after != s.end)) {
      ctx_->Delete(lb, q + 1);
      return;
    }
    if (has_next) {
      ctx_->Delete(s.begin, items[k + 1].begin);
    } else if (k > 0 && removed.count(k - 1) == 0) {
      ctx_->Delete(items[k - 1].end, s.end);
    } else {
      ctx_->Delete(s.begin, s.end);
    }
  }

  // Removes parameter entries; a literal map that empties out goes with the argument that passes
  // it.
  void RemoveEntries(const std::vector<uint32_t>& entries, uint32_t call) {
    if (ctx_->profile().id == "bash") {
      // Shell words, not map literals: bash.cc cuts the option or the `k=v` part of its word.
      for (uint32_t e : entries) ctx_->removed_entries_.insert(e);
      BashRemoveEntries(*ctx_, entries, call);
      return;
    }
    std::map<ExprId, std::set<uint32_t>> by_map;
    for (uint32_t e : entries) {
      const ir::MapEntry& m = facts_.entries[e];
      ctx_->removed_entries_.insert(e);
      if (m.origin == ir::EntryOrigin::kLiteral) {
        if (const ir::Call* setter = SetterOf(m.container)) {
          RemoveSetter(*setter);
          continue;
        }
      }
      if (m.origin == ir::EntryOrigin::kPut || m.origin == ir::EntryOrigin::kIndexAssign) {
        std::string_view st = m.statement.empty() ? std::string_view() : ctx_->Text(m.statement);
        while (!st.empty() && (st.back() == ';' || st.back() == ' ')) st.remove_suffix(1);
        // Only a statement that is exactly `m.put(k, v)` / `m[k] = v` is cut (never a chain).
        bool own = !st.empty() && !m.container_name.empty() && st.rfind(m.container_name, 0) == 0 &&
                   (m.origin == ir::EntryOrigin::kIndexAssign ||
                    (st.back() == ')' && m.span.end + 1 >= m.statement.begin + st.size()) ||
                    // `params.add(new BasicNameValuePair(k, v))`: only closing parentheses follow.
                    (st.back() == ')' && m.span.end <= m.statement.begin + st.size() &&
                     st.substr(m.span.end - m.statement.begin).find_first_not_of(") ") ==
                         std::string_view::npos));
        if (!own)
          throw Withhold{"the parameter is added inside a larger statement; remove it by hand"};
        DeleteStatement(m.statement);
        continue;
      }
      if (m.origin != ir::EntryOrigin::kLiteral) throw Withhold{"unsupported parameter entry"};
      by_map[m.container].insert(e);
    }
    for (const auto& [map, gone] : by_map) {
      std::vector<uint32_t> all = ctx_->LiteralEntries(map);
      if (all.size() == gone.size()) {
        RemoveEmptiedMap(map, call);
        continue;
      }
      std::vector<Span> spans;
      std::set<size_t> removed;
      for (size_t k = 0; k < all.size(); ++k) {
        spans.push_back(facts_.entries[all[k]].span);
        if (gone.count(all[k]) != 0) removed.insert(k);
      }
      for (size_t k : removed) RemoveItem(spans, k, removed);
    }
  }

  // The request builder setter whose one-entry map (lower.h @put.direct, argument "<entry>") is
  // `map`: Java `.setParameter(k, v)` / `.queryParam(k, v)`, C# `request.AddParameter(k, v)`.
  const ir::Call* SetterOf(ExprId map) const {
    for (const auto& c : facts_.calls) {
      for (const auto& a : c.args) {
        if (a.name == "<entry>" && a.value == map) return &c;
      }
    }
    return nullptr;
  }

  // Removes a setter call: its statement (`request.AddParameter(…);`), or its link of a chain — the
  // line when the link is alone on it, else the text from the end of its receiver.
  void RemoveSetter(const ir::Call& c) {
    if (c.receiver == kNoExpr) throw Withhold{"cannot remove the parameter setter; do it by hand"};
    size_t recv_end = facts_.exprs[c.receiver].span.end;
    size_t name = src_.find(c.method + "(", recv_end);
    if (name == std::string_view::npos || name >= c.span.end)
      throw Withhold{"cannot find the parameter setter; remove it by hand"};
    size_t dot = src_.rfind('.', name);
    if (dot == std::string_view::npos || dot < recv_end)
      throw Withhold{"cannot find the parameter setter; remove it by hand"};
    size_t p = c.span.end;
    while (p < src_.size() && (src_[p] == ' ' || src_[p] == '\t')) ++p;
    size_t lb = ctx_->LineBegin(c.span.begin);
    bool starts_line =
        src_.substr(lb, c.span.begin - lb).find_first_not_of(" \t") == std::string_view::npos;
    if (p < src_.size() && src_[p] == ';' && starts_line) {
      DeleteStatement(c.span);
      return;
    }
    size_t dl = ctx_->LineBegin(dot);
    bool link_line = src_.substr(dl, dot - dl).find_first_not_of(" \t") == std::string_view::npos;
    size_t le = src_.find('\n', c.span.end);
    size_t line_end = le == std::string_view::npos ? src_.size() : le;
    bool rest_blank = src_.substr(c.span.end, line_end - c.span.end).find_first_not_of(" \t\r") ==
                      std::string_view::npos;
    if (link_line && rest_blank && le != std::string_view::npos) {
      ctx_->Delete(dl, le + 1);
      return;
    }
    ctx_->Delete(recv_end, c.span.end);
  }

  // The map that empties out: the argument (or option property) that passes it goes; a variable
  // holding it goes too when nothing else reads it.
  void RemoveEmptiedMap(ExprId map, uint32_t call) {
    const ir::Call& c = facts_.calls[call];
    // The holder: an argument / option whose value is the literal or a name bound to it.
    std::vector<const ir::Arg*> written = WrittenArgs(c);
    for (const ir::Arg* ap : written) {
      const ir::Arg& a = *ap;
      if (a.value == kNoExpr || ctx_->MapLiteral(a.value) != map) continue;
      if (facts_.exprs[a.value].kind == ExprKind::kName) {
        const ir::Binding* b = ctx_->BindingOf(a.value);
        if (b == nullptr || ctx_->ReadsOf(*b).size() != 1)
          throw Withhold{"the parameter map is used elsewhere; remove the token by hand"};
        DeleteStatement(b->span);
      }
      RemoveArgument(c, a);
      return;
    }
    // Inside an options object passed to the call (JavaScript `{params: {authtoken: t}}`).
    for (uint32_t i = 0; i < facts_.entries.size(); ++i) {
      const ir::MapEntry& e = facts_.entries[i];
      if (e.origin != ir::EntryOrigin::kLiteral || e.value != map) continue;
      ctx_->removed_entries_.insert(i);
      std::vector<uint32_t> sib = ctx_->LiteralEntries(e.container);
      std::vector<Span> spans;
      std::set<size_t> removed;
      for (size_t k = 0; k < sib.size(); ++k) {
        spans.push_back(facts_.entries[sib[k]].span);
        if (ctx_->removed_entries_.count(sib[k]) != 0) removed.insert(k);
      }
      for (size_t k = 0; k < sib.size(); ++k) {
        if (sib[k] == i) RemoveItem(spans, k, removed);
      }
      return;
    }
    throw Withhold{
        "the parameter map would become empty and cannot be removed cleanly; remove it by hand"};
  }

  void RemoveArgument(const ir::Call& c, const ir::Arg& a) {
    std::vector<Span> spans;
    std::optional<size_t> k;
    for (const ir::Arg* x : WrittenArgs(c)) {
      if (x == &a) k = spans.size();
      spans.push_back(x->span);
    }
    if (!k) throw Withhold{"cannot find the argument that passes the parameters"};
    RemoveItem(spans, *k, {});
  }

  // A URL parameter inside a format template (docs/architecture.md), written once for every language:
  // `"…&authtoken=%s…" % (org, token)` (Python tuple, Ruby `% [o, t]`, or a single `% token`),
  // `"…&authtoken={}…".format(org, token)`, `"…&authtoken=%(tok)s" % {"tok": token, …}`, and the
  // printf family whose template is the first argument (Go `fmt.Sprintf`, PHP `sprintf`, Ruby
  // `format`/`sprintf`, Java `String.format`) or not (C `snprintf(buf, n, "…", …)`). The
  // placeholder goes from the template (query joints kept right) and the token from the arguments.
  // Only positional, in-order placeholders (`%s`, `%v`, `{}`) whose arguments are exactly the
  // holes are rewritten, or a named `%(name)s` used once with a dict literal; anything else
  // (indexed `{0}`/`%[1]s`, `*` widths, keyword arguments, an argument used twice) is withheld.
  void RemovePercentParam(const ir::Expr& s, size_t joint, const std::vector<ExprId>& kids,
                          size_t i, ExprId fmt) {
    static const std::string kHand = "; remove the authtoken parameter and its argument by hand";
    if (fmt == kNoExpr || i + 1 >= kids.size())
      throw Withhold{"cannot find the arguments of the formatted URL" + kHand};
    const Span whole = facts_.exprs[fmt].span;
    uint32_t lit = s.literal_span.begin;
    size_t ph = s.literal_span.end;
    if (ph >= whole.end) throw Withhold{"cannot find the authtoken placeholder" + kHand};
    // The token's placeholder.
    std::string_view rest = src_.substr(ph, whole.end - ph);
    static const RE2 kPositional(
        R"((%[-+ #0]*[0-9]*(?:\.[0-9]+)?[sv]|\{(?:![rsa])?(?::[^{}]*)?\}))");
    static const RE2 kNamed(R"((%\((\w+)\)[-+ #0]*[0-9]*(?:\.[0-9]+)?s))");
    re2::StringPiece rp(rest.data(), rest.size());
    std::string placeholder;
    std::string name;
    bool named = false;
    if (RE2::Consume(&rp, kNamed, &placeholder, &name)) {
      named = true;
    } else if (!RE2::Consume(&rp, kPositional, &placeholder)) {
      static const RE2 kIndexed(R"(^(\{[^}]|%(\[|\{|<|\(|[0-9]+\$)))");
      if (RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), kIndexed))
        throw Withhold{
            "the authtoken value is an indexed or named placeholder (such as {0}, "
            "{name}, %[1]s or %{name})" +
            kHand};
      throw Withhold{
          "the authtoken placeholder is not a plain %s, %v or {} (it formats the "
          "value)" +
          kHand};
    }
    size_t ph_end = ph + placeholder.size();
    const bool brace = placeholder[0] == '{';
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
        if (a->value == hole_id ||
            (a->span.begin == hole.span.begin && a->span.end == hole.span.end))
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
    static const RE2 kTail(
        R"((?s)((?:%[-+ #0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]|%\(\w+\)[-+ #0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]|\{[^{}]*\})?)(["'`]).*)");
    std::string tail_ph;
    std::string quote;
    if (template_last > items.front().begin ||
        !RE2::FullMatch(
            re2::StringPiece(src_.data() + template_last, items.front().begin - template_last),
            kTail, &tail_ph, &quote))
      throw Withhold{"cannot match the format arguments to the placeholders" + kHand};
    const size_t close = template_last + tail_ph.size();  // the closing quote
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
      re2::StringPiece at(tmpl.data() + p, tmpl.size() - p);
      std::string one;
      std::string n;
      if (named && RE2::Consume(&at, kNamed, &one, &n)) {
        if (n == name) ++uses;
        p += one.size() - 1;
        continue;
      }
      static const RE2 kAnyPositional(
          R"((%[-+ #0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]|\{(?:![rsa])?(?::[^{}]*)?\}))");
      if (!named && RE2::Consume(&at, kAnyPositional, &one)) {
        p += one.size() - 1;
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
               RE2::FullMatch(re2::StringPiece(src_.data() + close + 1, open_end - close - 1),
                              kList, &bracket) &&
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

  // Removes the authtoken URL parameter whose name starts at `at` inside string `sid`. Returns the
  // token expression, or kNoExpr with *literal = true when the value was written in the literal.
  ExprId RemoveUrlParam(ExprId sid, size_t at, bool* literal) {
    const ir::Expr& s = facts_.exprs[sid];
    if (!Plain(s))
      throw Withhold{"the URL literal holds escapes; remove the authtoken parameter by hand"};
    size_t name_off = at - s.literal_span.begin;
    if (name_off == 0 || name_off > s.text.size())
      throw Withhold{"cannot find the joint before authtoken="};
    size_t joint = name_off - 1;
    char j = s.text[joint];
    if (j != '?' && j != '&') throw Withhold{"cannot find the joint before authtoken="};
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
    uint32_t lit = s.literal_span.begin;
    ExprId root = RootOf(sid);
    auto pit = parent_.find(sid);
    std::vector<ExprId> kids =
        pit == parent_.end() ? std::vector<ExprId>{sid} : facts_.exprs[pit->second].children;
    size_t i = static_cast<size_t>(std::find(kids.begin(), kids.end(), sid) - kids.begin());
    auto kid = [&](size_t k) -> const ir::Expr& { return facts_.exprs[kids[k]]; };
    bool value_in_literal = value_end > eq + 1 || value_end < s.text.size() || i + 1 >= kids.size();
    if (value_in_literal) {
      // `"…&authtoken="` with nothing after it here: the token is appended elsewhere (Ruby
      // `path << "&authtoken=" << t`, a URL prefix constant), which this edit would not remove.
      if (value_end == eq + 1 && value_end == s.text.size() && i + 1 >= kids.size())
        throw Withhold{"the token is appended to the URL elsewhere; remove it by hand"};
      *literal = true;
      if (j == '&') {
        ctx_->Delete(lit + joint, lit + value_end);
      } else if (value_end < s.text.size() && s.text[value_end] == '&') {
        ctx_->Delete(lit + joint + 1, lit + value_end + 1);
      } else if (value_end == s.text.size() && i + 1 >= kids.size() &&
                 root == (pit == parent_.end() ? sid : pit->second)) {
        ctx_->Delete(lit + joint, lit + value_end);
      } else {
        throw Withhold{"cannot tell how the query continues after the authtoken parameter"};
      }
      return kNoExpr;
    }
    // The value is the next part: "…&authtoken=" + token …, or f"…&authtoken={token}…"
    if (value_end != s.text.size()) throw Withhold{"unexpected text after authtoken="};
    ExprId hole_id = kids[i + 1];
    const ir::Expr& hole = kid(i + 1);
    bool has_next = i + 2 < kids.size();
    const ir::Expr* next = has_next ? &kid(i + 2) : nullptr;
    bool outer_continues = pit != parent_.end() && pit->second != root;
    if (!Standalone(s)) {
      // A piece of an interpolated string: the hole must follow it directly ("…={token}").
      size_t gap_end = hole.span.begin;
      std::string_view gap = ctx_->Text({s.literal_span.end, static_cast<uint32_t>(gap_end)});
      if (hole.span.begin < s.literal_span.end ||
          gap.find_first_not_of("{$#") != std::string_view::npos) {
        RemovePercentParam(s, joint, kids, i, pit == parent_.end() ? kNoExpr : pit->second);
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
      if (j == '&') {
        ctx_->Delete(lit + joint, hole_end);
      } else if (next_amp) {
        ctx_->Delete(lit + joint + 1, next->literal_span.begin + 1);
      } else if (!has_next && !outer_continues) {
        ctx_->Delete(lit + joint, hole_end);
      } else {
        throw Withhold{"cannot rejoin the query after the authtoken parameter"};
      }
      return hole_id;
    }
    // Operands of a concatenation.
    bool next_amp = next != nullptr && next->kind == ExprKind::kString && Standalone(*next) &&
                    Plain(*next) && !next->text.empty() && next->text[0] == '&' &&
                    ctx_->Text({next->span.begin, next->literal_span.begin}) ==
                        ctx_->Text({s.span.begin, s.literal_span.begin});
    if (j == '?') {
      if (next_amp) {
        ctx_->Delete(lit + joint + 1, next->literal_span.begin + 1);
      } else if (!has_next && !outer_continues && joint == 0 && i > 0) {
        // `path + "?authtoken=" + t`: the literal goes with its operators, not leaving `+ ""`.
        ctx_->Delete(kid(i - 1).span.end, hole.span.end);
      } else if (!has_next && !outer_continues) {
        ctx_->Delete(lit + joint, s.literal_span.end);
        ctx_->Delete(s.span.end, hole.span.end);
      } else {
        throw Withhold{"cannot rejoin the query after the authtoken parameter"};
      }
      return hole_id;
    }
    if (joint > 0) {
      ctx_->Delete(lit + joint, s.literal_span.end);
      ctx_->Delete(s.span.end, hole.span.end);
      return hole_id;
    }
    // The literal is just "&authtoken=": it goes with its hole and one operator.
    if (i > 0) {
      // `url = url + "&authtoken=" + token` would become `url = url`: the statement goes instead.
      ExprId top = pit == parent_.end() ? sid : pit->second;
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
      ExprId top = pit == parent_.end() ? sid : pit->second;
      for (const auto& bd : facts_.bindings) {
        if (bd.value == top && bd.op == "+=") b = &bd;
      }
      if (b == nullptr) throw Withhold{"the whole URL is the authtoken parameter"};
      DeleteStatement(b->span);
    }
    return hole_id;
  }

  std::string_view src_;
  const languages::Language& lang_;
  ir::Facts facts_;
  long parse_errors_ = -1;
  std::map<ExprId, ExprId> parent_;
  std::optional<Context> ctx_;
  std::map<uint32_t, Request> requests_;
  std::set<ExprId> consumed_;
  std::set<const ir::Binding*> needs_;
  std::string token_note_;
};

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
