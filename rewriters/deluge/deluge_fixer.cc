#include "rewriters/deluge/deluge_fixer.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "rewriters/deluge/scopes.h"
#include "scanner/core/strings.h"
#include "scanner/ir/built_from.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::deluge {
namespace {

using ir::ExprId;
using ir::Span;

// Why a finding could not be fixed; thrown inside the fixer, caught per call group.
struct Withhold {
  std::string reason;
};

class Fixer {
 public:
  // Works on the scan's facts of the file (FixInput): nothing is parsed again.
  Fixer(const FixInput& input, const FixOptions& options)
      : in_(input), src_(input.src()), options_(options), facts_(input.facts()) {
    DetectIndent();
  }

  RewriteResult Run(const std::vector<const core::Finding*>& findings) {
    RewriteResult result;
    // Group the findings by the call(s) they concern; each group is fixed whole or not at all.
    struct Item {
      size_t index;
      const core::Finding* f;
    };
    std::vector<Item> literals;
    // Findings that reach a common request are fixed together, with every request they reach:
    // removing a header entry shared by two calls and converting only one would leave the other
    // without authentication.
    std::vector<Item> items;
    std::vector<std::vector<uint32_t>> item_calls;
    for (size_t i = 0; i < findings.size(); ++i) {
      const core::Finding* f = findings[i];
      if (f->match_kind == core::MatchKind::kZohoLiteral) continue;  // see DeleteIfUnread
      if (InsideSyntaxError({static_cast<uint32_t>(f->byte_start), static_cast<uint32_t>(f->byte_end)})) {
        result.outcomes.push_back({i, FixStatus::kWithheld, "the statement around it has a syntax error: fix it first"});
        continue;
      }
      if (f->match_kind == core::MatchKind::kBindingToSink) {
        literals.push_back({i, f});
        continue;
      }
      std::vector<uint32_t> calls = CallsOf(*f);
      if (calls.empty()) {
        result.outcomes.push_back({i, FixStatus::kWithheld, "cannot find the request this value is sent with"});
        continue;
      }
      items.push_back({i, f});
      item_calls.push_back(std::move(calls));
    }
    std::vector<size_t> group(items.size());
    for (size_t a = 0; a < items.size(); ++a) {
      group[a] = a;
      for (size_t b = 0; b < a; ++b) {
        bool shared = std::any_of(item_calls[a].begin(), item_calls[a].end(), [&](uint32_t c) {
          return std::find(item_calls[b].begin(), item_calls[b].end(), c) != item_calls[b].end();
        });
        if (shared) {
          size_t from = group[a];
          size_t to = group[b];
          for (auto& g : group) {
            if (g == from) g = to;
          }
        }
      }
    }
    std::set<size_t> group_ids(group.begin(), group.end());
    for (size_t gid : group_ids) {
      std::vector<Item> members;
      std::set<uint32_t> calls;
      for (size_t a = 0; a < items.size(); ++a) {
        if (group[a] != gid) continue;
        members.push_back(items[a]);
        calls.insert(item_calls[a].begin(), item_calls[a].end());
      }
      group_edits_.clear();
      group_removed_.clear();
      std::set<uint32_t> entries_before = removed_entries_;
      std::string advice;
      try {
        group_token_.clear();
        for (const Item& it : members) RemoveFinding(*it.f);
        bool only_swaps =
            HeaderMode() && std::all_of(members.begin(), members.end(), [](const Item& it) {
              return it.f->match_kind == core::MatchKind::kHeader;
            });
        if (only_swaps) calls.clear();
        if (HeaderMode() && !calls.empty() && group_token_.empty()) {
          throw Withhold{"header mode: cannot tell which variable holds the token"};
        }
        std::map<std::string, std::pair<ConnectionAdvice, std::set<std::string>>> by_name;
        for (uint32_t c : calls) {
          ConnectionAdvice a = FixCall(c);
          auto& slot = by_name[a.name];
          slot.first = a;
          if (!a.scope.empty()) slot.second.insert(a.scope);
        }
        if (HeaderMode()) {
          std::string tok = group_token_.empty() ? std::string("the token") : "'" + group_token_ + "'";
          advice = tok + " must now hold an OAuth access token (sent as Authorization: Zoho-oauthtoken)";
        } else {
          for (const auto& [name, slot] : by_name) {
            advice += (advice.empty() ? "" : "; ") + AdviceText(slot.first, slot.second);
          }
        }
      } catch (const Withhold& w) {
        removed_entries_ = std::move(entries_before);
        for (const Item& it : members) result.outcomes.push_back({it.index, FixStatus::kWithheld, w.reason});
        continue;
      }
      edits_.insert(edits_.end(), group_edits_.begin(), group_edits_.end());
      removed_.insert(group_removed_.begin(), group_removed_.end());
      for (const Item& it : members) result.outcomes.push_back({it.index, FixStatus::kFixed, advice});
    }
    // The authtoken assignment goes when nothing that is left reads it.
    for (const Item& it : literals) {
      const ir::Binding* b = in_.BindingOf(*it.f);
      if (b == nullptr) {
        result.outcomes.push_back({it.index, FixStatus::kWithheld, "cannot find the assignment"});
        continue;
      }
      size_t reads = RemainingReads(b->name, b->scope);
      if (reads > 0) {
        result.outcomes.push_back({it.index, FixStatus::kWithheld,
                                   "the variable '" + b->name + "' is still read in " + std::to_string(reads) +
                                       " place(s); remove the literal by hand and revoke the token"});
        continue;
      }
      DeleteStatement(b->span, &edits_);
      result.outcomes.push_back({it.index, FixStatus::kFixed, "revoke this Authtoken in Zoho Accounts: it was in the code"});
    }
    for (size_t i = 0; i < findings.size(); ++i) {
      if (findings[i]->match_kind == core::MatchKind::kZohoLiteral) result.outcomes.push_back(DeleteIfUnread(i, *findings[i]));
    }
    result.edits = std::move(edits_);
    for (auto& e : result.edits) e.rule_id = "deluge-connection";
    return result;
  }

