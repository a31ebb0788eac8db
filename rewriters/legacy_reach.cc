// Report-only hard-coded tokens and settings whose every use in the file is a retired API: the
// names holding the value are followed through the file's bindings to the lines that use them.
#include "rewriters/legacy_reach.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "rewriters/fix.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters {
namespace {

constexpr std::string_view kLegacy =
    "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";

// The findings this pass may change: report-only values (a literal, a setting, a key) that the
// oauth-header rewriter did not place on a request.
bool IsCandidate(const core::Finding& f) {
  if (f.suppressed || f.severity == core::Severity::kNote || f.outcome.status != core::FixStatus::kReportOnly)
    return false;
  switch (f.match_kind) {
    case core::MatchKind::kZohoLiteral:
    case core::MatchKind::kText:
    case core::MatchKind::kBinding:
    case core::MatchKind::kZohoKey:
    case core::MatchKind::kBindingToSink:
      return true;
    default:
      return false;
  }
}

bool IsLegacyWithheld(const core::Finding& f) {
  // The OAuth rewriters' wording, and the Deluge one's ("… migrate it by hand").
  return f.outcome.status == core::FixStatus::kWithheld &&
         f.outcome.detail.rfind(kLegacy.substr(0, kLegacy.find(':')), 0) == 0;
}

// The member a name ends with: `self.auth_token` and `auth_token` name the same attribute,
// `$this->token` and `token` the same property.
std::string_view Tail(std::string_view name) {
  size_t at = name.find_last_of(".>:");
  return at == std::string_view::npos ? name : name.substr(at + 1);
}

class LegacyReach {
 public:
  explicit LegacyReach(engine::FileAnalysis& analysis)
      : a_(analysis), input_(analysis), facts_(input_.facts()) {
    for (uint32_t i = 0; i < facts_.bindings.size(); ++i) {
      const ir::Binding& b = facts_.bindings[i];
      by_tail_[std::string(Tail(b.name))].push_back(i);
      if (b.op == "param") params_[b.scope].push_back(i);
    }
  }

  // The lines of legacy requests the value of `f` reaches, or empty when it reaches none or any
  // request that is not a legacy one.
  std::set<uint32_t> Lines(const core::Finding& f) {
    read_ = false;
    defined_.clear();
    std::deque<Holder> queue;
    std::set<Holder> seen;
    auto hold = [&](const ir::Binding& b) {
      Holder h{std::string(Tail(b.name)), b.scope};
      if (seen.insert(h).second) queue.push_back(std::move(h));
    };
    for (const ir::Binding& b : facts_.bindings) {
      // The names `f` defines: a binding that holds the finding and starts on its line (not a map
      // bound over several lines around a setting entry).
      if (b.span.begin <= f.byte_start && f.byte_start < b.span.end && LineOf(b.span.begin) == f.start.line) {
        hold(b);
        defined_.push_back(&b);
        if (const ir::Binding* outer = Reassigned(b)) hold(*outer);
      }
    }
    std::set<uint32_t> legacy;
    while (!queue.empty() && seen.size() < 64) {
      const Holder h = queue.front();
      queue.pop_front();
      for (ir::ExprId r = 0; r < facts_.exprs.size(); ++r) {
        const ir::Expr& e = facts_.exprs[r];
        if ((e.kind != ir::ExprKind::kName && e.kind != ir::ExprKind::kOther) || Tail(e.text) != h.name || Defines(e) ||
            Resolves(e, h.name) != h.scope)
          continue;
        read_ = true;
        const uint32_t line = LineOf(e.span.begin);
        if (oauth_) {  // NowSentAsOAuth(): every read is looked at, none ends the walk
          if (SendsAsOAuth(line, h.name)) {
            legacy.insert(line);
            continue;
          }
        }
        switch (Classify(line)) {
          case Use::kOther:
            if (oauth_) continue;
            return {};
          case Use::kLegacyRequest:
            if (!oauth_) legacy.insert(line);
            continue;
          case Use::kNone:
            break;
        }
        // A name bound from this read holds the value too.
        for (const ir::Binding& b : facts_.bindings) {
          if (b.value == ir::kNoExpr) continue;
          const ir::Span v = facts_.exprs[b.value].span;
          if (v.begin <= e.span.begin && e.span.end <= v.end) hold(b);
        }
        IntoCallee(r, hold);
      }
    }
    return legacy;
  }

