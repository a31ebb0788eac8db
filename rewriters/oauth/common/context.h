#pragma once
// The state one file's OAuth fix shares between the common code (this folder) and the language
// files (python.cc, javascript.cc, …): the Context (source, facts, the group of edits being built,
// text and fact helpers), the per-language LanguageProfile row, and Withhold, thrown when a group
// cannot be fixed. A fix is never partial: every group is fixed whole or withheld.
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rewriters/fix.h"
#include "rewriters/oauth/common/refresh.h"
#include "scanner/ir/built_from.h"
#include "scanner/ir/facts.h"

namespace authshift::rewriters::oauth {

// Why a group cannot be fixed; thrown by the shared code and the language code, caught per group.
struct Withhold {
  std::string reason;
};

class Context;

// Where a request's URL or parameters go, and how it gets the header.
struct Request {
  // A constructor (not an aggregate), so that the fields below `problem` need no initialiser.
  Request(uint32_t call_ = 0, std::string client_ = {}, std::string problem_ = {})
      : call(call_), client(std::move(client_)), problem(std::move(problem_)) {}
  uint32_t call = 0;    // index into Facts::calls
  std::string client;   // "requests", "fetch", … (for messages and the idiom)
  std::string problem;  // non-empty: the value reaches no single request (why, for the user)
  // Other calls that build the same request in alternative branches (`req = A.new(u)` … `else`
  // `req = B.new(u)`): the header goes to each (find_request and add_header of one language).
  std::vector<uint32_t> alternatives;
};

// For find_request implementations: `found` already holds a request and call `other` is a second
// one: the value goes to several requests, which are fixed by hand.
void MarkAmbiguous(const Context& ctx, Request* found, uint32_t other);

// How a language declares a compile-time constant.
enum class ConstantStyle {
  kNone,          // it has none the fix could meet
  kConstKeyword,  // `const` on the declaration's line (PHP, C#)
  kConstOrBlock,  // that, or inside a `const ( … )` block (Go)
  kFileScope,     // any variable declared at file scope, whose initialiser must be a constant
                  // expression (C); file-local when `static`
};

// What the language (or a strict build of it) says of a local variable nothing reads any more.
enum class UnusedLocals {
  kKept,      // nothing: a refresh fix leaves the old token's local in place
  kWarned,    // a warning strict builds turn into an error (C# CS0219, -Wunused-variable,
              // TypeScript noUnusedLocals): deleted when that is safe, else left
  kRejected,  // a compile error (Go's `declared and not used`): deleted, or the fix is withheld
};

struct LanguageProfile {
  std::string_view id;  // language id ("python")
  std::string_view
      token_lookup;  // default expression for a hard-coded token: os.environ["ZOHO_OAUTH_TOKEN"]
  std::string_view concat;  // string join operator between two operands, spaced: " + ", " . "
  // Before the lookup `expr` is written into the file: adds what it needs (an import) as edits, or
  // throws Withhold. Null: nothing needed.
  void (*prepare_lookup)(Context& ctx, std::string_view expr);
  // The request call that the URL string / parameter map `value` (an expression id) reaches, or
  // nullopt. Null: this language has no request rewriter yet (header swaps only).
  std::optional<Request> (*find_request)(const Context& ctx, ir::ExprId value, bool is_map);
  // Adds `Authorization: Zoho-oauthtoken <token>` to the request (token: source text of an
  // expression valid at the call). Throws Withhold when it cannot.
  void (*add_header)(Context& ctx, const Request& req, const std::string& token);
  // Removes parameter entries that are not map entries, setters or put statements (Bash: the
  // words of a command). Null: the common code removes them.
  void (*remove_entries)(Context& ctx, const std::vector<uint32_t>& entries,
                         uint32_t call) = nullptr;
  // Shell words (Bash): words join by adjacency (no join operator needed), a header word takes the
  // lookup spliced in unquoted, and an interpolation (`$V`) has no closing brace.
  bool shell_words = false;
  // A printf whose only argument was the token keeps its call (Go: dropping fmt.Sprintf may leave
  // the fmt import unused).
  bool keeps_bare_printf = false;
  // How the language declares a constant, which cannot be assigned the token lookup.
  ConstantStyle constants = ConstantStyle::kNone;
  // Refresh mode: the local the replaced token was read from, once no fixed request reads it.
  UnusedLocals unused_locals = UnusedLocals::kKept;
  // After the fix: deletes the imports that only the replaced or deleted code used (Go rejects an
  // unused import). `before` and `after` are the whole file. Null: imports stay.
  void (*drop_unused_imports)(Context& ctx, std::string_view before, std::string_view after) = nullptr;
};

// The profile of a language id, or nullptr when the language has no OAuth rewriter.
const LanguageProfile* ProfileFor(std::string_view language_id);
// Every profile, sorted by id (profiles.cc; each row is defined in its language's <lang>.cc).
std::span<const LanguageProfile* const> AllProfiles();

// The state of one file's fix, shared with the language code.
class Context {
 public:
  Context(std::string_view src, const ir::Facts& facts, const LanguageProfile& profile,
          const FixOptions& options);