 private:
  // A token or placeholder no rule traced to a call (authtoken-zoho-literal) that only the calls
  // just converted read: it is left unread, so it goes too. Otherwise it stays report-only.
  FindingOutcome DeleteIfUnread(size_t index, const core::Finding& f) {
    const ir::Binding* b = in_.BindingOf(f);
    if (b == nullptr || Reads(b->name, b->scope, false) == 0 || Reads(b->name, b->scope, true) > 0)
      return {index, FixStatus::kReportOnly, ""};
    DeleteStatement(b->span, &edits_);
    static const RE2 kHex32("[0-9a-fA-F]{32}");
    const bool secret = b->value != ir::kNoExpr && RE2::PartialMatch(facts_.exprs[b->value].text, kHex32);
    return {index, FixStatus::kFixed,
            "nothing reads '" + b->name + "' after the fix: deleted" +
                (secret ? "; revoke this Authtoken in Zoho Accounts: it was in the code" : " (a placeholder)")};
  }

  // --- locating ------------------------------------------------------------------------------

  // The join a URL piece is a direct part of (FixInput's one parent rule).
  ExprId RootOf(ExprId e) const { return in_.ParentOf(e); }

  static bool IsWebCall(const ir::Call& c) {
    std::string m = core::AsciiLowered(c.callee);
    return m == "geturl" || m == "posturl" || m == "invokeurl";
  }

  ExprId UrlArg(const ir::Call& c) const {
    for (const auto& a : c.args) {
      if (core::AsciiLowered(c.callee) == "invokeurl" ? a.name == "url" : a.name.empty()) return a.value;
    }
    return ir::kNoExpr;
  }

  // The web calls a finding's value reaches (in source order).
  std::vector<uint32_t> CallsOf(const core::Finding& f) const {
    std::vector<uint32_t> out;
    if (auto e = in_.EntryOf(f)) {
      for (uint32_t i = 0; i < facts_.calls.size(); ++i) {
        const auto& c = facts_.calls[i];
        if (!IsWebCall(c)) continue;
        for (const auto& a : c.args) {
          auto entries = ir::EntriesOf(facts_, a.value);
          if (std::find(entries.begin(), entries.end(), *e) != entries.end()) {
            out.push_back(i);
            break;
          }
        }
      }
      return out;
    }
    if (auto s = in_.StringOf(f)) {
      for (uint32_t i = 0; i < facts_.calls.size(); ++i) {
        const auto& c = facts_.calls[i];
        if (IsWebCall(c) && UrlArg(c) != ir::kNoExpr &&
            ir::BuiltFrom(facts_, src_, UrlArg(c), *s, ir::kInString))
          out.push_back(i);
      }
    }
    return out;
  }

  // --- text helpers --------------------------------------------------------------------------

  size_t LineBegin(size_t off) const {
    size_t p = src_.rfind('\n', off == 0 ? 0 : off - 1);
    return (off == 0 || p == std::string_view::npos) ? 0 : p + 1;
  }
  std::string_view IndentAt(size_t off) const {
    size_t b = LineBegin(off);
    size_t e = b;
    while (e < src_.size() && (src_[e] == ' ' || src_[e] == '\t')) ++e;
    return src_.substr(b, e - b);
  }
  std::string_view Eol() const { return crlf_ ? "\r\n" : "\n"; }

