// A legacy `scope` told by constants of other files: `params.put(Constants.HTTP_POST_PARAM_SCOPE,
// SCOPE)` where Constants.java says the key is "scope" and the field SCOPE holds "crmapi". The
// per-file facts cannot resolve the key; FixOptions::project (rewriters/project_constants.h) reads the
// project's Java constants. Only a key or value that resolves to one literal counts.
#include <re2/re2.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/oauth/common/fixer.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::kNoExpr;

namespace {

// The packages a Java file's simple class name `cls` may live in: the explicitly imported one, else
// the file's own package and its wildcard imports.
std::vector<std::string> PackagesFor(std::string_view src, const std::string& cls) {
  static const RE2 kImport(R"((?m)^\s*import\s+([\w.]+)\.(\w+|\*)\s*;)");
  static const RE2 kPackage(R"((?m)^\s*package\s+([\w.]+)\s*;)");
  re2::StringPiece in(src.data(), src.size());
  std::string package;
  std::string last;
  std::vector<std::string> wildcard;
  while (RE2::FindAndConsume(&in, kImport, &package, &last)) {
    if (last == cls) return {package};
    if (last == "*") wildcard.push_back(package);
  }
  std::string own;
  RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kPackage, &own);
  wildcard.push_back(own);
  return wildcard;
}

}  // namespace

std::optional<std::string> Fixer::ConstantAcrossFiles(ir::ExprId e, std::string* where) const {
  ir::StringValue v = ir::Flatten(facts_, e, src_);
  if (v.AllLiteral()) return v.Joined();
  const std::string text(ctx_->Text(e));
  // `Cls.NAME`: a constant of another Java file of the project.
  static const RE2 kMember(R"(([A-Z]\w*)\.([A-Za-z_]\w*))");
  std::string cls;
  std::string name;
  if (project_ == nullptr || in_.lang().id != "java" || !RE2::FullMatch(text, kMember, &cls, &name))
    return std::nullopt;
  auto c = project_->Java(cls, name, PackagesFor(src_, cls));
  if (!c) return std::nullopt;
  *where += (where->empty() ? "" : "; ") + text + " is \"" + c->value + "\" in " + c->path + ":" + std::to_string(c->line);
  return c->value;
}

bool Fixer::LegacyScopeAcrossFiles(const ir::MapEntry& e) const {
  if (project_ == nullptr || e.key == kNoExpr || e.value == kNoExpr) return false;
  static const RE2 kKey(R"((?i)scope)");
  std::string where;
  auto key = ConstantAcrossFiles(e.key, &where);
  if (!key || !RE2::FullMatch(*key, kKey)) return false;
  auto value = ConstantAcrossFiles(e.value, &where);
  if (!value || !ir::IsLegacyScope(*value)) return false;
  if (where.empty()) return false;  // IsLegacyScopeEntry's case: nothing from another file
  legacy_note_ = " (its map sends scope " + *value + ": " + where + ")";
  return true;
}

}  // namespace authshift::rewriters::oauth