  std::string_view src() const { return src_; }
  const ir::Facts& facts() const { return facts_; }
  const LanguageProfile& profile() const { return profile_; }
  const ir::Expr& at(ir::ExprId id) const { return facts_.exprs[id]; }
  std::string_view Text(ir::Span s) const { return src_.substr(s.begin, s.end - s.begin); }
  // An expression's source; a kOther with an empty span is one no source holds (the lowering's
  // `obj.k` of `_.pick(obj, ['k'])`): its text.
  std::string_view Text(ir::ExprId id) const {
    const ir::Expr& e = facts_.exprs[id];
    return e.kind == ir::ExprKind::kOther && e.span.empty() ? std::string_view(e.text) : Text(e.span);
  }

  // Edits of the group being built.
  void Replace(size_t begin, size_t end, std::string text) {
    group_.push_back({begin, end - begin, std::move(text), std::string(kName)});
  }
  void Insert(size_t at, std::string text) { Replace(at, at, std::move(text)); }
  void Delete(size_t begin, size_t end) { Replace(begin, end, ""); }
  // The group being built: the fixer starts each group and collects its edits.
  void StartGroup() {
    group_.clear();
    helper_used_ = false;
    awaited_ = false;
  }
  const std::vector<Edit>& group() const { return group_; }
  // The parameter entries the fix removes (AppendEntry keeps a map's layout around them); a
  // withheld group's removals are rolled back by set_removed_entries.
  void MarkRemoved(uint32_t entry) { removed_entries_.insert(entry); }
  bool IsRemoved(uint32_t entry) const { return removed_entries_.count(entry) != 0; }
  const std::set<uint32_t>& removed_entries() const { return removed_entries_; }
  void set_removed_entries(std::set<uint32_t> entries) { removed_entries_ = std::move(entries); }
  // True when an edit of the group being built touches bytes [begin, end).
  bool Edited(size_t begin, size_t end) const {
    for (const auto& e : group_) {
      if (e.offset < end && begin < e.offset + std::max<size_t>(e.length, 1)) return true;
    }
    return false;
  }

  // --- text helpers ---
  size_t LineBegin(size_t off) const;
  std::string_view IndentAt(size_t off) const;
  std::string_view Eol() const { return crlf_ ? "\r\n" : "\n"; }
  char Quote() const { return quote_; }  // the file's usual string quote (' or ")
  std::string Quoted(std::string_view s) const {
    return std::string(1, quote_) + std::string(s) + quote_;
  }
  // `"Zoho-oauthtoken " + token` in this language.
  std::string HeaderValue(const std::string& token) const;
  // The token expression for a hard-coded literal: the configured (`token-source`) or the
  // profile's default lookup, as written into the file.
  std::string LookupText() const;
  // LookupText(), with what it needs (an import) added to the group's edits; throws Withhold.
  // In refresh mode: the helper's call (common/refresh.h), its load line added.
  std::string Lookup();
  // token-source `refresh` for this file's language: every fixed request calls the helper.
  bool Refresh() const;
  // The accounts server the helper is called with (per group, from the request's Zoho host).
  void set_accounts(std::string accounts) { accounts_ = std::move(accounts); }
  // The group's request is awaited (an async helper may be called in it).
  void set_awaited(bool awaited) { awaited_ = awaited; }
  // Lookup() wrote the helper's call into the group being built.
  bool helper_used() const { return helper_used_; }
  // The refresh helper of this file's language: the one the config names, else the one added
  // next to the file (common/refresh.h); nullptr when there is none.
  const RefreshHelper* Helper() const;

