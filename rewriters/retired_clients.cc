// Clients of retired Zoho APIs (retired_clients.h): Zoho Docs requests, and Authtoken generations
// whose token only retired APIs use.
#include "rewriters/retired_clients.h"

#include <re2/re2.h>

#include <iterator>
#include <set>
#include <string>

#include "rewriters/fix.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters {
namespace {

// What score.py and the fix summary count as legacy starts with "legacy API".
constexpr std::string_view kDocs =
    "legacy API (Zoho Docs, retired: its files moved to Zoho WorkDrive, whose API is a different one): "
    "migrate it to the WorkDrive API by hand";
constexpr std::string_view kLegacyPrefix = "legacy API";

bool Matches(std::string_view text, const RE2& re) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

bool IsLegacyOutcome(const core::Finding& f) {
  return f.outcome.status == core::FixStatus::kWithheld && f.outcome.detail.rfind(kLegacyPrefix, 0) == 0;
}

bool Counts(const core::Finding& f) { return !f.suppressed && f.severity != core::Severity::kNote; }

bool IsLifecycle(const core::Finding& f) {
  return f.rule_id == "zoho-authtoken-generation" || f.rule_id == "zoho-authtoken-revocation";
}

// "line 4", "lines 3-21, 40": runs of consecutive lines are written as ranges.
std::string LineList(const std::set<uint32_t>& lines) {
  std::string where;
  for (auto it = lines.begin(); it != lines.end();) {
    uint32_t last = *it;
    auto next = std::next(it);
    while (next != lines.end() && *next == last + 1) last = *next++;
    where += (where.empty() ? "" : ", ") + std::to_string(*it) + (last > *it ? "-" + std::to_string(last) : "");
    it = next;
  }
  return (lines.size() > 1 ? "lines " : "line ") + where;
}

// True when the map entry a finding reports sits beside `SCOPE: docsapi` (the Zoho Docs scope).
bool BesideDocsScope(const FixInput& input, const core::Finding& f) {
  static const RE2 kKey(R"((?i)^scope$)");
  static const RE2 kScope(R"((?i)^(ZohoPC/)?docsapi$)");
  const std::optional<uint32_t> at = input.EntryOf(f);
  if (!at) return false;
  const ir::Facts& facts = input.facts();
  const ir::MapEntry& mine = facts.entries[*at];
  for (const ir::MapEntry& e : facts.entries) {
    if (e.key == ir::kNoExpr || e.value == ir::kNoExpr) continue;
    const bool same = mine.container != ir::kNoExpr ? e.container == mine.container
                                                    : !mine.container_name.empty() && e.container_name == mine.container_name &&
                                                          e.scope == mine.scope;
    if (!same) continue;
    const ir::StringValue k = ir::Flatten(facts, e.key, input.src());
    const ir::StringValue v = ir::Flatten(facts, e.value, input.src());
    if (k.AllLiteral() && v.AllLiteral() && RE2::FullMatch(k.Joined(), kKey) && RE2::FullMatch(v.Joined(), kScope))
      return true;
  }
  return false;
}

// Withheld or report-only token findings sent to the Zoho Docs API become legacy.
void MarkZohoDocs(engine::FileAnalysis& analysis) {
  std::optional<FixInput> input;
  for (core::Finding& f : analysis.findings) {
    if (!Counts(f) || IsLifecycle(f) || f.outcome.status == core::FixStatus::kFixed || IsLegacyOutcome(f)) continue;
    bool docs = IsZohoDocsApi(analysis.source.Line(f.start.line));
    if (!docs && analysis.language != nullptr) {
      if (!input) input.emplace(analysis);
      docs = BesideDocsScope(*input, f);
    }
    if (docs) f.outcome = {core::FixStatus::kWithheld, std::string(kDocs)};
  }
}

// The lines of `analysis` that name a Zoho API URL (not the accounts server): retired ones in
// `retired` (which kinds in `docs`, `other`); false when any names a current API.
bool RetiredUrlLines(const engine::FileAnalysis& analysis, std::set<uint32_t>* retired, bool* docs, bool* other) {
  static const RE2 kUrl(R"((?i)https?://([a-z0-9.-]+))");
  static const RE2 kAccounts(R"((?i)^accounts\.)");
  for (uint32_t l = 1; l <= analysis.source.LineCount(); ++l) {
    const std::string_view line = analysis.source.Line(l);
    re2::StringPiece in(line.data(), line.size());
    std::string host;
    while (RE2::FindAndConsume(&in, kUrl, &host)) {
      if (!ir::IsZohoHost(host) || Matches(host, kAccounts)) continue;
      // The URL from its scheme to the end of the line: the path that follows the host.
      const std::string_view rest = line.substr(line.find(host));
      if (IsZohoDocsApi(rest)) {
        *docs = true;
      } else if (ir::IsLegacyApi(rest)) {
        *other = true;
      } else {
        return false;
      }
      retired->insert(l);
    }
  }
  return true;
}

// A withheld generation whose file only talks to retired APIs becomes legacy, naming the lines.
void MarkGenerations(engine::FileAnalysis& analysis) {
  std::set<uint32_t> evidence;
  bool docs = false, other = false;
  for (const core::Finding& f : analysis.findings) {
    if (!Counts(f) || IsLifecycle(f)) continue;
    if (!IsLegacyOutcome(f)) return;  // a token sent to a current API (or not followed): keep the reason
    evidence.insert(f.start.line);
    (f.outcome.detail.rfind(kDocs, 0) == 0 ? docs : other) = true;
  }
  if (!RetiredUrlLines(analysis, &evidence, &docs, &other) || evidence.empty()) return;
  const std::string api = !docs ? "legacy API (CRM v1, Creator v1 or Invoice v2)"
                          : other ? "legacy API (Zoho Docs, retired into Zoho WorkDrive; CRM v1, Creator v1 or Invoice v2)"
                                  : "legacy API (Zoho Docs, retired into Zoho WorkDrive, whose API is a different one)";
  for (core::Finding& f : analysis.findings) {
    if (!Counts(f) || f.rule_id != "zoho-authtoken-generation" || f.outcome.status != core::FixStatus::kWithheld ||
        IsLegacyOutcome(f))
      continue;
    f.outcome = {core::FixStatus::kWithheld,
                 api + ": the token generated here is for such calls only; every Authtoken request and Zoho API URL in "
                       "this file is one (" + LineList(evidence) +
                       "); migrate the client to the current API by hand, where OAuth replaces the generation"};
  }
}

}  // namespace

bool IsZohoDocsApi(std::string_view text) {
  static const RE2 kDocsApi(R"((?i)\bapidocs\.zoho\.[a-z.]+(/|\b))");
  return Matches(text, kDocsApi);
}

void MarkRetiredClients(engine::FileAnalysis& analysis) {
  MarkZohoDocs(analysis);
  MarkGenerations(analysis);
}

}  // namespace authshift::rewriters
