// Clients of retired Zoho APIs (retired_clients.h): Zoho Docs requests, and Authtoken generations
// whose token only retired APIs use.
#include "rewriters/retired_clients.h"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "rewriters/fix.h"
#include "rewriters/oauth/clients.h"
#include "rewriters/project_constants.h"
#include "scanner/core/walk.h"
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

// Withheld or report-only token findings sent to the Zoho Docs API become legacy. The rewriters
// withhold Docs calls with the general legacy wording (ir::IsLegacyApi): in a file that names Zoho
// Docs and no other retired API, that wording becomes the Docs one.
void MarkZohoDocs(engine::FileAnalysis& analysis) {
  static const RE2 kDocsText(R"((?i)\bapidocs\.zoho\.[a-z.]+/|\bdocsapi\b)");
  static const RE2 kOtherRetired(
      R"((?i)/crm/private/|creator(export)?\.zoho\.[a-z.]+/api/|invoice\.zoho\.[a-z.]+/api/view/|\b(crmapi|creatorapi|invoiceapi)\b)");
  const std::string_view text = analysis.source.bytes();
  const bool only_docs = Matches(text, kDocsText) && !Matches(text, kOtherRetired);
  std::optional<FixInput> input;
  for (core::Finding& f : analysis.findings) {
    if (only_docs && Counts(f) && IsLegacyOutcome(f) && f.outcome.detail.rfind(kDocs, 0) != 0) {
      f.outcome.detail = std::string(kDocs);
      continue;
    }
    if (!Counts(f) || IsLifecycle(f) || f.outcome.status == core::FixStatus::kFixed || IsLegacyOutcome(f)) continue;
    bool docs = IsZohoDocsApi(analysis.source.Line(f.start.line));
    if (!docs && analysis.language != nullptr) {
      if (!input) input.emplace(analysis);
      docs = BesideDocsScope(*input, f);
    }
    if (docs) f.outcome = {core::FixStatus::kWithheld, std::string(kDocs)};
  }
}

// Which retired APIs the evidence names, and where.
struct Evidence {
  std::set<uint32_t> lines;              // in the file
  std::vector<std::string> elsewhere;    // "path:line" in the project's other files
  bool docs = false;                     // Zoho Docs
  bool other = false;                    // CRM v1, Creator v1, Invoice v2
};

// The Zoho API URLs (not the accounts server) that `line` names: true when there is one, each of a
// retired API (noted in `ev`); false when there is none. `current` is set when any is not retired.
bool RetiredUrls(std::string_view line, Evidence* ev, bool* current) {
  static const RE2 kUrl(R"((?i)https?://([a-z0-9.-]+))");
  static const RE2 kAccounts(R"((?i)^accounts\.)");
  // CRM v1's root (`https://crm.zoho.com/crm/private/`, joined with `xml/` or `json/` elsewhere).
  static const RE2 kCrmRoot(R"((?i)^[a-z0-9.-]+/crm/private\b)");
  re2::StringPiece in(line.data(), line.size());
  std::string host;
  bool any = false;
  while (RE2::FindAndConsume(&in, kUrl, &host)) {
    if (!ir::IsZohoHost(host) || Matches(host, kAccounts)) continue;
    // The URL from its host to the end of the line.
    const std::string_view rest = line.substr(static_cast<size_t>(in.data() - line.data()) - host.size());
    if (IsZohoDocsApi(rest)) {
      ev->docs = true;
    } else if (ir::IsLegacyApi(rest) || Matches(rest, kCrmRoot)) {
      ev->other = true;
    } else {
      *current = true;
    }
    any = true;
  }
  return any;
}

// The lines of `analysis` naming retired APIs' URLs go into `ev`; false when a line names a current API.
bool RetiredUrlLines(const engine::FileAnalysis& analysis, Evidence* ev) {
  bool current = false;
  for (uint32_t l = 1; l <= analysis.source.LineCount(); ++l) {
    if (RetiredUrls(analysis.source.Line(l), ev, &current)) ev->lines.insert(l);
    if (current) return false;
  }
  return true;
}

// Calls `line(path, number, text)` for every line of the project's other files of the same kind
// (extension) as `analysis`; false when one cannot be read, or `line` returns false (it stops there).
template <typename Fn>
bool ForEachLineElsewhere(const engine::FileAnalysis& analysis, const ProjectConstants& project, Fn line) {
  const std::string& path = analysis.source.path();
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return false;
  const std::vector<ProjectFile>* files = project.TextsEndingWith(path.substr(dot));
  if (files == nullptr) return false;
  for (const ProjectFile& f : *files) {
    if (f.path == path) continue;
    const std::string_view text = f.text;
    uint32_t l = 0;
    for (size_t at = 0; at <= text.size(); ++l) {
      size_t nl = text.find('\n', at);
      if (nl == std::string::npos) nl = text.size();
      if (!line(f.path, l + 1, text.substr(at, nl - at))) return false;
      at = nl + 1;
    }
  }
  return true;
}