  void DetectIndent() {
    crlf_ = src_.find("\r\n") != std::string_view::npos;
    // The file's own indent unit: tab when indented lines start with a tab, else the smallest
    // run of leading spaces; a tab when the file has no indentation at all (Zoho's editor does so).
    size_t min_spaces = 0;
    size_t tabs = 0;
    size_t pos = 0;
    while (pos < src_.size()) {
      size_t e = src_.find('\n', pos);
      if (e == std::string_view::npos) e = src_.size();
      std::string_view line = src_.substr(pos, e - pos);
      if (!line.empty() && line[0] == '\t') ++tabs;
      size_t sp = line.find_first_not_of(' ');
      // ` * Author …` continues a block comment (a .ds export's header): not an indent.
      if (sp != std::string_view::npos && sp > 0 && line[sp] != '\t' && line[sp] != '\r' && line[sp] != '*' &&
          (min_spaces == 0 || sp < min_spaces)) {
        min_spaces = sp;
      }
      pos = e + 1;
    }
    indent_ = (tabs > 0 || min_spaces == 0) ? "\t" : std::string(min_spaces, ' ');
  }

  // True when `value` is all that follows `name =` in the statement `st` (up to its `;`).
  bool WholeValueOfAssignment(Span st, Span value) const {
    static const RE2 kTarget(R"(\s*[A-Za-z_][\w.]*\s*=\s*)");
    static const RE2 kEnd(R"(\s*;?\s*)");
    if (value.begin < st.begin || value.end > st.end) return false;
    return RE2::FullMatch(re2::StringPiece(src_.data() + st.begin, value.begin - st.begin), kTarget) &&
           RE2::FullMatch(re2::StringPiece(src_.data() + value.end, st.end - value.end), kEnd);
  }

  // Deletes a statement; when it is alone on its lines, the lines go too.
  void DeleteStatement(Span s, std::vector<Edit>* out) {
    size_t b = s.begin;
    size_t e = s.end;
    size_t lb = LineBegin(b);
    bool alone_before = src_.substr(lb, b - lb).find_first_not_of(" \t") == std::string_view::npos;
    size_t le = src_.find('\n', e);
    size_t line_end = le == std::string_view::npos ? src_.size() : le;
    std::string_view after = src_.substr(e, line_end - e);
    bool alone_after = after.find_first_not_of(" \t\r") == std::string_view::npos;
    if (alone_before && alone_after) {
      b = lb;
      e = le == std::string_view::npos ? src_.size() : le + 1;
    }
    out->push_back({b, e - b, "", ""});
  }

  // The innermost simple statement (assignment, expression statement, info, return) that holds [b, e).
  std::optional<Span> StatementAround(uint32_t b, uint32_t e) const {
    std::optional<Span> best;
    for (const Span& n : facts_.statements) {
      if (n.begin <= b && e <= n.end && (!best || n.end - n.begin < best->end - best->begin)) best = n;
    }
    return best;
  }

  // --- removing the token ---------------------------------------------------------------------

  bool HeaderMode() const { return options_.deluge_mode == DelugeMode::kHeader; }

  // Header mode keeps the token's expression for the new header; a hard-coded literal cannot be
  // kept (it is a secret, and not an OAuth token).
  void NoteToken(ExprId value) {
    if (!HeaderMode() || value == ir::kNoExpr) return;
    ExprId target = ir::Deref(facts_, value);
    if (facts_.exprs[target].kind == ir::ExprKind::kString) {
      throw Withhold{"header mode needs the token from a variable or an org variable, not a hard-coded literal"};
    }
    const auto& e = facts_.exprs[value];
    if (group_token_.empty()) group_token_ = std::string(src_.substr(e.span.begin, e.span.end - e.span.begin));
  }

  // The retired scheme, written in two pieces so that authshift's scan of its own sources (the
  // dogfood test) does not report this file.
  static constexpr std::string_view kOldScheme = "zoho-auth" "token";

  // Header mode, header entry: the old scheme -> `Zoho-oauthtoken`, the token expression kept.
  bool SwapScheme(uint32_t index) {
    const ir::MapEntry& m = facts_.entries[index];
    ir::StringValue v = ir::Flatten(facts_, m.value, src_);
    for (const auto& part : v.parts) {
      if (part.hole) continue;
      const ir::Expr& lit = facts_.exprs[part.expr];
      if (!Plain(lit)) continue;
      std::string lower = core::AsciiLowered(lit.text);
      size_t at = lower.find(kOldScheme);
      if (at == std::string::npos) continue;
      group_edits_.push_back({lit.literal_span.begin + at, kOldScheme.size(), "Zoho-oauthtoken", ""});
      if (v.parts.size() >= 2 && v.parts.back().hole) NoteToken(v.parts.back().expr);
      return true;
    }
    throw Withhold{"cannot find the old header scheme in a plain string literal"};
  }

