#include "rewriters/dead_entry_fix.h"

#include <re2/re2.h>

#include <optional>
#include <string>

#include "rewriters/dead_entry.h"

namespace authshift::rewriters {
namespace {

struct Range {
  size_t begin = 0;
  size_t end = 0;
};

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// The whole line(s) of [begin, end), newline included, when nothing else is on them.
std::optional<Range> Lines(std::string_view src, size_t begin, size_t end) {
  const size_t nl = begin == 0 ? std::string_view::npos : src.rfind('\n', begin - 1);
  const size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  const size_t stop = src.find('\n', end);
  if (stop == std::string_view::npos || !Blank(src.substr(start, begin - start)) || !Blank(src.substr(end, stop - end)))
    return std::nullopt;
  return Range{start, stop + 1};
}

// The line before `at` (its start and end, newline excluded), or nullopt at the file's start.
std::optional<Range> LineBefore(std::string_view src, size_t at) {
  if (at == 0) return std::nullopt;
  const size_t nl = at >= 2 ? src.rfind('\n', at - 2) : std::string_view::npos;
  return Range{nl == std::string_view::npos ? 0 : nl + 1, at - 1};
}

// What goes: the entry's statement, with its `if (!isset($m['authtoken'])) {` … `}` guard when the
// guard holds only it (and comment lines), and one blank line after it when one precedes it too.
std::optional<Range> Deletion(std::string_view src, const ir::MapEntry& m) {
  std::optional<Range> r = Lines(src, m.statement.begin, m.statement.end);
  if (!r) return std::nullopt;
  const std::string guard = R"(\s*if\s*\(\s*!\s*isset\s*\(\s*)" + RE2::QuoteMeta(m.container_name) +
                            R"(\s*\[\s*(['"])\w+['"]\s*\]\s*\)\s*\)\s*\{\s*)";
  // Comment lines between the guard and the entry go with the guard.
  static const RE2 kComment(R"(\s*(?://|#).*)");
  std::optional<Range> before = LineBefore(src, r->begin);
  while (before && RE2::FullMatch(src.substr(before->begin, before->end - before->begin), kComment))
    before = LineBefore(src, before->begin);
  const size_t after_end = src.find('\n', r->end);
  if (before && after_end != std::string_view::npos &&
      RE2::FullMatch(src.substr(before->begin, before->end - before->begin), RE2(guard)) &&
      RE2::FullMatch(src.substr(r->end, after_end - r->end), R"(\s*\}\s*)")) {
    r = Range{before->begin, after_end + 1};
  }
  const std::optional<Range> above = LineBefore(src, r->begin);
  const size_t next = src.find('\n', r->end);
  if (above && Blank(src.substr(above->begin, above->end - above->begin)) && next != std::string_view::npos &&
      Blank(src.substr(r->end, next - r->end))) {
    r->end = next + 1;
  }
  return r;
}

// The one call after the entry, in the map's function, that can send it: a Guzzle
// `->request(method, url)` with no options (nullptr: none, another kind, or several).
const ir::Call* TheRequest(const ir::Facts& facts, const ir::MapEntry& m, uint32_t home) {
  static const RE2 kSends(R"((?i)^(request|send|sendRequest|get|post|put|patch|delete|head|requestAsync|curl_exec|file_get_contents|fopen|fsockopen|call)$)");
  const ir::Call* found = nullptr;
  for (const ir::Call& c : facts.calls) {
    if (c.span.begin < m.statement.end || c.self == ir::kNoExpr || !InScope(facts, facts.exprs[c.self].scope, home)) continue;
    if (!RE2::FullMatch(c.method, kSends)) continue;
    if (found != nullptr || c.method != "request" || c.receiver == ir::kNoExpr || c.args.size() != 2) return nullptr;
    found = &c;
  }
  return found;
}

}  // namespace

std::vector<size_t> FixEntriesSetTooLate(const engine::FileAnalysis& analysis, const FixInput& input,
                                         std::vector<core::Finding>& findings, EditSet* edits) {
  std::vector<size_t> fixed;
  static const RE2 kGuzzle(R"(\buse\s+GuzzleHttp\\)");
  const std::string_view src = input.src();
  if (analysis.language == nullptr || analysis.language->id != "php" || !analysis.zoho_context ||
      !RE2::PartialMatch(src, kGuzzle)) {
    return fixed;
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    core::Finding& f = findings[i];
    if (!NeverSentFinding(f)) continue;
    const ir::Facts& facts = input.facts();
    const std::optional<uint32_t> e = input.EntryOf(f);
    if (!e) continue;
    const ir::MapEntry& m = facts.entries[*e];
    const std::optional<LateEntry> late = EntrySetTooLate(analysis, facts, m);
    if (!late || m.value == ir::kNoExpr || facts.exprs[m.value].kind == ir::ExprKind::kString) continue;
    const ir::Call* req = TheRequest(facts, m, late->home);
    const std::optional<Range> gone = Deletion(src, m);
    if (req == nullptr || !gone || src[req->span.end - 1] != ')' || req->span.begin < gone->end) continue;
    const ir::Span v = facts.exprs[m.value].span;
    const std::string token(src.substr(v.begin, v.end - v.begin));
    edits->Add({gone->begin, gone->end - gone->begin, "", f.rule_id});
    edits->Add({req->span.end - 1, 0, ", ['headers' => ['Authorization' => 'Zoho-oauthtoken ' . " + token + "]]", f.rule_id});
    const uint32_t req_line = analysis.source.PositionAt(req->span.begin).line;
    f.outcome = {FixStatus::kFixed,
                 "the token was never sent before: it was put into " + m.container_name + " after its last use (line " +
                     std::to_string(late->last_use_line) + "); the entry is deleted and the request on line " +
                     std::to_string(req_line) + " sends it in an Authorization: Zoho-oauthtoken header (Guzzle's "
                     "headers option): " + token + " must now return an OAuth access token"};
    fixed.push_back(i);
  }
  return fixed;
}

}  // namespace authshift::rewriters