  // The lines of requests the fix made send the value of `f` as an OAuth access token (a fixed
  // finding there says "'<name>' must now hold an OAuth access token" of a name holding it).
  std::set<uint32_t> NowSentAsOAuth(const core::Finding& f) {
    oauth_ = true;
    std::set<uint32_t> lines = Lines(f);
    oauth_ = false;
    return lines;
  }

  // After Lines(f) found nothing reading the value: the name or key that holds it when no other
  // mention of it in the file's code reads it either (the facts may miss a read: an export list,
  // a `global`, a string interpolation), and its literal value; nullopt otherwise.
  struct Unread {
    std::string name;  // `sZohoTokenTest`, or the key of a map entry (`ZOHO_CRM_AUTH_TOKEN`)
    bool key = false;
    std::string value;
  };
  std::optional<Unread> NeverRead(const core::Finding& f) const {
    if (read_) return std::nullopt;
    // One definition (a Python class attribute is bound as `X.a`, `self.a`, `cls.a` and `a` too).
    const bool one = !defined_.empty() && std::all_of(defined_.begin(), defined_.end(), [&](const ir::Binding* b) {
      return b->value == defined_.front()->value && Tail(b->name) == Tail(defined_.front()->name);
    });
    if (one) {
      const ir::Binding& b = *defined_.front();
      if (b.value == ir::kNoExpr || facts_.exprs[b.value].kind != ir::ExprKind::kString) return std::nullopt;
      const std::string name(Tail(b.name));
      const uint32_t scope = b.scope;
      for (size_t at : Mentions(name)) {
        if (at >= b.span.begin && at < facts_.exprs[b.value].span.begin) continue;  // its own definition
        if (!OtherNamesake(at, name, scope)) return std::nullopt;
      }
      return Unread{name, false, facts_.exprs[b.value].text};
    }
    if (!defined_.empty()) return std::nullopt;
    for (const ir::MapEntry& m : facts_.entries) {
      if (!(m.span.begin <= f.byte_start && f.byte_start < m.span.end) || m.key == ir::kNoExpr ||
          m.value == ir::kNoExpr || facts_.exprs[m.key].kind != ir::ExprKind::kString ||
          facts_.exprs[m.value].kind != ir::ExprKind::kString || facts_.exprs[m.key].text.size() < 3)
        continue;
      const std::string key = facts_.exprs[m.key].text;
      for (size_t at : Mentions(key)) {
        const bool an_entry_key = std::any_of(facts_.entries.begin(), facts_.entries.end(), [&](const ir::MapEntry& o) {
          return o.key != ir::kNoExpr && facts_.exprs[o.key].span.begin <= at && at < facts_.exprs[o.key].span.end;
        });
        if (!an_entry_key) return std::nullopt;  // `settings.get('KEY')`, `custom_settings['KEY']`
      }
      return Unread{key, true, facts_.exprs[m.value].text};
    }
    return std::nullopt;
  }

  // The offsets where `word` is written as a whole word outside comments.
  std::vector<size_t> Mentions(std::string_view word) const {
    std::vector<size_t> out;
    const std::string_view src = a_.source.bytes();
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    for (size_t at = src.find(word); at != std::string_view::npos; at = src.find(word, at + 1)) {
      if ((at > 0 && ident(src[at - 1])) || (at + word.size() < src.size() && ident(src[at + word.size()]))) continue;
      if (!InComment(at)) out.push_back(at);
    }
    return out;
  }

  bool InComment(size_t at) const {
    return std::any_of(facts_.comments.begin(), facts_.comments.end(),
                       [&](const ir::Span& c) { return c.begin <= at && at < c.end; });
  }

