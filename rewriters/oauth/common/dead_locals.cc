// Refresh mode: a request that read its Authtoken from a local (`token := os.Getenv("…")`,
// `string tok = "…";`) now calls the refresh helper, and the local may be read by nothing else. Go
// refuses to compile an unused local; C#, C/C++ and TypeScript warn, which strict builds reject. The
// local goes when deleting it drops nothing but the read of the old token; where Go would be left
// with it and deleting it is not safe, the requests reading it are withheld.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/common/fixer.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

namespace {

bool Within(const ir::Facts& facts, uint32_t scope, uint32_t outer) {
  for (int guard = 0; guard < 64 && scope != outer && scope != 0 && scope < facts.scope_parent.size(); ++guard)
    scope = facts.scope_parent[scope];
  return scope == outer;
}

// The end of the block the declaration at `from` is in: the `}` that closes it (strings, template
// literals and comments skipped), or the end of the file.
size_t BlockEnd(std::string_view src, size_t from) {
  int depth = 0;
  for (size_t i = from; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '/' && i + 1 < src.size() && (src[i + 1] == '/' || src[i + 1] == '*')) {
      const size_t e = src.find(src[i + 1] == '/' ? "\n" : "*/", i + 2);
      if (e == std::string_view::npos) return src.size();
      i = e;
    } else if (c == '"' || c == '\'' || c == '`') {
      for (++i; i < src.size() && src[i] != c && (c == '`' || src[i] != '\n'); ++i) {
        if (src[i] == '\\') ++i;
      }
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && depth-- == 0) {
      return i;
    }
  }
  return src.size();
}

// A use of `b`'s name the facts do not list as a read (a member access `token.length`, a
// receiver): any whole-word occurrence from the declaration to the end of its block, outside the
// reads the fix replaced (`consumed`), comments and string literals, keeps the local.
bool UsedOutside(std::string_view src, const ir::Facts& facts, const ir::Binding& b, const std::set<ExprId>& consumed) {
  // A file-scope name (TypeScript module) may be read anywhere in the file, functions above included.
  const size_t begin = b.scope == 0 ? 0 : b.span.end;
  const size_t end = b.scope == 0 ? src.size() : BlockEnd(src, b.span.end);
  const RE2 word("\\b(" + RE2::QuoteMeta(b.name) + ")\\b");
  re2::StringPiece in(src.data() + begin, end - begin);
  re2::StringPiece m;
  while (RE2::FindAndConsume(&in, word, &m)) {
    const size_t at = static_cast<size_t>(m.data() - src.data());
    auto holds = [at](ir::Span sp) { return sp.begin <= at && at < sp.end; };
    if (holds(b.span)) continue;  // the declaration itself
    if (std::any_of(consumed.begin(), consumed.end(), [&](ExprId x) { return holds(facts.exprs[x].span); }) ||
        std::any_of(facts.comments.begin(), facts.comments.end(), holds) ||
        std::any_of(facts.exprs.begin(), facts.exprs.end(),
                    [&](const ir::Expr& e) { return e.kind == ExprKind::kString && holds(e.span); }))
      continue;
    return true;
  }
  return false;
}

}  // namespace

std::optional<ir::Span> Fixer::DeletableLocal(const ir::Binding& b) const {
  // A file-scope declaration is visible to other files, except in a TypeScript module: the refresh
  // fix imports the helper, which makes the file one.
  const std::string_view lang = ctx_->profile().id;
  const bool module_scope = b.scope == 0 && (lang == "typescript" || lang == "tsx");
  if ((b.scope == 0 && !module_scope) || b.op != "=" || b.value == kNoExpr) return std::nullopt;
  // Alone on its lines: not the head of an `if x := …;` or one clause of a `for`. A binding that is
  // the declarator alone (C#: `token = …` of `var token = …;`) takes its type from the line.
  const size_t lb = ctx_->LineBegin(b.span.begin);
  const std::string_view head = src_.substr(lb, b.span.begin - lb);
  static const RE2 kTypeHead(R"(^[ \t]*(?:const[ \t]+)?[\w.:<>\[\]?*]+[ \t*&]+$)");
  const bool typed_head = head.find_first_not_of(" \t") != std::string_view::npos;
  if (typed_head && !RE2::FullMatch(head, kTypeHead)) return std::nullopt;
  const size_t le = std::min(src_.size(), src_.find('\n', b.span.end));
  if (src_.substr(b.span.end, le - b.span.end).find_first_not_of(" \t\r;") != std::string_view::npos)
    return std::nullopt;
  const ir::Span whole{typed_head ? static_cast<uint32_t>(lb + head.find_first_not_of(" \t")) : b.span.begin,
                       b.span.end};
  // One declarator, declared here (not an assignment to a variable declared elsewhere), and not
  // visible to other files.
  const std::string name = RE2::QuoteMeta(b.name);
  const RE2 decl("^(?:(?:const|let|var)\\s+" + name + "(?:\\s*:?\\s*[\\w.*\\[\\]|]+)?\\s*=[^=]|" +
                 "(?:[\\w:<>\\[\\]?]+[\\s*&]+)+" + name + "\\s*=[^=]|" + name + "\\s*:=)");
  static const RE2 kExported(R"(^(?:public|protected|internal|export|extern)\b)");
  const std::string_view stmt = ctx_->Text(whole);
  if (!RE2::PartialMatch(stmt, decl) || RE2::PartialMatch(stmt, kExported)) return std::nullopt;
  // A value whose only effect is the value: a literal, a name, an environment read (TypeScript: with
  // a non-null assertion, or a literal default after `??` / `||`).
  static const RE2 kEnvRead(
      R"(^(?:[\w.:]*(?:getenv|Getenv|GetEnvironmentVariable)\(\s*"\w*"\s*\)|)"
      R"((?:process\.env\.\w+|process\.env\[\s*['"]\w+['"]\s*\])!?(?:\s*(?:\?\?|\|\|)\s*(?:"[^"\\]*"|'[^'\\]*'))?)$)");
  const ir::Expr& v = facts_.exprs[b.value];
  if (v.kind != ExprKind::kString && v.kind != ExprKind::kName && !RE2::FullMatch(ctx_->Text(b.value), kEnvRead))
    return std::nullopt;
  // No other assignment of the name where this one is visible (it would lose its declaration).
  for (const ir::Binding& o : facts_.bindings) {
    if (&o != &b && o.name == b.name && Within(facts_, o.scope, b.scope)) return std::nullopt;
  }
  return whole;
}