  void RemoveFinding(const core::Finding& f) {
    if (auto e = in_.EntryOf(f)) {
      if (HeaderMode() && f.match_kind == core::MatchKind::kHeader) {
        SwapScheme(*e);
        return;
      }
      NoteToken(facts_.entries[*e].value);
      RemoveEntry(*e);
      return;
    }
    if (auto s = in_.StringOf(f)) {
      RemoveUrlParam(*s);
      return;
    }
    throw Withhold{"cannot find the expression this finding points at"};
  }

  // The literal's source equals its decoded text, so offsets map 1:1.
  bool Plain(const ir::Expr& s) const {
    return src_.substr(s.literal_span.begin, s.literal_span.end - s.literal_span.begin) == s.text;
  }

  void RemoveUrlParam(ExprId sid) {
    const ir::Expr& s = facts_.exprs[sid];
    ExprId root = RootOf(sid);
    ir::StringValue whole = ir::Flatten(facts_, root, src_);
    if (ir::IsLegacyApi(whole.Joined())) throw Withhold{"legacy API (CRM v1, Creator v1 or Invoice v2): migrate it by hand"};
    if (!Plain(s)) throw Withhold{"the URL literal holds escapes; remove the authtoken parameter by hand"};
    static const RE2 kParam(R"((?i)([?&])authtoken=([^&#]*))");
    re2::StringPiece text(s.text);
    re2::StringPiece g[3];
    if (!kParam.Match(text, 0, s.text.size(), RE2::UNANCHORED, g, 3)) throw Withhold{"no authtoken= in this literal"};
    auto joint = static_cast<size_t>(g[1].data() - s.text.data());  // offset of '?' or '&' in the literal
    size_t value_end = joint + g[0].size();
    char j = s.text[joint];
    uint32_t lit = s.literal_span.begin;
    const ir::Expr& root_e = facts_.exprs[root];
    std::vector<ExprId> kids = root_e.kind == ir::ExprKind::kConcat ? root_e.children : std::vector<ExprId>{sid};
    size_t i = static_cast<size_t>(std::find(kids.begin(), kids.end(), sid) - kids.begin());
    auto kid = [&](size_t k) -> const ir::Expr& { return facts_.exprs[kids[k]]; };
    bool value_in_literal = value_end < s.text.size() || !g[2].empty() || i + 1 >= kids.size();
    auto del = [&](size_t b, size_t e) { group_edits_.push_back({b, e - b, "", ""}); };

    if (value_in_literal && HeaderMode()) {
      throw Withhold{"header mode needs the token from a variable or an org variable, not a hard-coded literal"};
    }
    if (value_in_literal) {
      // "...&authtoken=abc&x" or "...?authtoken=abc&x" or "...?authtoken=abc"; a parameter that
      // follows a '&', or ends the URL, goes with the joint before it.
      if (j == '&' || (value_end == s.text.size() && i + 1 >= kids.size())) {
        del(lit + joint, lit + value_end);
      } else if (value_end < s.text.size() && s.text[value_end] == '&') {
        del(lit + joint + 1, lit + value_end + 1);
      } else if (value_end == s.text.size() && i + 1 < kids.size() && kid(i + 1).kind == ir::ExprKind::kString &&
                 !kid(i + 1).text.empty() && kid(i + 1).text[0] == '&' && Plain(kid(i + 1))) {
        del(lit + joint + 1, kid(i + 1).literal_span.begin + 1);  // `authtoken=abc" + "&` -> joined
      } else {
        throw Withhold{"cannot tell how the rest of the query continues after the authtoken parameter"};
      }
      return;
    }
    // The value is the next part: "…&authtoken=" + token [+ rest]
    const ir::Expr& hole = kid(i + 1);
    if (value_end != s.text.size()) throw Withhold{"unexpected text after authtoken="};
    NoteToken(kids[i + 1]);
    if (hole.kind == ir::ExprKind::kName) group_removed_.insert(kids[i + 1]);
    bool has_next = i + 2 < kids.size();
    const ir::Expr* next = has_next ? &kid(i + 2) : nullptr;
    bool next_is_amp = next != nullptr && next->kind == ir::ExprKind::kString && !next->text.empty() &&
                       next->text[0] == '&' && Plain(*next) && SameQuotes(s, *next);
    if (j == '?') {
      if (next_is_amp) {
        del(lit + joint + 1, next->literal_span.begin + 1);  // `authtoken=" + t + "&`
      } else if (!has_next) {
        if (joint == 0) {
          RemoveWholePart(kids, i, i + 1);
        } else {
          del(lit + joint, s.literal_span.end);
          del(s.span.end, hole.span.end);
        }
      } else {
        throw Withhold{"cannot rejoin the query after the authtoken parameter"};
      }
      return;
    }
    // j == '&'
    if (next_is_amp) {
      del(lit + joint, next->literal_span.begin);  // `&authtoken=" + t + "` -> "…&x=1"
    } else if (joint == 0) {
      RemoveWholePart(kids, i, i + 1);  // the literal is just "&authtoken="
    } else {
      del(lit + joint, s.literal_span.end);
      del(s.span.end, hole.span.end);
    }
  }