 private:
  // A mention of `name` at `at` that is another scope's: the definition of a namesake (another
  // class's attribute), or a read that resolves to one (`self.auth_token` in that class).
  bool OtherNamesake(size_t at, const std::string& name, uint32_t scope) const {
    auto it = by_tail_.find(name);
    if (it == by_tail_.end()) return false;
    for (uint32_t i : it->second) {
      const ir::Binding& o = facts_.bindings[i];
      const size_t value_begin = o.value == ir::kNoExpr ? o.span.end : facts_.exprs[o.value].span.begin;
      if (o.scope != scope && o.span.begin <= at && at < value_begin) return true;
    }
    for (const ir::Expr& e : facts_.exprs) {
      if ((e.kind != ir::ExprKind::kName && e.kind != ir::ExprKind::kOther) || !(e.span.begin <= at && at < e.span.end))
        continue;
      if (Tail(e.text) == name && !Defines(e)) {
        const uint32_t s = Resolves(e, name);
        if (s != scope && s != UINT32_MAX) return true;
      }
    }
    return false;
  }

  enum class Use { kNone, kLegacyRequest, kOther };
  // A name and the scope it is bound in: `auth_token` of one class is not another class's.
  struct Holder {
    std::string name;
    uint32_t scope = 0;
    bool operator<(const Holder& o) const { return name != o.name ? name < o.name : scope < o.scope; }
  };

  // The scope whose binding of `name` a read `e` sees: the innermost one around it that binds the
  // name (`self.x` in a method sees its class's `x`), or UINT32_MAX when none does.
  uint32_t Resolves(const ir::Expr& e, const std::string& name) const {
    auto it = by_tail_.find(name);
    if (it == by_tail_.end()) return UINT32_MAX;
    for (uint32_t s = e.scope;; s = facts_.scope_parent[s]) {
      for (uint32_t i : it->second) {
        if (facts_.bindings[i].scope == s) return s;
      }
      if (s == 0 || s >= facts_.scope_parent.size()) return UINT32_MAX;
    }
  }

  uint32_t LineOf(size_t offset) const { return a_.source.PositionAt(offset).line; }

  // True when `e` is the name a binding assigns (its left-hand side), not a read.
  bool Defines(const ir::Expr& e) const {
    auto it = by_tail_.find(std::string(Tail(e.text)));
    if (it == by_tail_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](uint32_t i) {
      const ir::Binding& b = facts_.bindings[i];
      const uint32_t value_begin = b.value == ir::kNoExpr ? b.span.end : facts_.exprs[b.value].span.begin;
      return b.span.begin <= e.span.begin && e.span.begin < value_begin;
    });
  }

  // What line `line` does with a value it reads: sends it with a request the rewriter withheld as
  // legacy (or one whose URL names a legacy API), sends it some other way a finding reports, or
  // neither (a log line, an assignment).
  Use Classify(uint32_t line) {
    bool legacy = false;
    for (const core::Finding& f : a_.findings) {
      if (f.suppressed || f.severity == core::Severity::kNote || IsCandidate(f)) continue;
      if (f.start.line > line || line > f.end.line) continue;
      if (!IsLegacyWithheld(f)) return Use::kOther;
      legacy = true;
    }
    if (legacy || ir::IsLegacyApi(a_.source.Line(line))) return Use::kLegacyRequest;
    // `self.base_url.format(…, self.auth_token)`: the URL is a name bound where a legacy finding is.
    for (const ir::Expr& e : facts_.exprs) {
      if (e.kind != ir::ExprKind::kName && e.kind != ir::ExprKind::kOther) continue;
      if (LineOf(e.span.begin) != line) continue;
      const std::string name(Tail(e.text));
      auto it = by_tail_.find(name);
      if (it == by_tail_.end()) continue;
      const uint32_t scope = Resolves(e, name);  // the binding this read sees, not a namesake's
      for (uint32_t i : it->second) {
        const ir::Binding& b = facts_.bindings[i];
        if (b.scope == scope && LegacyLine(LineOf(b.span.begin))) return Use::kLegacyRequest;
      }
    }
    return Use::kNone;
  }