void Fixer::DropDeadLocals(std::vector<GroupFix>* groups) {
  const UnusedLocals policy = ctx_->profile().unused_locals;
  dead_.clear();
  dead_edits_.clear();
  if (policy == UnusedLocals::kKept) return;
  for (bool changed = true; changed;) {
    changed = false;
    dead_.clear();
    std::set<ExprId> consumed;
    for (const auto& g : *groups) {
      if (g.ok) consumed.insert(g.consumed.begin(), g.consumed.end());
    }
    for (ExprId r : consumed) {
      const ir::Binding* b = ctx_->BindingOf(r);
      if (b == nullptr || b->value == kNoExpr || dead_.count(b) != 0) continue;
      const std::vector<ExprId> reads = ctx_->ReadsOf(*b);
      if (!std::all_of(reads.begin(), reads.end(), [&](ExprId x) { return consumed.count(x) != 0; }) ||
          (policy == UnusedLocals::kWarned && UsedOutside(src_, facts_, *b, consumed)))
        continue;
      if (std::optional<ir::Span> whole = DeletableLocal(*b)) {
        dead_[b] = *whole;
        continue;
      }
      if (policy != UnusedLocals::kRejected || b->scope == 0) continue;
      for (auto& g : *groups) {
        if (!g.ok || std::none_of(reads.begin(), reads.end(), [&](ExprId x) { return g.consumed.count(x) != 0; }))
          continue;
        g.ok = false;
        g.reason = "the fix would leave '" + b->name + "' (line " + std::to_string(LineOf(b->span.begin)) +
                   ") unused, which the compiler rejects, and deleting it could drop more than the old token (" +
                   std::string(ctx_->Text(b->value)) + "); call the refresh helper and delete '" + b->name +
                   "' by hand";
        changed = true;
      }
    }
  }
  ctx_->StartGroup();
  for (const auto& [b, whole] : dead_) DeleteStatement(whole);
  dead_edits_ = ctx_->group();
}

void Fixer::AddDeadLocalEdits(RewriteResult* result) {
  if (result->edits.empty()) {
    dead_.clear();  // nothing fixed (Collect withheld it all): nothing is deleted
    return;
  }
  if (ctx_->profile().unused_locals == UnusedLocals::kWarned && dead_edits_.size() == dead_.size()) {
    // Only warned: a deletion that meets another edit is dropped and the local stays, rather than
    // the whole fix; an insertion where the deleted lines begin (the helper's import at the top of
    // a file that starts with the local) takes their place instead.
    size_t i = 0;
    for (auto it = dead_.begin(); it != dead_.end(); ++i) {
      const Edit& del = dead_edits_[i];
      // The insertions there (each fixed group asks for the same import: one text).
      auto starts_here = [&](const Edit& e) { return e.length == 0 && e.offset == del.offset; };
      const auto at = std::find_if(result->edits.begin(), result->edits.end(), starts_here);
      const bool merge = at != result->edits.end();
      EditSet check;
      bool same = true;
      for (const Edit& e : result->edits) {
        if (!merge || !starts_here(e)) check.Add(e);
        same = same && (!merge || !starts_here(e) || e.text == at->text);
      }
      check.Add(merge ? Edit{del.offset, del.length, at->text, at->rule_id} : del);
      std::string err;
      if (!same || !check.Resolve(&err)) {
        it = dead_.erase(it);
        continue;
      }
      if (merge) {
        Edit merged{del.offset, del.length, at->text, at->rule_id};
        std::erase_if(result->edits, starts_here);
        result->edits.push_back(std::move(merged));
      } else {
        result->edits.push_back(del);
      }
      ++it;
    }
  } else {
    result->edits.insert(result->edits.end(), dead_edits_.begin(), dead_edits_.end());
  }
  if (ctx_->profile().drop_unused_imports == nullptr) return;
  EditSet set;
  for (const Edit& e : result->edits) set.Add(e);
  std::string err;
  if (!set.Resolve(&err)) return;  // reported where the edits are applied
  const std::string after = set.Apply(src_);
  ctx_->StartGroup();
  ctx_->profile().drop_unused_imports(*ctx_, src_, after);
  result->edits.insert(result->edits.end(), ctx_->group().begin(), ctx_->group().end());
}

}  // namespace authshift::rewriters::oauth
