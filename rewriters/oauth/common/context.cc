// The Context of one file's OAuth fix: text and fact helpers shared by the common code and the
// language files.
#include "rewriters/oauth/common/context.h"

#include <algorithm>
#include <cctype>

#include "rewriters/oauth/common/fixer.h"
#include "rewriters/oauth/common/refresh.h"
#include "scanner/core/strings.h"
#include "scanner/ir/flow.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

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
  if (auto it = options_.token_helper.find(std::string(profile_.id)); it != options_.token_helper.end())
    named_ = MakeNamedHelper(profile_.id, it->second);
}

const RefreshHelper* Context::Helper() const {
  return named_ ? &named_->helper : RefreshHelperFor(profile_.id);
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

bool Context::Refresh() const {
  auto it = options_.token_source.find(std::string(profile_.id));
  if (it != options_.token_source.end() && (it->second == "refresh" || it->second == "env"))
    return it->second == "refresh";
  auto all = options_.token_source.find("*");
  return all != options_.token_source.end() && all->second == "refresh";
}

std::string Context::LookupText() const {
  if (Refresh()) {
    if (const RefreshHelper* h = Helper()) return RefreshCall(*this, *h, accounts_);
  }
  auto it = options_.token_source.find(std::string(profile_.id));
  if (it != options_.token_source.end() && it->second != "refresh" && it->second != "env") return it->second;
  return std::string(profile_.token_lookup);
}

std::string Context::Lookup() {
  if (Refresh()) {
    const RefreshHelper* h = Helper();
    if (h == nullptr) {
      throw Withhold{"token-source refresh has no helper for " + std::string(profile_.id) +
                     " yet; use token-source env for it, or call your own token refresh"};
    }
    if (h->async && !awaited_) {
      throw Withhold{"the refresh helper " + (h->file.empty() ? named_->spec : std::string(h->file)) +
                     " is async and this request is not awaited; add the header by hand"};
    }
    AddRefreshLoad(*this, *h);
    helper_used_ = true;
    return RefreshCall(*this, *h, accounts_);
  }
  std::string expr = LookupText();
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
  if (flow_entry_ == entry && arg < flow_carries_.size() && flow_carries_[arg]) return true;
  auto entries = ir::EntriesOf(facts_, arg);
  return std::find(entries.begin(), entries.end(), entry) != entries.end();
}

void Context::FollowAcrossMethods(std::optional<uint32_t> entry) {
  flow_entry_ = entry;
  flow_carries_.clear();
  if (entry) flow_carries_ = ir::Carriers(facts_, src_, ir::SeedsOfEntry(facts_, facts_.entries[*entry]));
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
    if (k.AllLiteral() && core::AsciiLowered(k.Joined()) == core::AsciiLowered(key)) return true;
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
}  // namespace authshift::rewriters::oauth