// The project's other files of the same kind as `analysis`: their retired-API URL lines go into
// `ev`; false when one names a current API or cannot be read.
bool RetiredUrlsElsewhere(const engine::FileAnalysis& analysis, const ProjectConstants& project, Evidence* ev) {
  return ForEachLineElsewhere(analysis, project, [&](const std::string& path, uint32_t l, std::string_view text) {
    bool current = false;
    if (RetiredUrls(text, ev, &current)) ev->elsewhere.push_back(path + ":" + std::to_string(l));
    return !current;
  });
}

// The file's other findings all go to retired APIs (`local`), or are at most values whose request
// is not in this file (`unsent`: the token's plumbing to a request elsewhere); false when any is sent
// to a current API here, or fixed.
bool OtherFindings(const engine::FileAnalysis& analysis, Evidence* ev, bool* unsent) {
  for (const core::Finding& f : analysis.findings) {
    if (!Counts(f) || IsLifecycle(f)) continue;
    if (IsLegacyOutcome(f)) {
      ev->lines.insert(f.start.line);
      (f.outcome.detail.rfind(kDocs, 0) == 0 ? ev->docs : ev->other) = true;
    } else if (f.outcome.status == core::FixStatus::kWithheld &&
               f.outcome.detail.rfind("cannot find the request this value is sent with", 0) == 0) {
      *unsent = true;
    } else {
      return false;
    }
  }
  return true;
}

// The evidence's lines: "lines 3-21, src/form.js:16, …" (three of the other files' lines at most).
std::string Where(const Evidence& ev) {
  std::string where = ev.lines.empty() ? "" : LineList(ev.lines);
  for (size_t i = 0; i < ev.elsewhere.size() && i < 3; ++i) where += (where.empty() ? "" : ", ") + ev.elsewhere[i];
  if (ev.elsewhere.size() > 3) where += ", …";
  return where;
}

// Which retired APIs the evidence names, in the legacy wording.
std::string Api(const Evidence& ev) {
  return !ev.docs ? "legacy API (CRM v1, Creator v1 or Invoice v2)"
         : ev.other ? "legacy API (Zoho Docs, retired into Zoho WorkDrive; CRM v1, Creator v1 or Invoice v2)"
                    : "legacy API (Zoho Docs, retired into Zoho WorkDrive, whose API is a different one)";
}

// A withheld generation whose token only retired APIs use becomes legacy, naming the lines: every
// Authtoken finding and Zoho API URL of the file is a retired API's, or (when the file's values go
// to requests elsewhere, or it names none) every Zoho API URL of the project's files of its kind.
void MarkGenerations(engine::FileAnalysis& analysis, const ProjectConstants* project) {
  if (std::none_of(analysis.findings.begin(), analysis.findings.end(), [](const core::Finding& f) {
        return Counts(f) && f.rule_id == "zoho-authtoken-generation" && f.outcome.status == core::FixStatus::kWithheld &&
               !IsLegacyOutcome(f);
      }))
    return;
  Evidence ev;
  bool unsent = false;
  if (!OtherFindings(analysis, &ev, &unsent) || !RetiredUrlLines(analysis, &ev)) return;
  if (unsent || ev.lines.empty()) {
    if (project == nullptr || !RetiredUrlsElsewhere(analysis, *project, &ev) || ev.elsewhere.empty()) return;
  }
  const std::string where = Where(ev);
  const std::string api = Api(ev);
  const std::string& path = analysis.source.path();
  const std::string scope = ev.elsewhere.empty() ? "every Authtoken request and Zoho API URL of this file"
                                                 : "every Zoho API URL of the project's " + path.substr(path.rfind('.')) + " files";
  for (core::Finding& f : analysis.findings) {
    if (!Counts(f) || f.rule_id != "zoho-authtoken-generation" || f.outcome.status != core::FixStatus::kWithheld ||
        IsLegacyOutcome(f))
      continue;
    f.outcome = {core::FixStatus::kWithheld,
                 api + ": the token generated here is for such calls only; " + scope + " is one (" + where +
                     "); migrate the client to the current API by hand, where OAuth replaces the generation"};
  }
}

// A Zoho key finding (`authtoken:` in a map, `params['authtoken']`) whose request this file does not
// make: report-only, or withheld as "cannot find the request".
bool UnsentKey(const core::Finding& f) {
  if (!Counts(f) || f.rule_id != "authtoken-zoho-key") return false;
  return f.outcome.status == core::FixStatus::kReportOnly ||
         (f.outcome.status == core::FixStatus::kWithheld &&
          f.outcome.detail.rfind("cannot find the request this value is sent with", 0) == 0);
}

