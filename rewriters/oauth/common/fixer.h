#pragma once
// The language-independent half of the OAuth fix of one file (internal to rewriters/oauth): groups
// the findings by request (URL and parameter findings) or header, builds each group's edits —
// scheme swap (header.cc), URL parameter removal (url_param.cc), parameter-entry removal
// (removal.cc), the header added through the language's profile (request.cc) — and withholds a
// group whole when any step throws Withhold. The language files are reached only through the
// LanguageProfile.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/fix.h"
#include "rewriters/oauth/common/context.h"
#include "scanner/ir/facts.h"

namespace authshift::rewriters::oauth {

// ASCII lower case (rule ids, header names and schemes are ASCII).
std::string Lower(std::string_view s);

// The retired scheme in two pieces: the project's scan of its own sources must not report it.
inline constexpr std::string_view kOldScheme =
    "zoho-auth"
    "token";
inline constexpr std::string_view kNewScheme = "Zoho-oauthtoken";

class Fixer {
 public:
  // Parses and lowers the file again (same facts and offsets as the scan).
  Fixer(const core::SourceFile& file, const languages::Language& lang,
        const LanguageProfile& profile, const FixOptions& options);

  // The outcome of every finding (indexes into `findings`) and the edits of the fixed groups.
  RewriteResult Run(const std::vector<const core::Finding*>& findings);

  // One finding of a group, with its index in Run's `findings`.
  struct Member {
    size_t index;
    const core::Finding* f;
  };

 private:
  // What fixing one group gave: its edits, or why it is withheld.
  struct GroupFix {
    std::vector<Member> members;
    std::vector<Edit> edits;
    std::set<ir::ExprId> consumed;       // name reads this group removes or re-sends as OAuth
    std::set<const ir::Binding*> needs;  // hard-coded token bindings that must become the lookup
    std::string detail;
    bool ok = true;
    std::string reason;
  };

  // --- the steps of Run (fixer.cc) ---

  // Groups: one per request (URL and parameter findings, key "r<call>"), one per header finding
  // (key "h<offset>"). Literal findings go to `literals`; a finding whose request is not found gets
  // its withheld outcome here.
  std::map<std::string, std::vector<Member>> GroupFindings(
      const std::vector<const core::Finding*>& findings, std::vector<Member>* literals,
      std::vector<FindingOutcome>* outcomes);
  // Builds one group's edits; a Withhold or conflicting edits withhold the group.
  GroupFix FixGroup(const std::string& key, const std::vector<Member>& members);
  // Hard-coded token bindings become the lookup only when every read of them is in a fixed group;
  // otherwise the groups that rely on them are withheld too (until nothing changes).
  void WithholdSharedTokens(std::vector<GroupFix>* groups) const;
  // The outcomes of the groups' members and the edits of the fixed ones, the needed bindings'
  // literals replaced by the lookup. Returns the replaced literal expressions.
  std::set<ir::ExprId> Collect(const std::vector<GroupFix>& groups, RewriteResult* result);

  // --- locating (fixer.cc) ---

  // The 1-based line of byte offset `off`.
  uint32_t LineOf(size_t off) const;
  // The configured or default token lookup expression, as written into the file.
  std::string LookupText() const;
  // The innermost string expression that holds byte `offset`.
  std::optional<ir::ExprId> StringAt(size_t offset) const;
  // The parameter or header entry a finding reports (its exact span).
  std::optional<uint32_t> EntryAt(const core::Finding& f) const;
  // The binding that starts at `offset` and holds a string literal (an authtoken-literal finding).
  const ir::Binding* BindingAt(size_t offset) const;
  // The outermost concatenation that `e` is a part of (itself when none).
  ir::ExprId RootOf(ir::ExprId e) const;
  // A string whose source characters are exactly its value (no escapes).
  bool Plain(const ir::Expr& s) const;
  // A string literal with its own quotes (not a piece of an interpolated or formatted string).
  bool Standalone(const ir::Expr& s) const { return s.span.begin < s.literal_span.begin; }

  // --- the token and the header scheme (header.cc) ---

  // Records what a token expression means for the fix: a name bound to a hard-coded literal needs
  // that literal replaced; a literal itself is replaced by the caller. Returns the text to send.
  std::string KeepToken(ir::ExprId t);
  // The outcome detail for the user: what the token now is and what to revoke.
  std::string TokenDetail(const std::string& token, bool hard_coded) const;
  // The quoted string literal whose characters end exactly where `piece` ends (a header line
  // `'Name: value'` split into key and value by the lowering), or nullptr.
  const ir::Expr* EnclosingLiteral(const ir::Expr& piece) const;
  // A profile without a join operator (C, C++: no string `+` that is safe on a possibly null
  // getenv result) cannot put the token lookup into a header string: withheld with the recipe.
  void NeedsJoin() const;
  // An authtoken-header finding: the old scheme becomes Zoho-oauthtoken, a hard-coded token the
  // lookup. Returns the outcome detail.
  std::string FixHeader(const core::Finding& f);

