#pragma once
// The generic lowering: one run of a language's query over a tree, then a walk that builds facts
// from the roles the captures give nodes (lower.h documents the captures and conventions).
// Its members are defined by concern: lowering.cc (walk, scopes, bindings, options objects),
// lowering_values.cc (strings, joins, maps, lists, calls, entries), lowering_format.cc (format
// templates) and shell_command.cc (Bash commands: curl, wget and HTTPie option semantics).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

#include "scanner/frontends/treesitter/decode.h"
#include "scanner/frontends/treesitter/language.h"
#include "scanner/frontends/treesitter/node.h"
#include "scanner/frontends/treesitter/query.h"
#include "scanner/ir/facts.h"

namespace authshift::frontends::treesitter {

// One query match: its role (the capture without a dot) on `node`, and its sub-captures.
struct RoleMatch {
  std::string_view role;
  TSNode node{};
  std::vector<std::pair<std::string_view, TSNode>> parts;  // "callee", "args", …

  TSNode Part(std::string_view name) const {
    for (const auto& [n, node_] : parts) {
      if (n == name) return node_;
    }
    return TSNode{};
  }
};

// Lowers one tree; one instance per file (not thread-safe, cheap to make).
class Lowering {
 public:
  enum class CommandOption : uint8_t;  // shell_command.cc

  Lowering(const LanguageRow& row, const CompiledQuery& query, std::string_view source)
      : row_(row), query_(query), source_(source) {
    facts_.scope_parent.push_back(0);
    scopes_.push_back({false, {}});
  }

  ir::Facts Run(TSNode root);

 private:
  struct ScopeInfo {
    bool is_class = false;
    std::string class_name;
  };

  static constexpr int kMaxDepth = 400;

  // lowering.cc: the walk, scopes and bindings.
  void CollectRoles(TSNode root);
  const RoleMatch* Role(TSNode n, std::string_view role) const;
  uint32_t NewScope(bool is_class, std::string class_name);
  ir::ExprId Add(ir::ExprKind kind, ir::Span span, std::string text = {});
  ir::ExprId AddString(std::string text, ir::Span span, ir::Span literal_span);
  ir::ExprId Other(TSNode n);
  std::string NameChain(TSNode n) const;
  ir::ExprId Lower(TSNode n, bool need_expr);
  void Children(TSNode n);
  ir::ExprId LowerInner(TSNode n, bool need_expr);
  ir::ExprId Function(const RoleMatch& m, bool need_expr);
  ir::ExprId Class(const RoleMatch& m);
  ir::ExprId Param(const RoleMatch& m);
  bool IsSelfName(std::string_view s) const;
  void Bind(std::string name, ir::ExprId value, std::string op, ir::Span span);
  ir::Span StatementFor(ir::Span inner) const;
  ir::ExprId Assign(const RoleMatch& m);
  // `container[key] = value` / `container.key = value` (e: key and value set): the entry, with its
  // container, origin, statement and scope.
  void AddIndexEntry(ir::MapEntry e, const std::string& container, ir::Span span);
  bool InScope(uint32_t inner, uint32_t outer) const;
  void AddOptionsObjectArgs();
  bool HasAnyRole(TSNode n) const { return !IsNull(n) && roles_.count(n.id) != 0; }
  ir::ExprId Expr(TSNode n) { return Lower(n, true); }

  // lowering_values.cc: strings, joins, maps, lists, calls and their entries.
  ir::ExprId String(TSNode n);
  ir::ExprId Concat(TSNode n);
  void MapPair(TSNode c, const RoleMatch& pair, ir::ExprId map);
  ir::ExprId Map(TSNode n);
  ir::ExprId List(TSNode n);
  bool HeaderLine(ir::ExprId item, ir::MapEntry* entry);
  ir::ExprId Call(const RoleMatch& m);
  void Put(const RoleMatch& m, ir::ExprId call);
  void Authorization(const RoleMatch& m, ir::ExprId call);
  void PickByNames(ir::ExprId call);
  void KeyValueItems(TSNode list, ir::ExprId container);
  ir::ExprId KvCall(const RoleMatch& m, TSNode n);

  // lowering_format.cc
  ir::ExprId Format(const RoleMatch& m, bool brace, bool printf = false);
  void FormatArguments(TSNode tmpl, TSNode args, bool brace, bool printf, std::vector<ir::ExprId>* positional,
                       std::vector<std::pair<std::string, ir::ExprId>>* named);
  void NamedEntries(ir::ExprId map, std::vector<std::pair<std::string, ir::ExprId>>* named) const;

  // shell_command.cc: Bash commands (see lang/bash.cc).
  bool StaticText(ir::ExprId id, std::string* out) const;
  std::vector<ir::ExprId> WordParts(ir::ExprId id) const;
  ir::ExprId SubString(ir::ExprId lit, size_t b, size_t e);
  ir::ExprId JoinParts(std::vector<ir::ExprId> parts, ir::Span at);
  void AddPairs(ir::ExprId word, ir::Span word_span, char pair_sep, std::string_view kv_sep, ir::ExprId map,
                size_t skip = 0);
  ir::ExprId NewMap(ir::Span span, std::string_view arg, ir::Call* call);
  void AddHeader(ir::ExprId word, ir::Span span, ir::Call* call, ir::ExprId* headers);
  ir::ExprId Command(const RoleMatch& m);
  void CommandOptions(const std::vector<std::pair<ir::ExprId, ir::Span>>& words, bool curl, bool wget, ir::Call* call);
  struct CommandArgs;
  void ApplyOption(CommandOption what, ir::ExprId word, ir::Span span, size_t skip, CommandArgs* a);
  CommandOption OptionWord(const std::string& first, bool known, bool curl, bool wget, ir::ExprId word, ir::Span span,
                           CommandArgs* a);
  void HttpieItem(const std::string& first, ir::ExprId word, ir::Span span, CommandArgs* a);

  std::vector<std::string> key_path_;  // data files: the keys of the enclosing @field pairs

  const LanguageRow& row_;
  const CompiledQuery& query_;
  std::string_view source_;
  ir::Facts facts_;
  std::vector<ScopeInfo> scopes_;  // parallel to facts_.scope_parent
  std::vector<RoleMatch> matches_;
  std::unordered_map<const void*, std::vector<size_t>> roles_;
  std::unordered_map<const void*, ir::ExprId> lowered_;
  uint32_t scope_ = 0;
  ir::Span statement_;
  int depth_ = 0;
};

}  // namespace authshift::frontends::treesitter