  // `AUTHTOKEN = prop.getProperty(…)` in a Java method (a statement that starts with the name: no
  // type, no `var`/`let`): it assigns the field or variable of an enclosing scope, whose binding is
  // returned. Python, PHP and Ruby assignments make a local instead (nullptr).
  const ir::Binding* Reassigned(const ir::Binding& b) const {
    const std::string_view lang = a_.language->id;
    if (lang == "python" || lang == "php" || lang == "ruby" || lang == "bash" || lang == "deluge") return nullptr;
    if (b.op != "=" || a_.source.bytes().substr(b.span.begin, b.name.size()) != b.name) return nullptr;
    auto it = by_tail_.find(std::string(Tail(b.name)));
    if (it == by_tail_.end()) return nullptr;
    for (uint32_t s = b.scope; s != 0 && s < facts_.scope_parent.size();) {
      s = facts_.scope_parent[s];
      for (uint32_t i : it->second) {
        if (facts_.bindings[i].scope == s) return &facts_.bindings[i];
      }
    }
    return nullptr;
  }

  // `insert($auth, $xml)` with `function insert($auth, $xml)` in the file: the parameter at the
  // argument's position holds the value (a positional argument of a call named like the function;
  // `new Books(…)` / `Books(…)` calls the constructor of the class Books declared in the file).
  template <typename Hold>
  void IntoCallee(ir::ExprId arg, Hold& hold) const {
    for (const ir::Call& c : facts_.calls) {
      for (size_t k = 0; k < c.args.size(); ++k) {
        if (!c.args[k].name.empty() || c.args[k].value != arg) continue;
        for (const auto& [scope, params] : params_) {
          const ir::Binding& first = facts_.bindings[params.front()];
          const std::string_view fn = FunctionNameBefore(first.span.begin);
          if (fn != c.method && !(IsConstructor(fn) && ClassBefore(first.span.begin) == c.method)) continue;
          // A method's `self` is the receiver (or, for `Cls(…)`, the new object), not an argument.
          const size_t at = k + (first.name == "self" && (c.receiver != ir::kNoExpr || IsConstructor(fn)) ? 1 : 0);
          if (at < params.size()) hold(facts_.bindings[params[at]]);
        }
      }
    }
  }

  static bool IsConstructor(std::string_view fn) {
    return fn == "__construct" || fn == "constructor" || fn == "__init__" || fn == "initialize";
  }

  // The name of the last class declared before `offset` (`class Books`), or "".
  std::string ClassBefore(size_t offset) const {
    static const RE2 kClass("\\bclass\\s+([A-Za-z_][A-Za-z0-9_]*)");
    re2::StringPiece in(a_.source.bytes().data(), offset);
    std::string name;
    std::string last;
    while (RE2::FindAndConsume(&in, kClass, &name)) last = name;
    return last;
  }

  // The name written before the `(` that opens a parameter list at `offset`, or "".
  std::string_view FunctionNameBefore(size_t offset) const {
    std::string_view src = a_.source.bytes().substr(0, offset);
    auto trim = [&] {
      while (!src.empty() && std::isspace(static_cast<unsigned char>(src.back()))) src.remove_suffix(1);
    };
    trim();
    if (src.empty() || src.back() != '(') return {};
    src.remove_suffix(1);
    trim();
    size_t begin = src.size();
    while (begin > 0 && (std::isalnum(static_cast<unsigned char>(src[begin - 1])) || src[begin - 1] == '_')) --begin;
    return src.substr(begin);
  }

