#pragma once
// The language-independent half of the OAuth fix of one file (internal to rewriters/oauth): groups
// the findings by request (URL and parameter findings) or header, builds each group's edits —
// scheme swap (header.cc), URL parameter removal (url_param.cc), parameter-entry removal
// (removal.cc), the header added through the language's profile (request.cc) — and withholds a
// group whole when any step throws Withhold. The language files are reached only through the
// LanguageProfile.
#include <re2/re2.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rewriters/fix.h"
#include "rewriters/oauth/common/context.h"
#include "scanner/ir/facts.h"

namespace authshift::rewriters::oauth {

// The retired scheme in two pieces: the project's scan of its own sources must not report it.
inline constexpr std::string_view kOldScheme =
    "zoho-auth"
    "token";
inline constexpr std::string_view kNewScheme = "Zoho-oauthtoken";

class Fixer {
 public:
  // Works on the scan's facts of the file (FixInput): nothing is parsed again.
  Fixer(const FixInput& input, const LanguageProfile& profile, const FixOptions& options);

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
    std::set<ir::ExprId> dropped;        // hard-coded token values whose declarations the group deletes
    std::string detail;
    bool uses_helper = false;  // refresh mode: the edits call the helper file
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

  // Refresh mode (dead_locals.cc): the locals only fixed groups read (they now call the helper)
  // are deleted when the profile asks and that is safe; where the language rejects an unused local
  // and the deletion is not safe, the groups reading it are withheld. Fills dead_edits_/dead_.
  void DropDeadLocals(std::vector<GroupFix>* groups);
  // Whether deleting binding `b` (a local declaration) is safe: one declarator, a value with no
  // effects (a literal, a name, an environment read), no other assignment of the name in scope.
  // Returns the declaration's span (with its type), or nullopt.
  std::optional<ir::Span> DeletableLocal(const ir::Binding& b) const;
  // After Collect: the dead locals' deletions and the imports nothing uses any more.
  void AddDeadLocalEdits(RewriteResult* result);
  // A fixed literal's value left in a comment of the file is replaced (comment_secrets.h).
  void ReplaceCommentedCopies(const std::vector<Member>& literals, RewriteResult* result) const;

  // Refresh mode: the accounts server and await state of group `key` set on the context.
  void PrepareRefresh(const std::string& key);

  // --- locating (fixer.cc) ---

  // The 1-based line of byte offset `off`.
  uint32_t LineOf(size_t off) const;
  // A string whose source characters are exactly its value (no escapes).
  bool Plain(const ir::Expr& s) const;
  // A string literal with its own quotes (not a piece of an interpolated or formatted string).
  bool Standalone(const ir::Expr& s) const { return s.span.begin < s.literal_span.begin; }

  // --- the token and the header scheme (header.cc) ---

  // Records what a token expression means for the fix: a name bound to a hard-coded literal needs
  // that literal replaced; a literal itself is replaced by the caller. Returns the text to send.
  // A name bound to a file-local constant (FileLocalConstantLines) becomes the lookup itself: its
  // text is returned, and written over the name when `in_place` (the token stays where it is).
  std::string KeepToken(ir::ExprId t, bool in_place = false);
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
  // --- fix.rename-options (option_rename.cc) ---

  // A client option slot (`ZohoBooks(authtoken=t)`, `auth_token: t`, `'authtoken' => $t`): its name
  // becomes `access_token` in the slot's style; a hard-coded value withholds. Returns the detail.
  std::string RenameOption(const core::Finding& f);

  // --- an OAuth-or-Authtoken fallback (fallback.cc) ---

  // When a Zoho-oauthtoken string precedes the header at `at` with an `else` between them (an
  // OAuth-or-Authtoken fallback), the Authtoken arm is removed, not relabelled: returns the outcome
  // detail; withholds when the if/else chain does not read cleanly. nullopt: no OAuth branch.
  std::optional<std::string> RemoveFallbackBranch(size_t at);
  // The bytes of the last `else`/`else if` arm around `at` of an if/else chain whose earlier arm
  // holds offset `oauth`: brace languages (from the end of the previous arm's `}`), Python and Ruby
  // (the arm's lines). nullopt when the code is not so.
  std::optional<std::pair<size_t, size_t>> BracedFallbackArm(size_t at, size_t oauth) const;
  std::optional<std::pair<size_t, size_t>> IndentedFallbackArm(size_t at, size_t oauth) const;
  // Hard-coded Authtokens that only the removed arm `cut` read are deleted with it (when no other
  // file can read them). Returns the outcome note: what was deleted, what stays and where it is read.
  std::string DeleteDeadSecrets(std::pair<size_t, size_t> cut);