  // --- fact helpers ---
  // The argument of `call` at position `index` (positional only) or named `name`; kNoExpr if none.
  const ir::Arg* ArgAt(const ir::Call& call, int index, std::string_view name = {}) const;
  // True when `value` is built from `part` by `walk` (scanner/ir/built_from.h): ir::kInString,
  // the string value holds it; ir::kThroughCalls, a call on the way takes it; ….
  bool BuiltFrom(ir::ExprId value, ir::ExprId part, ir::BuiltFromWalk walk) const {
    return ir::BuiltFrom(facts_, src_, value, part, walk);
  }
  // True when `value` or something it is built from (by `walk`) satisfies `hit`.
  bool BuiltFrom(ir::ExprId value, const std::function<bool(ir::ExprId)>& hit,
                 ir::BuiltFromWalk walk) const {
    return ir::BuiltFrom(facts_, src_, value, hit, walk);
  }
  // The calls (their expressions) among `methods` (matched on the method name) whose first
  // argument holds entry `entry`: encoders such as urlencode or URLSearchParams.
  std::vector<ir::ExprId> EncodersOf(uint32_t entry,
                                     std::initializer_list<std::string_view> methods) const;
  // True when the map that `arg` denotes (a literal or a name) holds entry `entry`; while
  // FollowAcrossMethods(entry) is on, also when `arg` carries the entry's map across methods
  // (ir/flow.h: a builder's return value, a field set elsewhere, a merged or encoded copy).
  bool HoldsEntry(ir::ExprId arg, uint32_t entry) const;
  // Turns the cross-method reading of HoldsEntry on for `entry` (nullopt: off).
  void FollowAcrossMethods(std::optional<uint32_t> entry);
  // The object/dict literal a value denotes (itself or through one binding), or kNoExpr.
  ir::ExprId MapLiteral(ir::ExprId v) const;
  // The literal entries of a map literal, in source order.
  std::vector<uint32_t> LiteralEntries(ir::ExprId map) const;
  // True when the map literal has an entry whose literal key equals `key` (case-insensitive).
  bool HasKey(ir::ExprId map, std::string_view key) const;
  // Appends `entry` to a map/object literal, keeping its layout (one line, or one entry per line).
  void AppendEntry(ir::ExprId map, const std::string& entry);
  // Name reads that resolve to binding `b` (the binding's own left side excluded).
  std::vector<ir::ExprId> ReadsOf(const ir::Binding& b) const;
  const ir::Binding* BindingOf(ir::ExprId name) const;

 private:
  static constexpr std::string_view kName = "oauth-header";
  std::string_view src_;
  const ir::Facts& facts_;
  const LanguageProfile& profile_;
  const FixOptions& options_;
  bool crlf_ = false;
  char quote_ = '"';
  std::vector<Edit> group_;
  std::set<uint32_t> removed_entries_;  // parameter entries the fix removes
  std::optional<uint32_t> flow_entry_;   // FollowAcrossMethods
  std::vector<bool> flow_carries_;       // per expression: carries flow_entry_'s map
  std::string accounts_ = "https://accounts.zoho.com";
  bool awaited_ = false;
  bool helper_used_ = false;
  std::unique_ptr<NamedHelper> named_;  // token-source helper the config names
};

}  // namespace authshift::rewriters::oauth