  bool SendsAsOAuth(uint32_t line, std::string_view name) const {
    auto bare = [](std::string_view n) { return n.substr(!n.empty() && n.front() == '$' ? 1 : 0); };
    return std::any_of(a_.findings.begin(), a_.findings.end(), [&](const core::Finding& f) {
      if (f.outcome.status != core::FixStatus::kFixed || f.start.line > line || line > f.end.line) return false;
      static constexpr std::string_view kNow = "' must now hold an OAuth access token";
      const size_t end = f.outcome.detail.find(kNow);
      if (end == std::string::npos) return false;
      const size_t begin = f.outcome.detail.rfind('\'', end - 1);
      if (begin == std::string::npos) return false;
      return bare(Tail(std::string_view(f.outcome.detail).substr(begin + 1, end - begin - 1))) == bare(name);
    });
  }

  bool LegacyLine(uint32_t line) const {
    return std::any_of(a_.findings.begin(), a_.findings.end(), [&](const core::Finding& f) {
      return f.start.line <= line && line <= f.end.line && IsLegacyWithheld(f);
    });
  }

  engine::FileAnalysis& a_;
  const FixInput input_;
  const ir::Facts& facts_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_tail_;
  std::map<uint32_t, std::vector<uint32_t>> params_;  // scope -> its parameters' bindings, in order
  bool oauth_ = false;                         // Lines() runs for NowSentAsOAuth()
  bool read_ = false;                          // Lines(): something read the value
  std::vector<const ir::Binding*> defined_;    // Lines(): the bindings the finding defines
};

std::string LineList(const std::set<uint32_t>& lines) {
  std::string where;
  for (uint32_t l : lines) where += (where.empty() ? "" : ", ") + std::to_string(l);
  return (lines.size() > 1 ? "lines " : "line ") + where;
}

// What a line that writes the same value as an unread one says about it: a request withheld as
// legacy (or a value that reaches only such requests), nothing (a note, a comment), or anything else.
enum class Copy { kLegacyCopy, kNeutral, kOther };
Copy CopyOn(const std::vector<core::Finding>& findings, uint32_t line) {
  bool legacy = false;
  bool any = false;
  for (const core::Finding& f : findings) {
    bool covers = f.start.line <= line && line <= f.end.line;
    for (const core::RelatedLocation& r : f.related) covers = covers || r.start.line == line;
    if (!covers || f.suppressed) continue;
    if (f.severity == core::Severity::kNote) return Copy::kNeutral;
    any = true;
    legacy = IsLegacyWithheld(f);
    if (!legacy) return Copy::kOther;
  }
  return any && legacy ? Copy::kLegacyCopy : Copy::kOther;
}

// Report-only values nothing in the file reads: withheld, saying so; as legacy when every other
// line that writes the same value (not a comment, not another unread copy) is a legacy one.
void MarkUnreadValues(engine::FileAnalysis& analysis) {
  std::vector<core::Finding>& findings = analysis.findings;
  if (analysis.language == nullptr || std::none_of(findings.begin(), findings.end(), IsCandidate)) return;
  LegacyReach reach(analysis);
  std::vector<std::pair<size_t, LegacyReach::Unread>> unread;
  std::set<uint32_t> unread_lines;
  // Code only: a data file's keys are read by the code that loads it.
  const std::string_view lang = analysis.language->id;
  if (lang == "json" || lang == "yaml" || lang == "markdown") return;
  for (size_t i = 0; i < findings.size(); ++i) {
    // A hard-coded token or placeholder (authtoken-zoho-literal), not a setting read from elsewhere.
    if (!IsCandidate(findings[i]) || findings[i].match_kind != core::MatchKind::kZohoLiteral) continue;
    reach.Lines(findings[i]);
    if (auto u = reach.NeverRead(findings[i])) {
      unread.emplace_back(i, std::move(*u));
      unread_lines.insert(findings[i].start.line);
    }
  }
  const std::string_view src = analysis.source.bytes();
  static const RE2 kHex32("[0-9a-fA-F]{32}");
  for (auto& [i, u] : unread) {
    core::Finding& f = findings[i];
    std::set<uint32_t> legacy;
    bool other = false;
    for (size_t at = u.value.size() < 6 ? std::string_view::npos : src.find(u.value); at != std::string_view::npos;
         at = src.find(u.value, at + 1)) {
      const uint32_t line = analysis.source.PositionAt(at).line;
      if (unread_lines.count(line) != 0 || reach.InComment(at)) continue;
      const Copy c = CopyOn(findings, line);
      if (c == Copy::kLegacyCopy) legacy.insert(line);
      other = other || c == Copy::kOther;
    }
    const bool secret = RE2::PartialMatch(u.value, kHex32);
    const std::string what = std::string("nothing in the file reads ") + (u.key ? "the setting '" : "'") + u.name + "'";
    std::string detail;
    if (!legacy.empty() && !other) {
      detail = std::string(kLegacy) + " (" + what + "; the same " + (secret ? "token" : "placeholder") + " is on " +
               LineList(legacy) + (legacy.size() > 1 ? ", which reach" : ", which reaches") + " only such requests)";
    } else {
      detail = what + ": delete it" +
               (secret ? ", and revoke this Authtoken in Zoho Accounts: it was in the code" : " (a placeholder)");
    }
    f.outcome = {core::FixStatus::kWithheld, std::move(detail)};
  }
}