  // --- requests (request.cc) ---

  // A group of URL / parameter findings sent by request `key` ("r<call>"): the parameters go, the
  // header comes. Returns the outcome detail.
  std::string FixRequest(const std::string& key, const std::vector<Member>& members);
  // The token expression must mean the same thing where the request is made.
  void CheckVisible(ir::ExprId t, const ir::Call& c) const;
  // The request is made in another method (a helper the URL is handed to) and every token is a
  // local variable there holding a hard-coded Authtoken, read only by the removed parameter and
  // declared alone on its line: the declarations go and the header reads the lookup. Returns that
  // lookup, or nullopt when the tokens are not so.
  std::optional<std::string> MoveHardCodedTokens(const std::vector<ir::ExprId>& tokens, const ir::Call& c);
  // True when the map `v` sends a legacy `scope` (crmapi, creatorapi, invoiceapi).
  bool SendsLegacyScope(ir::ExprId v) const;
  // True when entry `e` is `scope` set to crmapi, creatorapi or invoiceapi.
  bool IsLegacyScopeEntry(const ir::MapEntry& e) const;
  // --- across files (cross_file.cc) ---
  // The same with key or value a constant of another file of the project (`Constants.SCOPE_KEY`);
  // sets legacy_note_ to where they are declared.
  bool LegacyScopeAcrossFiles(const ir::MapEntry& e) const;
  // The one literal `e` stands for: its flattened value, or another Java file's constant `Cls.NAME`
  // (then `where` gets where it is declared).
  std::optional<std::string> ConstantAcrossFiles(ir::ExprId e, std::string* where) const;
  // Adds to `entries` the legacy `scope` entries (crmapi, creatorapi, invoiceapi) of the maps they
  // are in: companions of the token that a current API does not read.
  void AddLegacyScopeEntries(std::vector<uint32_t>* entries) const;
  // The finding's URL names a retired API, or its map carries a legacy `scope` entry.
  bool SendsToLegacyApi(const core::Finding& f) const;
  // A map filled entry by entry (`$p['authtoken'] = …; $p['scope'] = 'crmapi';`) whose variable
  // also gets a legacy `scope`, or that (or an encoded copy of it) is passed to a call beside a
  // legacy URL (`openUrl(".../crm/private/json/...", http_build_query($p))`).
  bool FilledForLegacyApi(const ir::MapEntry& entry) const;
  // An argument of request `call` names a retired API (a URL joined from constants elsewhere).
  bool CallsLegacyApi(uint32_t call) const;
  // Keyword finding `f` is an argument of a Python `dict(…)` call that also passes a legacy
  // `scope=` (crmapi, creatorapi, invoiceapi).
  bool KeywordMapSendsLegacyScope(const core::Finding& f) const;

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
  // The emptied map held by a variable read once, by an encoder (urlencode, URLSearchParams,
  // stringify) whose string is joined last onto the URL after a "?" or "&" literal: the map's
  // statement, the encoded string's and the join go (encoded_query.cc). False when not that shape.
  bool RemoveEncodedQuery(ir::ExprId map);
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
  // A format template and the token's placeholder in it.
  struct FormatSite {
    ir::Span whole;  // the formatted expression: template and arguments
    size_t ph = 0;   // the token's placeholder: [ph, ph_end)
    size_t ph_end = 0;
    std::string name;               // `%(name)s`; empty for a positional placeholder
    bool brace = false;             // `{}` (.format) rather than `%`
    ir::ExprId hole = ir::kNoExpr;  // the token argument
    std::vector<ir::Span> items;    // the arguments, in placeholder order
    size_t k = 0;                   // the token's among them
    size_t close = 0;               // the template's closing quote
    std::optional<size_t> index;    // an indexed token placeholder (`{1}`, `%2$s`, `%[2]s`)
    bool printf = false;            // the arguments follow the template in one call's list
  };
  // The placeholder at f->ph: sets ph_end, name, index and brace, or throws Withhold.
  void FindPlaceholder(FormatSite* f) const;
  // An indexed token placeholder (`string.Format("{0}&authtoken={1}", uri, token)`, Java
  // `String.format("…%2$s", org, token)`): every placeholder of the template must be indexed and
  // take an argument that is written out; the token's argument goes when no other placeholder
  // takes it, and the indexes above it are renumbered. Otherwise throws Withhold.
  void RemoveIndexedParam(const ir::Expr& s, size_t joint, const std::vector<ir::ExprId>& kids,
                          size_t i, FormatSite* f);
  // The template's opening and closing quotes and the arguments in source order (each once) of
  // an indexed template; sets f->close, f->items and f->printf. Returns the opening quote.
  size_t IndexedTemplateArguments(const std::vector<ir::ExprId>& kids, FormatSite* f) const;
  // Removes `&authtoken=<placeholder>` from the template, query joints kept right.
  void RemovePlaceholder(const ir::Expr& s, size_t joint, const FormatSite& f,
                         const ir::Expr* next);
  // C printf family, whose lowering spans the template over the call: removes the token's
  // argument. False when the template is not such a call.
  bool RemoveCPrintfArgument(const FormatSite& f);
  // The arguments (holes) in placeholder order, and the template's closing quote.
  void TemplateArguments(const std::vector<ir::ExprId>& kids, size_t i, FormatSite* f) const;
  // How often the named placeholder is used; throws Withhold when the placeholders do not take
  // their arguments in order.
  int PlaceholderUses(const FormatSite& f) const;
  // True when the source [begin, end) matches `re` whole.
  bool Between(size_t begin, size_t end, const RE2& re) const;
  // `% {"tok": token, …}`: the token's entry goes from the dict literal.
  void RemoveNamedValue(const FormatSite& f);
  // `.format(…, tok=t)`, Ruby `format("…", tok: t)`: the keyword argument of the token's named
  // placeholder goes (a lone `.format(tok=t)` with it). False when the call has none.
  bool RemoveNamedArgument(const FormatSite& f);
  // The token's argument goes from `% (…)`, `% […]`, `% token`, `.format(…)` or printf's list.
  void RemoveFormatArgument(const FormatSite& f);
  // The token was the only argument: the operator and its operand, or the argument, go.
  void RemoveOnlyArgument(const FormatSite& f, bool percent_op);
  // Removes the authtoken URL parameter whose name starts at `at` inside string `sid`. Returns the
  // token expression, or kNoExpr with *literal = true when the value was written in the literal.
  ir::ExprId RemoveUrlParam(ir::ExprId sid, size_t at, bool* literal);
  // Shell words (Bash) whose source differs from their value by backslash escapes
  // (`…?page=1\&authtoken=$T`): the parameter is found and removed in the source itself, its
  // value written in the word or the expansion right after it. Returns that expansion, or kNoExpr
  // with *literal = true.
  ir::ExprId RemoveEscapedShellParam(ir::ExprId sid, size_t at, bool* literal);
  // `sb.append("&authtoken="); sb.append(token);` (also `+=`): the prefix ends one append
  // statement and the token is the next append to the same variable. The parameter and that
  // statement go; returns the token, or kNoExpr when the code is not so.
  struct UrlParam;
  ir::ExprId RemoveSplitAppend(const UrlParam& p);
  // The parameter's name is a join part of its own after the joint (`BASE + "authtoken=" + t +
  // "&…"`, or a name holding "authtoken" followed by `"="`: `BASE + TOKEN_PARAM + "=" + t + "&" +
  // …`), the part before ending with `?` or `&`: the name, `=`, the token and the `&` after it go.
  // Returns the token, or kNoExpr when the code is not so.
  ir::ExprId RemoveSplitNameParam(ir::ExprId sid);
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
  // An operand of a concatenation that was nothing but the authtoken parameter
  // (`… . "&authtoken={$t}"`): removes it with its operator; false when its joint cannot be
  // read (nothing edited).
  bool RemoveConcatOperand(ir::ExprId operand);
  // The value is the next operand of a concatenation (`"&authtoken=" + token`): the parameter,
  // the operand and an operator go. Returns the operand.
  ir::ExprId RemoveJoinedParam(const UrlParam& p);

  const FixInput& in_;  // the file, its facts, and where each finding sits in them
  std::string_view src_;
  const ir::Facts& facts_;
  std::optional<Context> ctx_;
  std::map<uint32_t, Request> requests_;
  std::set<ir::ExprId> consumed_;
  std::set<const ir::Binding*> needs_;
  std::set<ir::ExprId> dropped_;  // MoveHardCodedTokens: the deleted declarations' values
  std::string token_note_;
  bool rename_options_ = false;           // FixOptions::rename_options
  const ProjectConstants* project_ = nullptr;  // FixOptions::project
  mutable std::string legacy_note_;            // LegacyScopeAcrossFiles: where the scope is told
  std::vector<Edit> dead_edits_;          // DropDeadLocals: the deleted locals
  std::map<const ir::Binding*, ir::Span> dead_;  // and their bindings, with what is deleted
};

}  // namespace authshift::rewriters::oauth