  // --- requests (request.cc) ---

  // A group of URL / parameter findings sent by request `key` ("r<call>"): the parameters go, the
  // header comes. Returns the outcome detail.
  std::string FixRequest(const std::string& key, const std::vector<Member>& members);
  // The token expression must mean the same thing where the request is made.
  void CheckVisible(ir::ExprId t, const ir::Call& c) const;
  // True when the map `v` sends a legacy `scope` (crmapi, creatorapi, invoiceapi).
  bool SendsLegacyScope(ir::ExprId v) const;

  // --- removing text (removal.cc) ---

  // Deletes a statement; when it is alone on its lines, the lines go too.
  void DeleteStatement(ir::Span s);
  // Removes one item of a comma-separated sequence (entries, arguments), commas kept right; an item
  // alone on its line takes the line with it.
  void RemoveItem(const std::vector<ir::Span>& items, size_t k, const std::set<size_t>& removed);
  // Removes parameter entries; a literal map that empties out goes with the argument that passes
  // it.
  void RemoveEntries(const std::vector<uint32_t>& entries, uint32_t call);
  // The request builder setter whose one-entry map (argument "<entry>") is `map`: Java
  // `.setParameter(k, v)` / `.queryParam(k, v)`, C# `request.AddParameter(k, v)`.
  const ir::Call* SetterOf(ir::ExprId map) const;
  // Removes a setter call: its statement (`request.AddParameter(…);`), or its link of a chain — the
  // line when the link is alone on it, else the text from the end of its receiver.
  void RemoveSetter(const ir::Call& c);
  // The map that empties out: the argument (or option property) that passes it goes; a variable
  // holding it goes too when nothing else reads it.
  void RemoveEmptiedMap(ir::ExprId map, uint32_t call);
  // Removes argument `a` of call `c` (a written argument).
  void RemoveArgument(const ir::Call& c, const ir::Arg& a);

  // --- URL parameters (url_param.cc) ---

  // A URL parameter inside a format template, written once for every language:
  // `"…&authtoken=%s…" % (org, token)` (Python tuple, Ruby `% [o, t]`, or a single `% token`),
  // `"…&authtoken={}…".format(org, token)`, `"…&authtoken=%(tok)s" % {"tok": token, …}`, and the
  // printf family whose template is the first argument (Go `fmt.Sprintf`, PHP `sprintf`, Ruby
  // `format`/`sprintf`, Java `String.format`) or not (C `snprintf(buf, n, "…", …)`). The
  // placeholder goes from the template (query joints kept right) and the token from the arguments.
  // Only positional, in-order placeholders (`%s`, `%v`, `{}`) whose arguments are exactly the
  // holes are rewritten, or a named `%(name)s` used once with a dict literal; anything else
  // (indexed `{0}`/`%[1]s`, `*` widths, keyword arguments, an argument used twice) is withheld.
  void RemovePercentParam(const ir::Expr& s, size_t joint, const std::vector<ir::ExprId>& kids,
                          size_t i, ir::ExprId fmt);
  // Removes the authtoken URL parameter whose name starts at `at` inside string `sid`. Returns the
  // token expression, or kNoExpr with *literal = true when the value was written in the literal.
  ir::ExprId RemoveUrlParam(ir::ExprId sid, size_t at, bool* literal);
  // Where an authtoken URL parameter sits.
  struct UrlParam {
    ir::ExprId sid;                   // the string holding `authtoken=`
    const ir::Expr* s;                // its expression
    size_t joint;                     // the offset of the joint before the name in s->text
    char j;                           // the joint: '?' or '&'
    uint32_t lit;                     // where s's characters begin in the source
    ir::ExprId root;                  // the outermost join s is part of (sid when none)
    ir::ExprId parent = ir::kNoExpr;  // the join s is a direct part of
    std::vector<ir::ExprId> kids;     // that join's parts ({sid} when none)
    size_t i = 0;                     // s's place among them
  };
  // The value written in the literal itself (`?authtoken=abc&x=1`): the parameter goes.
  void RemoveParamInLiteral(const UrlParam& p, size_t eq, size_t value_end);
  // The value is the hole after a piece of an interpolated or formatted string (`{token}`, `$t`,
  // `%s`): the piece's parameter and the hole go. Returns the hole.
  ir::ExprId RemoveInterpolatedParam(const UrlParam& p);
  // The value is the next operand of a concatenation (`"&authtoken=" + token`): the parameter,
  // the operand and an operator go. Returns the operand.
  ir::ExprId RemoveJoinedParam(const UrlParam& p);

  std::string_view src_;
  const languages::Language& lang_;
  ir::Facts facts_;
  long parse_errors_ = -1;
  std::map<ir::ExprId, ir::ExprId> parent_;  // a concatenation's part -> the concatenation
  std::optional<Context> ctx_;
  std::map<uint32_t, Request> requests_;
  std::set<ir::ExprId> consumed_;
  std::set<const ir::Binding*> needs_;
  std::string token_note_;
};

}  // namespace authshift::rewriters::oauth