  bool SameQuotes(const ir::Expr& a, const ir::Expr& b) const {
    return src_[a.span.begin] == src_[b.span.begin] && src_[a.span.begin] == '"';
  }

  // Removes children [first, last] of a concatenation together with the '+' that joined them.
  void RemoveWholePart(const std::vector<ExprId>& kids, size_t first, size_t last) {
    uint32_t b;
    uint32_t e;
    if (first > 0) {
      b = facts_.exprs[kids[first - 1]].span.end;
      e = facts_.exprs[kids[last]].span.end;
    } else if (last + 1 < kids.size()) {
      b = facts_.exprs[kids[first]].span.begin;
      e = facts_.exprs[kids[last + 1]].span.begin;
    } else {
      throw Withhold{"the whole URL is the authtoken parameter"};
    }
    group_edits_.push_back({b, e - b, "", ""});
    // `url = url + "&authtoken=" + t;` becomes `url = url;`: drop the statement instead.
    if (first == 1 && last + 1 == kids.size() && facts_.exprs[kids[0]].kind == ir::ExprKind::kName) {
      auto st = StatementAround(facts_.exprs[kids[0]].span.begin, e);
      for (const auto& bnd : facts_.bindings) {
        if (st && bnd.span.begin == st->begin && bnd.name == facts_.exprs[kids[0]].text) {
          group_edits_.pop_back();
          DeleteStatement(*st, &group_edits_);
          break;
        }
      }
    }
  }

  void RemoveEntry(uint32_t index) {
    const ir::MapEntry& m = facts_.entries[index];
    removed_entries_.insert(index);
    if (m.origin == ir::EntryOrigin::kPut || m.origin == ir::EntryOrigin::kIndexAssign) {
      MarkNamesRemoved(m.statement);
      DeleteStatement(m.statement, &group_edits_);
      return;
    }
    if (m.origin != ir::EntryOrigin::kLiteral) throw Withhold{"unsupported map entry"};
    MarkNamesRemoved(m.span);  // the entry itself is edited once we know whether the map survives
  }

  void MarkNamesRemoved(Span s) {
    for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
      const auto& e = facts_.exprs[i];
      if (e.kind == ir::ExprKind::kName && s.begin <= e.span.begin && e.span.end <= s.end) group_removed_.insert(i);
    }
  }

