// A parameter entry set after the parameters' last use (`$url = $this->buildUrl($r, $params);`
// then `$params['authtoken'] = …;` and a request that only takes `$url`): the token is never sent.
#include "rewriters/dead_entry.h"

#include <optional>
#include <string>

#include "rewriters/fix.h"

namespace authshift::rewriters {
namespace {

bool NoRequestFound(const core::Finding& f) {
  return !f.suppressed && f.outcome.status == core::FixStatus::kWithheld &&
         f.outcome.detail.rfind("cannot find the request this value is sent with", 0) == 0;
}

// True when scope `inner` is `outer` or inside it.
bool Within(const ir::Facts& facts, uint32_t inner, uint32_t outer) {
  for (uint32_t s = inner;; s = facts.scope_parent[s]) {
    if (s == outer) return true;
    if (s == 0 || s >= facts.scope_parent.size()) return false;
  }
}

// True when the read `e` of the map variable cannot send it: the map of another entry put into it
// (`$params['x'] = …`), or the argument of an `isset`/`empty`/`array_key_exists` check.
bool Inert(const ir::Facts& facts, const ir::Expr& e) {
  for (const ir::MapEntry& m : facts.entries) {
    if (m.origin != ir::EntryOrigin::kIndexAssign || m.key == ir::kNoExpr) continue;
    if (m.statement.begin <= e.span.begin && e.span.end <= facts.exprs[m.key].span.begin) return true;
  }
  for (const ir::Call& c : facts.calls) {
    if (c.span.begin > e.span.begin || e.span.end > c.span.end) continue;
    if (c.method == "isset" || c.method == "empty" || c.method == "array_key_exists") return true;
  }
  return false;
}

// The line of the map's last use before the entry, when nothing after it in the function uses the
// map (nullopt: it may still be sent, or the entry is not of that shape).
std::optional<uint32_t> LastUseBefore(const engine::FileAnalysis& a, const ir::Facts& facts, const ir::MapEntry& m,
                                      uint32_t* home_scope = nullptr) {
  if (m.origin != ir::EntryOrigin::kIndexAssign || m.container_name.empty()) return std::nullopt;
  // The scope that binds the map (the function whose parameter or local it is): every read in it
  // or in a block inside it counts.
  std::optional<uint32_t> home;
  auto it = facts.bindings_by_name.find(m.container_name);
  if (it == facts.bindings_by_name.end()) return std::nullopt;
  for (uint32_t s = m.scope; !home;) {
    for (uint32_t i : it->second) {
      if (facts.bindings[i].scope == s) home = s;
    }
    if (s == 0 || s >= facts.scope_parent.size()) break;
    s = facts.scope_parent[s];
  }
  if (!home) return std::nullopt;
  std::optional<uint32_t> before;
  for (const ir::Expr& e : facts.exprs) {
    if (e.kind != ir::ExprKind::kName || e.text != m.container_name || !Within(facts, e.scope, *home)) continue;
    if (e.span.begin >= m.statement.end) {
      if (!Inert(facts, e)) return std::nullopt;
    } else if (e.span.end <= m.statement.begin && !Inert(facts, e)) {
      before = a.source.PositionAt(e.span.begin).line;
    }
  }
  // Never read before either: a map filled and dropped, not a request built too early.
  if (before && home_scope != nullptr) *home_scope = *home;
  return before;
}

}  // namespace

bool NeverSentFinding(const core::Finding& f) { return NoRequestFound(f); }

std::optional<LateEntry> EntrySetTooLate(const engine::FileAnalysis& analysis, const ir::Facts& facts,
                                         const ir::MapEntry& m) {
  LateEntry late;
  std::optional<uint32_t> line = LastUseBefore(analysis, facts, m, &late.home);
  if (!line) return std::nullopt;
  late.last_use_line = *line;
  return late;
}

bool InScope(const ir::Facts& facts, uint32_t inner, uint32_t outer) { return Within(facts, inner, outer); }

void ForEachUnsentEntry(engine::FileAnalysis& analysis,
                        const std::function<void(core::Finding&, const ir::Facts&, const ir::MapEntry&)>& visit) {
  bool any = false;
  for (const core::Finding& f : analysis.findings) any = any || NoRequestFound(f);
  if (!any) return;
  const FixInput input(analysis);
  const ir::Facts& facts = input.facts();
  for (core::Finding& f : analysis.findings) {
    if (!NoRequestFound(f)) continue;
    if (const std::optional<uint32_t> e = input.EntryOf(f)) visit(f, facts, facts.entries[*e]);
  }
}

void MarkEntriesSetTooLate(engine::FileAnalysis& analysis) {
  if (analysis.language == nullptr || analysis.language->id != "php") return;
  ForEachUnsentEntry(analysis, [&](core::Finding& f, const ir::Facts& facts, const ir::MapEntry& m) {
    const std::optional<uint32_t> line = LastUseBefore(analysis, facts, m);
    if (!line) return;
    f.outcome.detail = "the token is never sent: it is put into " + m.container_name + " after its last use (line " +
                       std::to_string(*line) + "), and nothing reads " + m.container_name +
                       " afterwards; delete the entry and add an Authorization: Zoho-oauthtoken header to the "
                       "request by hand";
  });
}

}  // namespace authshift::rewriters