// Withholds each finding `wanted` whose value `lines_of` says reaches some lines, with
// `detail(lines)`: decided on the outcomes as they are, then set.
template <typename Wanted, typename LinesOf, typename Detail>
void MarkReaching(engine::FileAnalysis& analysis, Wanted wanted, LinesOf lines_of, Detail detail) {
  std::vector<core::Finding>& findings = analysis.findings;
  LegacyReach reach(analysis);
  std::vector<std::pair<size_t, std::set<uint32_t>>> marks;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (!wanted(findings[i])) continue;
    std::set<uint32_t> lines = lines_of(reach, findings[i]);
    if (!lines.empty()) marks.emplace_back(i, std::move(lines));
  }
  for (auto& [i, lines] : marks) findings[i].outcome = {core::FixStatus::kWithheld, detail(lines)};
}

// Report-only hard-coded tokens that requests the fix changed now send as OAuth access tokens.
void MarkNowSentAsOAuth(engine::FileAnalysis& analysis) {
  auto wanted = [](const core::Finding& f) { return IsCandidate(f) && f.match_kind == core::MatchKind::kZohoLiteral; };
  if (analysis.language == nullptr || std::none_of(analysis.findings.begin(), analysis.findings.end(), wanted)) return;
  MarkReaching(
      analysis, wanted, [](LegacyReach& reach, const core::Finding& f) { return reach.NowSentAsOAuth(f); },
      [](const std::set<uint32_t>& lines) {
        return "the fixed requests on " + LineList(lines) +
               " now send this value as an OAuth access token, and a hard-coded Authtoken is not one: replace it "
               "with where an access token comes from (the environment, a token store), and revoke the Authtoken";
      });
}

}  // namespace

void MarkLegacyOnlyValues(engine::FileAnalysis& analysis) {
  MarkLegacyReach(analysis);
  MarkUnreadValues(analysis);
  MarkNowSentAsOAuth(analysis);
}

void MarkLegacyReach(engine::FileAnalysis& analysis) {
  std::vector<core::Finding>& findings = analysis.findings;
  if (analysis.language == nullptr || std::none_of(findings.begin(), findings.end(), IsCandidate)) return;
  if (std::none_of(findings.begin(), findings.end(), IsLegacyWithheld) &&
      std::none_of(findings.begin(), findings.end(),
                   [&](const core::Finding& f) { return ir::IsLegacyApi(analysis.source.Line(f.start.line)); }))
    return;
  MarkReaching(
      analysis, IsCandidate, [](LegacyReach& reach, const core::Finding& f) { return reach.Lines(f); },
      [](const std::set<uint32_t>& lines) {
        return std::string(kLegacy) + " (this value reaches only such requests in the file: " + LineList(lines) + ")";
      });
}

}  // namespace authshift::rewriters