  // Entries of a literal map removed one by one, commas kept right.
  void EditLiteralEntries(ExprId map) {
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < facts_.entries.size(); ++i) {
      if (facts_.entries[i].origin == ir::EntryOrigin::kLiteral && facts_.entries[i].container == map) all.push_back(i);
    }
    for (size_t k = 0; k < all.size(); ++k) {
      if (removed_entries_.count(all[k]) == 0) continue;
      const Span s = facts_.entries[all[k]].span;
      if (k + 1 < all.size()) {
        group_edits_.push_back({s.begin, facts_.entries[all[k + 1]].span.begin - s.begin, "", ""});
      } else if (k > 0 && removed_entries_.count(all[k - 1]) == 0) {
        uint32_t prev_end = facts_.entries[all[k - 1]].span.end;
        group_edits_.push_back({prev_end, s.end - prev_end, "", ""});
      } else {
        group_edits_.push_back({s.begin, s.end - s.begin, "", ""});
      }
    }
  }

  // True when every entry of the map that `value` denotes is being removed.
  bool MapEmptied(ExprId value) const {
    auto entries = ir::EntriesOf(facts_, value);
    if (entries.empty()) return false;
    return std::all_of(entries.begin(), entries.end(), [&](uint32_t e) { return removed_entries_.count(e) != 0; });
  }

  // --- the call -------------------------------------------------------------------------------

  // Converts getUrl/postUrl into invokeurl, or completes an invokeurl; returns the advice.
  // A request the parser only recovered from a broken statement is never rewritten: its text
  // around the call is not what the tree says (a placeholder, a missing operator).
  bool InsideSyntaxError(Span s) const {
    return std::any_of(facts_.syntax_errors.begin(), facts_.syntax_errors.end(),
                       [&](Span e) { return e.begin <= s.begin && s.end <= e.end; });
  }

  ConnectionAdvice FixCall(uint32_t call_index) {
    const ir::Call& c = facts_.calls[call_index];
    if (InsideSyntaxError(c.span)) throw Withhold{"the statement around this request has a syntax error: fix it first"};
    std::string callee = core::AsciiLowered(c.callee);
    ExprId url = UrlArg(c);
    ir::ParsedUrl u = ir::ParseUrl(ir::Flatten(facts_, url, src_));
    if (ir::IsLegacyApi(u.joined) || SendsLegacyScope(c)) {
      throw Withhold{"legacy API (CRM v1, Creator v1 or Invoice v2): migrate it by hand"};
    }
    std::string method = "GET";
    struct Param {
      std::string key;
      Span value;  // source of the value, kept verbatim
    };
    std::vector<Param> params;
    std::optional<std::string> detailed;
    auto arg_span = [&](size_t k) { return c.args[k].span; };
    // Literal entries of maps that stay are edited now; maps that empty out are dropped whole.
    auto keep_map = [&](ExprId v) {
      if (MapEmptied(v)) {
        DropMapVariable(v);
        return false;
      }
      ExprId target = ir::Deref(facts_, v);
      if (facts_.exprs[target].kind == ir::ExprKind::kMap) EditLiteralEntries(target);
      return true;
    };
    if (callee == "invokeurl") {
      bool has_connection = false;
      for (const auto& a : c.args) {
        if (a.name == "connection") has_connection = true;
        if ((a.name == "headers" || a.name == "parameters" || a.name == "body") && !keep_map(a.value)) {
          DeleteParamLine(a.span);
        }
        if (a.name == "type") method = UpperText(a.value);
      }
      if (HeaderMode()) {
        AddHeader(c, nullptr);
        return {};
      }
      ConnectionAdvice adv = Advice(u, method);
      if (!has_connection) InsertConnection(c, adv.name);
      return adv;
    }
    if (callee != "geturl" && callee != "posturl") throw Withhold{"not a getUrl, postUrl or invokeurl call"};
    // getUrl(url[, headers|bool][, bool]); postUrl(url, map[, headers][, bool])
    if (c.args.empty()) throw Withhold{"call without a URL"};
    params.push_back({"url", arg_span(0)});
    size_t k = 1;
    ExprId headers = ir::kNoExpr;
    ExprId body = ir::kNoExpr;
    if (callee == "posturl") {
      method = "POST";
      if (k < c.args.size() && !IsBool(c.args[k].value)) body = c.args[k++].value;
    }
    if (k < c.args.size() && !IsBool(c.args[k].value)) headers = c.args[k++].value;
    if (k < c.args.size() && IsBool(c.args[k].value)) {
      if (core::AsciiLowered(facts_.exprs[c.args[k].value].text) == "false") detailed = "true";
      ++k;
    }
    if (k != c.args.size()) throw Withhold{"unexpected arguments to " + c.callee};
    if (headers != ir::kNoExpr) {
      // X-HTTP-Method-Override: PUT in the header map becomes `type: PUT`.
      for (uint32_t e : ir::EntriesOf(facts_, headers)) {
        const auto& m = facts_.entries[e];
        ir::StringValue key = ir::Flatten(facts_, m.key, src_);
        ir::StringValue val = ir::Flatten(facts_, m.value, src_);
        if (key.AllLiteral() && core::AsciiLowered(key.Joined()) == "x-http-method-override" && val.AllLiteral()) {
          method = UpperText(m.value);
          RemoveEntry(e);
        }
      }
    }
    params.push_back({"type", {}});
    if (body != ir::kNoExpr && keep_map(body)) params.push_back({"parameters", facts_.exprs[body].span});
    if (headers != ir::kNoExpr && keep_map(headers)) params.push_back({"headers", facts_.exprs[headers].span});
    ConnectionAdvice adv = HeaderMode() ? ConnectionAdvice{} : Advice(u, method);
    // Rewrite the gaps around the kept argument sources, so edits inside them still apply.
    // invokeurl is a task: it can only be the whole value of an assignment (`resp = getUrl(…);`),
    // not part of an expression or of another task (`sendmail [ message: getUrl(…) ]`).
    auto st = StatementAround(c.span.begin, c.span.end);
    if (!st || !WholeValueOfAssignment(*st, facts_.exprs[c.self].span)) {
      throw Withhold{"the call is not the value of an assignment; rewrite it as invokeurl by hand"};
    }
    std::string ind(IndentAt(st->begin));
    std::string in2 = ind + indent_;
    std::string eol(Eol());
    std::string text = "invokeurl" + eol + ind + "[" + eol + in2 + "url: ";
    uint32_t cursor = c.span.begin;
    // url first (verbatim), then type, parameters, headers, detailed, connection.
    group_edits_.push_back({cursor, params[0].value.begin - cursor, text, ""});
    cursor = params[0].value.end;
    std::string tail = eol + in2 + "type: " + method;
    std::vector<const Param*> kept;
    for (const auto& prm : params) {
      if (prm.key == "parameters" || prm.key == "headers") kept.push_back(&prm);
    }
    for (const Param* prm : kept) {
      tail += eol + in2 + prm->key + ": ";
      group_edits_.push_back({cursor, prm->value.begin - cursor, tail, ""});
      cursor = prm->value.end;
      tail.clear();
    }
    if (detailed) tail += eol + in2 + "detailed: " + *detailed;
    if (HeaderMode()) {
      const Param* kept_headers = nullptr;
      for (const Param* prm : kept) {
        if (prm->key == "headers") kept_headers = prm;
      }
      if (kept_headers == nullptr) {
        tail += eol + in2 + "headers: {\"Authorization\": \"Zoho-oauthtoken \" + " + group_token_ + "}";
      } else {
        AddHeader(c, &*st, headers);
      }
      tail += eol + ind + "]";
    } else {
      tail += eol + in2 + "connection: \"" + adv.name + "\"" + eol + ind + "]";
    }
    group_edits_.push_back({cursor, c.span.end - cursor, tail, ""});
    return adv;
  }

  // `scope=crmapi|creatorapi|invoiceapi` sent as a parameter map entry.
  bool SendsLegacyScope(const ir::Call& c) const {
    for (const auto& a : c.args) {
      for (uint32_t e : ir::EntriesOf(facts_, a.value)) {
        if (ir::IsLegacyScopeEntry(facts_, facts_.entries[e], src_)) return true;
      }
    }
    return false;
  }

  static bool IsBoolText(std::string_view t) { return t == "true" || t == "false"; }
  bool IsBool(ExprId e) const {
    return facts_.exprs[e].kind == ir::ExprKind::kBool || IsBoolText(core::AsciiLowered(facts_.exprs[e].text));
  }
  std::string UpperText(ExprId e) const {
    const auto& x = facts_.exprs[e];
    std::string t = x.kind == ir::ExprKind::kString ? x.text : std::string(src_.substr(x.span.begin, x.span.end - x.span.begin));
    return core::AsciiUppered(t);
  }

  // A map variable whose every entry goes: its `m = Map();` (or literal) assignment goes too, when
  // nothing else reads it. A literal passed directly is simply not carried over.
  void DropMapVariable(ExprId v) {
    const auto& e = facts_.exprs[v];
    if (e.kind != ir::ExprKind::kName) return;
    const ir::Binding* b = ir::Resolve(facts_, e.text, e.span.begin, e.scope);
    if (b == nullptr || b->value == ir::kNoExpr) return;
    size_t other_reads = 0;
    for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
      const auto& x = facts_.exprs[i];
      if (x.kind == ir::ExprKind::kName && x.text == e.text && i != v && group_removed_.count(i) == 0 &&
          !InDeleted(x.span) && !InGroupDeleted(x.span)) {
        // the receiver of a removed put is not a read
        bool receiver_of_removed = false;
        for (uint32_t r : removed_entries_) {
          const auto& m = facts_.entries[r];
          if ((m.origin == ir::EntryOrigin::kPut || m.origin == ir::EntryOrigin::kIndexAssign) &&
              m.statement.begin <= x.span.begin && x.span.end <= m.statement.end) {
            receiver_of_removed = true;
          }
        }
        if (!receiver_of_removed) ++other_reads;
      }
    }
    group_removed_.insert(v);
    if (other_reads == 0) DeleteStatement(b->span, &group_edits_);
  }

  bool InDeleted(Span s) const { return InEdits(s); }
  bool InGroupDeleted(Span s) const {
    return std::any_of(group_edits_.begin(), group_edits_.end(), [&](const Edit& d) {
      return d.text.empty() && d.offset <= s.begin && s.end <= d.offset + d.length;
    });
  }

  void DeleteParamLine(Span param) { DeleteStatement(param, &group_edits_); }

  // Header mode: `Authorization: Zoho-oauthtoken <token>` joins the call's headers — a new entry
  // of an inline map, a `put` before the statement for a map variable, or a new `headers:` line.
  void AddHeader(const ir::Call& c, const Span* statement, ExprId headers = ir::kNoExpr) {
    std::string entry = "\"Authorization\": \"Zoho-oauthtoken \" + " + group_token_;
    if (headers == ir::kNoExpr) {
      for (const auto& a : c.args) {
        if (a.name == "headers") headers = a.value;
      }
    }
    if (headers == ir::kNoExpr) {
      uint32_t close = c.span.end - 1;
      if (src_[close] != ']') throw Withhold{"cannot find the end of the invokeurl block"};
      size_t lb = LineBegin(close);
      std::string_view ind = c.args.empty() ? std::string_view(indent_) : IndentAt(c.args.back().span.begin);
      group_edits_.push_back({lb, 0, std::string(ind) + "headers: {" + entry + "}" + std::string(Eol()), ""});
      return;
    }
    const ir::Expr& h = facts_.exprs[headers];
    if (h.kind == ir::ExprKind::kMap) {
      bool empty = ir::EntriesOf(facts_, headers).empty();
      group_edits_.push_back({h.span.begin + 1, 0, empty ? entry : entry + ", ", ""});
      return;
    }
    if (h.kind == ir::ExprKind::kName) {
      auto st = statement != nullptr ? std::optional<Span>(*statement) : StatementAround(c.span.begin, c.span.end);
      if (!st) throw Withhold{"cannot find the statement of the call"};
      std::string ind(IndentAt(st->begin));
      group_edits_.push_back({LineBegin(st->begin), 0,
                              ind + h.text + ".put(\"Authorization\", \"Zoho-oauthtoken \" + " + group_token_ + ");" +
                                  std::string(Eol()),
                              ""});
      return;
    }
    throw Withhold{"header mode: the call's headers are neither a map nor a variable"};
  }

  void InsertConnection(const ir::Call& c, const std::string& name) {
    // Before the closing ']': on its own line when the block is multi-line.
    uint32_t close = c.span.end - 1;
    if (src_[close] != ']') throw Withhold{"cannot find the end of the invokeurl block"};
    size_t lb = LineBegin(close);
    bool alone = src_.substr(lb, close - lb).find_first_not_of(" \t") == std::string_view::npos;
    std::string_view ind = c.args.empty() ? std::string_view(indent_) : IndentAt(c.args.back().span.begin);
    if (alone) {
      group_edits_.push_back({lb, 0, std::string(ind) + "connection: \"" + name + "\"" + std::string(Eol()), ""});
    } else {
      group_edits_.push_back({close, 0, " connection: \"" + name + "\" ", ""});
    }
  }

  ConnectionAdvice Advice(const ir::ParsedUrl& u, const std::string& method) const {
    ConnectionAdvice adv = AdviseConnection(u.host, u.path, method);
    if (!options_.deluge_connection.empty()) adv.name = options_.deluge_connection;
    for (const auto& [product, name] : options_.deluge_connections) {
      if (!adv.link.empty() && adv.link == "zoho" + product) adv.name = name;
    }
    if (adv.name.empty()) {
      throw Withhold{"cannot tell the Zoho product from the URL; pass --deluge-connection NAME"};
    }
    return adv;
  }

  static std::string AdviceText(const ConnectionAdvice& a, const std::set<std::string>& scopes) {
    std::string t = "create a Connection with link name '" + a.name + "'";
    if (!a.product.empty()) t += " for " + a.product;
    std::string list;
    for (const auto& sc : scopes) list += (list.empty() ? "" : ",") + sc;
    t += scopes.empty() ? " with the scopes the call needs" : (scopes.size() == 1 ? " with scope " : " with scopes ") + list;
    return t;
  }

  size_t RemainingReads(const std::string& name, uint32_t scope) const { return Reads(name, scope, true); }
  // The reads of `name` in `scope`: all of them, or (`remaining`) those the accepted edits keep.
  size_t Reads(const std::string& name, uint32_t scope, bool remaining) const {
    size_t n = 0;
    for (ExprId i = 0; i < facts_.exprs.size(); ++i) {
      const auto& x = facts_.exprs[i];
      if (x.kind != ir::ExprKind::kName || x.text != name || x.scope != scope) continue;
      if (remaining && (removed_.count(i) != 0 || InDeleted(x.span) || InEdits(x.span))) continue;
      ++n;
    }
    return n;
  }
  bool InEdits(Span s) const {
    return std::any_of(edits_.begin(), edits_.end(), [&](const Edit& d) {
      return d.offset <= s.begin && s.end <= d.offset + d.length;
    });
  }

  const FixInput& in_;
  std::string_view src_;
  const FixOptions& options_;
  const ir::Facts& facts_;
  std::string indent_;
  bool crlf_ = false;
  std::vector<Edit> edits_;
  std::vector<Edit> group_edits_;
  std::set<ExprId> removed_;        // name reads that the accepted edits remove
  std::set<ExprId> group_removed_;  // … in the group being built
  std::set<uint32_t> removed_entries_;
  std::string group_token_;  // header mode: the token's source expression
};

}  // namespace

RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options) {
  if (input.lang().id == "markdown") return FixInDocument(input, findings, options);
  Fixer fixer(input, options);
  return fixer.Run(findings);
}

}  // namespace authshift::rewriters::deluge
