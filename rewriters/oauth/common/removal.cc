// Removing text without leaving debris: statements, items of a comma-separated list, parameter
// entries and setters, and a parameter map that empties out.
#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "rewriters/oauth/common/fixer.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;
using ir::Span;

void Fixer::DeleteStatement(Span s) {
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

void Fixer::RemoveItem(const std::vector<Span>& items, size_t k, const std::set<size_t>& removed) {
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

void Fixer::RemoveEntries(const std::vector<uint32_t>& entries, uint32_t call) {
  if (ctx_->profile().remove_entries != nullptr) {
    // Not map literals (Bash words: bash.cc cuts the option or the `k=v` part of its word).
    for (uint32_t e : entries) ctx_->MarkRemoved(e);
    ctx_->profile().remove_entries(*ctx_, entries, call);
    return;
  }
  std::map<ExprId, std::set<uint32_t>> by_map;
  for (uint32_t e : entries) {
    const ir::MapEntry& m = facts_.entries[e];
    ctx_->MarkRemoved(e);
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

const ir::Call* Fixer::SetterOf(ExprId map) const {
  for (const auto& c : facts_.calls) {
    for (const auto& a : c.args) {
      if (a.name == "<entry>" && a.value == map) return &c;
    }
  }
  return nullptr;
}

void Fixer::RemoveSetter(const ir::Call& c) {
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

void Fixer::RemoveEmptiedMap(ExprId map, uint32_t call) {
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
    ctx_->MarkRemoved(i);
    std::vector<uint32_t> sib = ctx_->LiteralEntries(e.container);
    std::vector<Span> spans;
    std::set<size_t> removed;
    for (size_t k = 0; k < sib.size(); ++k) {
      spans.push_back(facts_.entries[sib[k]].span);
      if (ctx_->IsRemoved(sib[k])) removed.insert(k);
    }
    for (size_t k = 0; k < sib.size(); ++k) {
      if (sib[k] == i) RemoveItem(spans, k, removed);
    }
    return;
  }
  if (RemoveEncodedQuery(map)) return;
  throw Withhold{
      "the parameter map would become empty and cannot be removed cleanly; remove it by hand"};
}

void Fixer::RemoveArgument(const ir::Call& c, const ir::Arg& a) {
  std::vector<Span> spans;
  std::optional<size_t> k;
  for (const ir::Arg* x : WrittenArgs(c)) {
    if (x == &a) k = spans.size();
    spans.push_back(x->span);
  }
  if (!k) throw Withhold{"cannot find the argument that passes the parameters"};
  RemoveItem(spans, *k, {});
}

}  // namespace authshift::rewriters::oauth