// Key findings whose request is in another file become legacy when the file names no current Zoho
// API, its other findings are legacy (or such keys), and every Zoho API URL of the project's files
// of its kind is a retired API's (at least one): the value can only reach those requests. The
// findings held until the scan knows the repository is about Zoho (`context_pending`) count too.
void MarkUnsentKeys(engine::FileAnalysis& analysis, const ProjectConstants* project) {
  std::vector<core::Finding*> keys;
  Evidence ev;
  for (std::vector<core::Finding>* list : {&analysis.findings, &analysis.context_pending}) {
    for (core::Finding& f : *list) {
      if (UnsentKey(f)) {
        keys.push_back(&f);
      } else if (Counts(f) && !IsLifecycle(f)) {
        if (!IsLegacyOutcome(f)) return;
        ev.lines.insert(f.start.line);
        (f.outcome.detail.rfind(kDocs, 0) == 0 ? ev.docs : ev.other) = true;
      }
    }
  }
  if (keys.empty() || project == nullptr || !RetiredUrlLines(analysis, &ev) ||
      !RetiredUrlsElsewhere(analysis, *project, &ev) || ev.elsewhere.empty())
    return;
  const std::string& path = analysis.source.path();
  const std::string reason = Api(ev) + ": the request this value is sent with is not in this file, and every Zoho API "
                             "URL of the project's " + path.substr(path.rfind('.')) + " files is one (" + Where(ev) +
                             "); migrate the client to the current API by hand";
  for (core::Finding* f : keys) f->outcome = {core::FixStatus::kWithheld, reason};
}

// True when `line` calls `call` in code: not in a line that is a comment as a whole (`//`, `#`, `*` of a
// block comment), nor in a string literal (`'ZohoClient->call()->sendRequest()'`).
bool CallsIn(std::string_view line, const RE2& call) {
  static const RE2 kString(R"('[^']*'|"[^"]*")");
  const size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos || line[at] == '#' || line[at] == '*' || line.substr(at, 2) == "//") return false;
  std::string code(line);
  RE2::GlobalReplace(&code, kString, "''");
  return Matches(code, call);
}

// A key whose map this file hands to a method it defines itself (`$this->sendRequest($url, $params)`,
// the request the scanner names): the map is that method's parameter, whose request the fixer does
// not rewrite for one caller. The reason names the method, and its other callers when the project
// has them (the request is shared: changing it changes theirs).
void MarkSharedSenders(engine::FileAnalysis& analysis, const ProjectConstants* project) {
  static const RE2 kOwnCall(R"((\$this->|self\.|this\.)([A-Za-z_]\w*)\s*\()");
  const std::string_view src = analysis.source.bytes();
  for (core::Finding& f : analysis.findings) {
    if (!Counts(f) || f.rule_id != "authtoken-zoho-key" || f.outcome.status != core::FixStatus::kWithheld ||
        f.outcome.detail.rfind("cannot find the request this value is sent with", 0) != 0 || f.related.size() != 1)
      continue;
    const uint32_t at = f.related[0].start.line;
    std::string receiver;
    std::string method;
    if (!RE2::PartialMatch(analysis.source.Line(at), kOwnCall, &receiver, &method)) continue;
    const std::vector<oauth::MethodHeader> headers = oauth::MethodHeaders(src);
    const auto header = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.name == method; });
    if (header == headers.end()) continue;
    const auto defined = static_cast<uint32_t>(std::count(src.begin(), src.begin() + static_cast<long>(header->begin), '\n') + 1);
    // Other calls of the method: in this file, and in the project's files of its kind.
    const RE2 call("(?:->|\\.)" + RE2::QuoteMeta(method) + "\\s*\\(");
    std::vector<std::string> others;
    for (uint32_t l = 1; l <= analysis.source.LineCount(); ++l) {
      const std::string_view line = analysis.source.Line(l);
      if (l != at && CallsIn(line, call)) others.push_back("line " + std::to_string(l));
    }
    const bool read = project != nullptr && ForEachLineElsewhere(analysis, *project, [&](const std::string& path, uint32_t l,
                                                                                        std::string_view line) {
      if (CallsIn(line, call)) others.push_back(path + ":" + std::to_string(l));
      return true;
    });
    std::string where;
    for (size_t i = 0; i < others.size() && i < 3; ++i) where += (i == 0 ? "" : ", ") + others[i];
    if (others.size() > 3) where += ", … (" + std::to_string(others.size()) + " calls)";
    const std::string callee = receiver + method + "()";
    f.outcome.detail = "the map is handed to " + callee + " (line " + std::to_string(at) + "), which this file defines (line " +
                       std::to_string(defined) + ") with the map as its parameter; " +
                       (!others.empty() ? "the same method sends the requests of other callers too (" + where +
                                              "): make it send Authorization: Zoho-oauthtoken and drop the auth" "token "
                                              "parameter from every caller, by hand, once every request it makes is to a "
                                              "current Zoho API"
                        : read ? "move the token to an Authorization: Zoho-oauthtoken header of that request by hand"
                               : "move the token to an Authorization: Zoho-oauthtoken header of that request by hand, "
                                 "after checking the method's callers in other files");
  }
}

}  // namespace

bool IsZohoDocsApi(std::string_view text) {
  static const RE2 kDocsApi(R"((?i)\bapidocs\.zoho\.[a-z.]+(/|\b))");
  return Matches(text, kDocsApi);
}

void MarkRetiredClients(engine::FileAnalysis& analysis, const ProjectConstants* project) {
  MarkZohoDocs(analysis);
  MarkGenerations(analysis, project);
  MarkUnsentKeys(analysis, project);
  MarkSharedSenders(analysis, project);
}

}  // namespace authshift::rewriters
