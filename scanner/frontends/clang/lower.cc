// Stage 1 of lower.h: a C or C++ file's Clang AST (main file only) and its object-like #defines
// lowered to generic IR facts. The LibTooling translation unit of the lowering (slow to compile:
// keep Clang headers out of other files).
#include <algorithm>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Stmt.h>
#include <clang/Basic/DiagnosticLex.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>

#include "scanner/frontends/clang/diag_collector.h"
#include "scanner/frontends/clang/lower.h"

namespace authshift::frontends::clang_fe {
namespace {

// --- Source ranges ----------------------------------------------------------------------------------

class Lowerer {
 public:
  Lowerer(clang::ASTContext& ctx, std::string_view code, ir::Facts* facts,
          const std::map<std::string, ir::ExprId>* macro_values)
      : sm_(ctx.getSourceManager()), lang_(ctx.getLangOpts()), code_(code), facts_(facts),
        macro_values_(macro_values) {}

  void TranslationUnit(const clang::TranslationUnitDecl* tu) {
    for (const clang::Decl* d : tu->decls()) Decl(d);
  }

 private:
  // --- spans ---
  bool InMain(clang::SourceLocation loc) const {
    return loc.isValid() && sm_.isWrittenInMainFile(sm_.getFileLoc(loc));
  }

  std::optional<ir::Span> FileSpan(clang::CharSourceRange range) const {
    clang::CharSourceRange r = clang::Lexer::makeFileCharRange(range, sm_, lang_);
    if (r.isInvalid()) {
      const clang::CharSourceRange b = sm_.getExpansionRange(range.getBegin());
      const clang::CharSourceRange e = sm_.getExpansionRange(range.getEnd());
      r = clang::Lexer::makeFileCharRange(
          clang::CharSourceRange(clang::SourceRange(b.getBegin(), e.getEnd()), e.isTokenRange()), sm_, lang_);
    }
    if (r.isInvalid()) return std::nullopt;
    const auto [bf, bo] = sm_.getDecomposedLoc(r.getBegin());
    const auto [ef, eo] = sm_.getDecomposedLoc(r.getEnd());
    if (bf != sm_.getMainFileID() || ef != sm_.getMainFileID() || eo < bo || eo > code_.size()) return std::nullopt;
    return ir::Span{bo, eo};
  }
  ir::Span SpanOf(clang::SourceRange range) const {
    return FileSpan(clang::CharSourceRange::getTokenRange(range)).value_or(ir::Span{});
  }
  std::string TextOf(ir::Span s) const { return std::string(code_.substr(s.begin, s.end - s.begin)); }

  ir::ExprId Add(ir::ExprKind kind, ir::Span span, std::string text = {}) {
    return facts_->Add(kind, span, std::move(text), scope_);
  }
  ir::ExprId Other(const clang::Expr* e) {
    const ir::Span s = SpanOf(e->getSourceRange());
    return Add(ir::ExprKind::kOther, s, TextOf(s));
  }

  uint32_t OpenScope() {
    facts_->scope_parent.push_back(scope_);
    const uint32_t previous = scope_;
    scope_ = static_cast<uint32_t>(facts_->scope_parent.size() - 1);
    return previous;
  }

  void Bind(std::string name, ir::ExprId value, std::string op, ir::Span span) {
    if (name.empty()) return;
    ir::Binding b;
    b.name = std::move(name);
    b.value = value;
    b.op = std::move(op);
    b.span = span;
    b.scope = scope_;
    facts_->bindings.push_back(std::move(b));
  }

  // --- declarations ---
  void Decl(const clang::Decl* d) {
    if (d == nullptr || d->isImplicit()) return;
    if (const auto* ns = llvm::dyn_cast<clang::DeclContext>(d);
        ns != nullptr && (llvm::isa<clang::NamespaceDecl>(d) || llvm::isa<clang::LinkageSpecDecl>(d) ||
                          llvm::isa<clang::ExternCContextDecl>(d))) {
      for (const clang::Decl* inner : ns->decls()) Decl(inner);
      return;
    }
    if (!InMain(d->getLocation())) return;
    if (const auto* t = llvm::dyn_cast<clang::FunctionTemplateDecl>(d)) {
      Decl(t->getTemplatedDecl());
      return;
    }
    if (const auto* t = llvm::dyn_cast<clang::ClassTemplateDecl>(d)) {
      Decl(t->getTemplatedDecl());
      return;
    }
    if (const auto* rec = llvm::dyn_cast<clang::CXXRecordDecl>(d)) {
      if (!rec->isThisDeclarationADefinition()) return;
      for (const clang::Decl* inner : rec->decls()) Decl(inner);
      return;
    }
    if (const auto* rec = llvm::dyn_cast<clang::RecordDecl>(d)) {
      for (const clang::Decl* inner : rec->decls()) Decl(inner);
      return;
    }
    if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(d)) {
      if (const clang::Expr* init = field->getInClassInitializer()) {
        Bind(field->getNameAsString(), Lower(init), "=", SpanOf(field->getSourceRange()));
      }
      return;
    }
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
      Var(var);
      return;
    }
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(d)) {
      Function(fn);
      return;
    }
  }

  void Var(const clang::VarDecl* var) {
    if (llvm::isa<clang::ParmVarDecl>(var)) return;
    const clang::Expr* init = var->getInit();
    if (init == nullptr) return;
    const ir::ExprId value = Lower(init);
    Bind(var->getNameAsString(), value, "=", SpanOf(var->getSourceRange()));
  }

  void Function(const clang::FunctionDecl* fn) {
    if (!fn->doesThisDeclarationHaveABody() || fn->getBody() == nullptr) return;
    const uint32_t previous = OpenScope();
    for (const clang::ParmVarDecl* p : fn->parameters()) {
      if (p->getIdentifier() == nullptr) continue;
      if (p->hasDefaultArg() && !p->hasUninstantiatedDefaultArg() && p->getDefaultArg() != nullptr) {
        Bind(p->getNameAsString(), Lower(p->getDefaultArg()), "=", SpanOf(p->getSourceRange()));
      } else {
        Bind(p->getNameAsString(), ir::kNoExpr, "param", SpanOf(p->getSourceRange()));
      }
    }
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn)) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->isWritten() && init->getInit() != nullptr) Lower(init->getInit());
      }
    }
    Stmt(fn->getBody());
    scope_ = previous;
  }

  // --- statements ---
  void Stmt(const clang::Stmt* s) {
    if (s == nullptr) return;
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      Lower(e);
      return;
    }
    if (const auto* ds = llvm::dyn_cast<clang::DeclStmt>(s)) {
      for (const clang::Decl* d : ds->decls()) {
        if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
          Var(var);
        } else if (const auto* rec = llvm::dyn_cast<clang::RecordDecl>(d)) {
          Decl(rec);
        }
      }
      return;
    }
    for (const clang::Stmt* child : s->children()) Stmt(child);
  }

  // --- expressions ---
  static const clang::Expr* Strip(const clang::Expr* e) {
    while (e != nullptr) {
      const clang::Expr* next = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* c = llvm::dyn_cast<clang::CastExpr>(next)) {
        if (llvm::isa<clang::ExplicitCastExpr>(c) && !llvm::isa<clang::CXXFunctionalCastExpr>(c)) {
          next = c->getSubExpr();
        } else if (const auto* f = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(c)) {
          next = f->getSubExpr();
        }
      }
      if (const auto* b = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) next = b->getSubExpr();
      if (const auto* m = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) next = m->getSubExpr();
      if (const auto* cl = llvm::dyn_cast<clang::ExprWithCleanups>(next)) next = cl->getSubExpr();
      if (next == e) return e;
      e = next;
    }
    return e;
  }

  // Classes whose construction from a string is the string itself.
  static bool StringLike(const clang::CXXRecordDecl* rec) {
    if (rec == nullptr) return false;
    static const std::set<std::string> kNames = {
        "basic_string", "basic_string_view", "QString", "QByteArray", "QLatin1String", "QLatin1StringView",
        "QStringView", "QAnyStringView", "QUtf8StringView", "QByteArrayView", "StringHolder"};
    return kNames.count(rec->getNameAsString()) != 0;
  }
  static bool StringLikeType(clang::QualType t) {
    t = t.getNonReferenceType();
    if (const clang::Type* p = t->getPointeeOrArrayElementType(); p != nullptr && p->isAnyCharacterType()) return true;
    return StringLike(t->getAsCXXRecordDecl());
  }

  // The object-like or function-like macro named `name` whose expansion covers `e` exactly.
  bool IsExpansionOf(const clang::Expr* e, llvm::StringRef name) const {
    clang::SourceLocation b = e->getBeginLoc();
    const clang::SourceLocation en = e->getEndLoc();
    if (!b.isMacroID() || !en.isMacroID()) return false;
    for (int guard = 0; guard < 16 && b.isMacroID(); ++guard) {
      if (clang::Lexer::getImmediateMacroName(b, sm_, lang_) == name) {
        const clang::CharSourceRange rb = sm_.getImmediateExpansionRange(b);
        clang::SourceLocation x = en;
        for (int g2 = 0; g2 < 16 && x.isMacroID(); ++g2) {
          if (clang::Lexer::getImmediateMacroName(x, sm_, lang_) == name &&
              sm_.getImmediateExpansionRange(x).getAsRange() == rb.getAsRange()) {
            return true;
          }
          x = sm_.getImmediateMacroCallerLoc(x);
        }
        return false;
      }
      b = sm_.getImmediateMacroCallerLoc(b);
    }
    return false;
  }

  static const clang::StringLiteral* FirstLiteral(const clang::Stmt* s) {
    if (s == nullptr) return nullptr;
    if (const auto* sl = llvm::dyn_cast<clang::StringLiteral>(s)) return sl;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(s)) return FirstLiteral(lambda->getBody());
    if (const auto* ds = llvm::dyn_cast<clang::DeclStmt>(s)) {
      for (const clang::Decl* d : ds->decls()) {
        if (const auto* v = llvm::dyn_cast<clang::VarDecl>(d)) {
          if (const clang::StringLiteral* sl = FirstLiteral(v->getInit())) return sl;
        }
      }
    }
    for (const clang::Stmt* c : s->children()) {
      if (const clang::StringLiteral* sl = FirstLiteral(c)) return sl;
    }
    return nullptr;
  }

  // A piece of a string literal: decoded where it is spelled.
  bool PieceText(clang::SourceLocation loc, std::string* text, std::optional<ir::Span>* spelled_in_main,
                 ir::Span* literal_span) const {
    const clang::SourceLocation spelling = sm_.getSpellingLoc(loc);
    const unsigned length = clang::Lexer::MeasureTokenLength(spelling, sm_, lang_);
    bool invalid = false;
    const char* data = sm_.getCharacterData(spelling, &invalid);
    if (invalid || data == nullptr || length == 0) return false;
    const std::string_view token(data, length);
    size_t ib = 0;
    size_t ie = 0;
    if (!DecodeCString(token, text, &ib, &ie)) return false;
    const auto [file, offset] = sm_.getDecomposedLoc(spelling);
    if (file == sm_.getMainFileID() && offset + length <= code_.size()) {
      *spelled_in_main = ir::Span{offset, static_cast<uint32_t>(offset + length)};
      *literal_span = ir::Span{static_cast<uint32_t>(offset + ib), static_cast<uint32_t>(offset + ie)};
    }
    return true;
  }

  ir::ExprId String(const clang::StringLiteral* sl) {
    std::vector<ir::ExprId> parts;
    std::string last_macro;
    clang::SourceLocation last_expansion;
    for (unsigned i = 0; i < sl->getNumConcatenated(); ++i) {
      const clang::SourceLocation loc = sl->getStrTokenLoc(i);
      if (loc.isInvalid()) continue;
      if (loc.isMacroID() && !sm_.isMacroArgExpansion(loc)) {
        // From a macro body. An object-like #define of strings in this file is a name bound to it.
        const llvm::StringRef macro = clang::Lexer::getImmediateMacroName(loc, sm_, lang_);
        const clang::SourceLocation expansion = sm_.getExpansionLoc(loc);
        if (macro_values_->count(macro.str()) != 0) {
          if (macro.str() == last_macro && expansion == last_expansion) continue;  // same expansion
          last_macro = macro.str();
          last_expansion = expansion;
          const ir::Span s = SpanOf(clang::SourceRange(loc, loc));
          parts.push_back(Add(ir::ExprKind::kName, s, macro.str()));
          continue;
        }
      }
      last_macro.clear();
      std::string text;
      std::optional<ir::Span> spelled;
      ir::Span literal_span;
      if (!PieceText(loc, &text, &spelled, &literal_span)) continue;
      if (!spelled) {
        // Spelled in a header (a macro body there): a hole named after the macro, so that a
        // header's literal is reported once, when the header itself is scanned.
        if (text.empty()) continue;  // u"" of QT_UNICODE_LITERAL and the like
        const ir::Span s = SpanOf(clang::SourceRange(loc, loc));
        const std::string macro = loc.isMacroID() ? clang::Lexer::getImmediateMacroName(loc, sm_, lang_).str() : "";
        parts.push_back(Add(ir::ExprKind::kName, s, macro.empty() ? TextOf(s) : macro));
        continue;
      }
      const ir::ExprId id = Add(ir::ExprKind::kString, *spelled, text);
      facts_->exprs[id].literal_span = literal_span;
      parts.push_back(id);
    }
    if (parts.size() == 1) return parts[0];
    const ir::ExprId c = Add(ir::ExprKind::kConcat, SpanOf(sl->getSourceRange()));
    facts_->exprs[c].children = std::move(parts);
    return c;
  }

  ir::ExprId Concat(const clang::Expr* whole, const clang::Expr* lhs, const clang::Expr* rhs) {
    std::vector<ir::ExprId> parts;
    for (const clang::Expr* side : {lhs, rhs}) {
      const ir::ExprId id = Lower(side);
      if (id != ir::kNoExpr && facts_->exprs[id].kind == ir::ExprKind::kConcat) {
        const std::vector<ir::ExprId> inner = facts_->exprs[id].children;
        parts.insert(parts.end(), inner.begin(), inner.end());
      } else {
        parts.push_back(id);
      }
    }
    const ir::ExprId c = Add(ir::ExprKind::kConcat, SpanOf(whole->getSourceRange()));
    facts_->exprs[c].children = std::move(parts);
    return c;
  }

  // `name op value` where name is a variable: a binding; `m["k"] = v`: an entry.
  void Assign(const clang::Expr* whole, const clang::Expr* lhs, const clang::Expr* rhs, std::string op) {
    lhs = Strip(lhs);
    const ir::ExprId value = Lower(rhs);
    if (std::string name = NameOf(lhs); !name.empty()) {
      Bind(name, value, std::move(op), SpanOf(whole->getSourceRange()));
      return;
    }
    const clang::Expr* object = nullptr;
    const clang::Expr* key = nullptr;
    if (const auto* sub = llvm::dyn_cast<clang::ArraySubscriptExpr>(lhs)) {
      object = sub->getBase();
      key = sub->getIdx();
    } else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(lhs);
               oc != nullptr && oc->getOperator() == clang::OO_Subscript && oc->getNumArgs() == 2) {
      object = oc->getArg(0);
      key = oc->getArg(1);
    }
    if (object != nullptr && op == "=") {
      ir::MapEntry m;
      m.container_name = NameOf(Strip(object));
      m.key = Lower(key);
      m.value = value;
      m.origin = ir::EntryOrigin::kIndexAssign;
      m.span = SpanOf(whole->getSourceRange());
      m.statement = m.span;
      m.scope = scope_;
      if (!m.container_name.empty()) facts_->entries.push_back(m);
      return;
    }
    Lower(lhs);
  }

  static std::string NameOf(const clang::Expr* e) {
    if (e == nullptr) return {};
    e = Strip(e);
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      if (llvm::isa<clang::VarDecl>(ref->getDecl())) return ref->getDecl()->getNameAsString();
      return {};
    }
    if (const auto* mem = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (llvm::isa<clang::CXXThisExpr>(Strip(mem->getBase())) && llvm::isa<clang::FieldDecl>(mem->getMemberDecl())) {
        return mem->getMemberDecl()->getNameAsString();
      }
    }
    return {};
  }

  std::string CalleeText(const clang::CallExpr* call, const clang::Expr** receiver, std::string* method) {
    const clang::Expr* callee = Strip(call->getCallee());
    if (const auto* mem = llvm::dyn_cast<clang::MemberExpr>(callee)) {
      *method = mem->getMemberDecl()->getNameAsString();
      const clang::Expr* base = Strip(mem->getBase());
      if (!mem->isImplicitAccess()) *receiver = mem->getBase();
      std::string object;
      if (llvm::isa<clang::CXXThisExpr>(base)) {
        object = "this";
      } else {
        const ir::Span s = SpanOf(base->getSourceRange());
        object = TextOf(s);
      }
      return object.empty() ? *method : object + "." + *method;
    }
    if (const clang::FunctionDecl* fn = call->getDirectCallee()) {
      *method = fn->getNameAsString();
      std::string text = TextOf(SpanOf(callee->getSourceRange()));
      if (text.rfind("::", 0) == 0) text.erase(0, 2);
      if (text.empty() || text.find_first_of("(<> \t\n") != std::string::npos) text = *method;
      return text;
    }
    std::string text = TextOf(SpanOf(callee->getSourceRange()));
    const size_t cut = text.find_last_of(".:>");
    *method = cut == std::string::npos ? text : text.substr(cut + 1);
    return text;
  }

  // Member functions that only convert their receiver: `s.c_str()`, `q.toUtf8()`.
  static bool Transparent(llvm::StringRef method) {
    static const std::set<std::string> kNames = {"c_str", "data", "toUtf8", "toLatin1", "toLocal8Bit",
                                                 "toStdString", "constData", "toString", "str",
                                                 "toEncoded", "trimmed"};
    return kNames.count(method.str()) != 0;
  }
  static bool TransparentStatic(llvm::StringRef method) {
    static const std::set<std::string> kNames = {"fromUtf8", "fromLatin1", "fromStdString", "fromLocal8Bit",
                                                 "fromRawData", "fromEncoded"};
    return kNames.count(method.str()) != 0;
  }

  ir::ExprId Call(const clang::CallExpr* call) {
    const clang::Expr* receiver = nullptr;
    std::string method;
    std::string callee = CalleeText(call, &receiver, &method);
    std::vector<const clang::Expr*> args;
    for (const clang::Expr* a : call->arguments()) {
      if (llvm::isa<clang::CXXDefaultArgExpr>(a)) continue;
      args.push_back(a);
    }
    if (receiver != nullptr && args.empty() && Transparent(method)) return Lower(receiver);
    if (receiver == nullptr && args.size() == 1 && TransparentStatic(method)) return Lower(args[0]);
    ir::Call c;
    c.callee = std::move(callee);
    c.method = std::move(method);
    if (receiver != nullptr) c.receiver = Lower(receiver);
    for (const clang::Expr* a : args) {
      ir::Arg arg;
      arg.value = Lower(a);
      arg.span = SpanOf(a->getSourceRange());
      c.args.push_back(std::move(arg));
    }
    return AddCall(std::move(c), SpanOf(call->getSourceRange()));
  }

  ir::ExprId AddCall(ir::Call c, ir::Span span) {
    c.span = span;
    const ir::ExprId self = Add(ir::ExprKind::kCall, span);
    c.self = self;
    facts_->exprs[self].call = static_cast<uint32_t>(facts_->calls.size());
    facts_->calls.push_back(std::move(c));
    return self;
  }

  // `{{k, v}, …}` (brace pairs or two-argument constructions with a string key) is a map.
  bool PairOf(const clang::Expr* e, const clang::Expr** key, const clang::Expr** value) const {
    e = Strip(e);
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      if (const clang::InitListExpr* syn = list->getSyntacticForm()) list = syn;
      if (list->getNumInits() != 2) return false;
      *key = list->getInit(0);
      *value = list->getInit(1);
    } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      std::vector<const clang::Expr*> args;
      for (const clang::Expr* a : ctor->arguments()) {
        if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) args.push_back(a);
      }
      if (args.size() != 2) return false;
      *key = args[0];
      *value = args[1];
    } else {
      return false;
    }
    return StringLikeType((*key)->getType()) || llvm::isa<clang::StringLiteral>(Strip(*key));
  }

  ir::ExprId List(const clang::Expr* whole, const std::vector<const clang::Expr*>& items) {
    bool pairs = !items.empty();
    for (const clang::Expr* item : items) {
      const clang::Expr* k = nullptr;
      const clang::Expr* v = nullptr;
      if (!PairOf(item, &k, &v)) pairs = false;
    }
    if (!pairs) {
      std::vector<ir::ExprId> ids;
      ids.reserve(items.size());
      for (const clang::Expr* item : items) ids.push_back(Lower(item));
      const ir::ExprId l = Add(ir::ExprKind::kList, SpanOf(whole->getSourceRange()));
      facts_->exprs[l].children = std::move(ids);
      return l;
    }
    const ir::ExprId map = Add(ir::ExprKind::kMap, SpanOf(whole->getSourceRange()));
    for (const clang::Expr* item : items) {
      const clang::Expr* k = nullptr;
      const clang::Expr* v = nullptr;
      PairOf(item, &k, &v);
      ir::MapEntry m;
      m.key = Lower(k);
      m.value = Lower(v);
      m.container = map;
      m.origin = ir::EntryOrigin::kLiteral;
      m.span = SpanOf(item->getSourceRange());
      m.scope = scope_;
      facts_->entries.push_back(m);
    }
    return map;
  }

  static std::vector<const clang::Expr*> InitItems(const clang::InitListExpr* list) {
    if (const clang::InitListExpr* syn = list->getSyntacticForm()) list = syn;
    std::vector<const clang::Expr*> items;
    for (unsigned i = 0; i < list->getNumInits(); ++i) items.push_back(list->getInit(i));
    return items;
  }

  ir::ExprId Construct(const clang::CXXConstructExpr* ctor) {
    std::vector<const clang::Expr*> args;
    for (const clang::Expr* a : ctor->arguments()) {
      if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) args.push_back(a);
    }
    const clang::CXXRecordDecl* rec = ctor->getConstructor() != nullptr ? ctor->getConstructor()->getParent() : nullptr;
    if (StringLike(rec) && !args.empty()) {
      const ir::ExprId first = Lower(args[0]);
      for (size_t i = 1; i < args.size(); ++i) Lower(args[i]);
      return first;
    }
    if (args.size() == 1 && rec != nullptr && ctor->getConstructor()->isCopyOrMoveConstructor()) return Lower(args[0]);
    ir::Call c;
    c.callee = rec != nullptr ? rec->getQualifiedNameAsString() : std::string();
    const size_t cut = c.callee.rfind("::");
    c.method = cut == std::string::npos ? c.callee : c.callee.substr(cut + 2);
    // `T{{k, v}, …}`: one std::initializer_list argument holding the pairs.
    for (const clang::Expr* a : args) {
      const clang::Expr* s = Strip(a);
      if (const auto* il = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(s)) s = Strip(il->getSubExpr());
      ir::Arg arg;
      if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(s)) {
        arg.value = List(list, InitItems(list));
      } else {
        arg.value = Lower(a);
      }
      arg.span = SpanOf(a->getSourceRange());
      c.args.push_back(std::move(arg));
    }
    return AddCall(std::move(c), SpanOf(ctor->getSourceRange()));
  }

  // `QStringLiteral("…")`, `std::string("…")`, `QString{"…"}`: the string's span is the whole
  // macro call or conversion (its literal_span stays the characters between the quotes), so an
  // edit of the operand (`std::string("…") + t` losing `+ t`, a literal replaced by a lookup)
  // covers the call and its closing parenthesis.
  ir::ExprId Widen(ir::ExprId id, const clang::Expr* e) {
    if (id == ir::kNoExpr) return id;
    ir::Expr& x = facts_->exprs[id];
    if (x.kind != ir::ExprKind::kString && x.kind != ir::ExprKind::kConcat) return id;
    const ir::Span whole = SpanOf(e->getSourceRange());
    if (whole.empty() || whole.begin > x.span.begin || whole.end < x.span.end) return id;
    x.span = whole;
    return id;
  }

  // The explicit conversion `std::string(…)` / `QString{…}` (a functional cast or a temporary
  // object of a string-like class, one argument) that `e` is, looking through implicit nodes and
  // parentheses; nullptr otherwise. Returns its argument in `*arg`.
  const clang::Expr* StringConversion(const clang::Expr* e, const clang::Expr** arg) const {
    for (int guard = 0; guard < 16 && e != nullptr; ++guard) {
      const clang::Expr* next = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* b = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) next = b->getSubExpr();
      if (const auto* m = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) next = m->getSubExpr();
      if (const auto* cl = llvm::dyn_cast<clang::ExprWithCleanups>(next)) next = cl->getSubExpr();
      if (const auto* f = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(next)) {
        if (!StringLikeType(f->getType()) || f->getType()->isPointerType()) return nullptr;
        *arg = f->getSubExpr();
        return f;
      }
      if (const auto* t = llvm::dyn_cast<clang::CXXTemporaryObjectExpr>(next)) {
        if (t->getNumArgs() != 1 || !StringLike(t->getType()->getAsCXXRecordDecl())) return nullptr;
        *arg = t->getArg(0);
        return t;
      }
      if (next == e) return nullptr;
      e = next;
    }
    return nullptr;
  }

 public:
  ir::ExprId Lower(const clang::Expr* e) {
    if (e == nullptr) return ir::kNoExpr;
    if (IsExpansionOf(e, "QStringLiteral") || IsExpansionOf(e, "QByteArrayLiteral")) {
      if (const clang::StringLiteral* sl = FirstLiteral(e)) return Widen(String(sl), e);
    }
    const clang::Expr* converted = nullptr;
    if (const clang::Expr* conv = StringConversion(e, &converted); conv != nullptr && !IsExpansionOf(conv, "QStringLiteral"))
      return Widen(Lower(converted), conv);
    e = Strip(e);
    if (IsExpansionOf(e, "QStringLiteral") || IsExpansionOf(e, "QByteArrayLiteral")) {
      if (const clang::StringLiteral* sl = FirstLiteral(e)) return Widen(String(sl), e);
    }
    if (const auto* sl = llvm::dyn_cast<clang::StringLiteral>(e)) return String(sl);
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const clang::ValueDecl* d = ref->getDecl();
      if (llvm::isa<clang::VarDecl>(d) || llvm::isa<clang::EnumConstantDecl>(d)) {
        return Add(ir::ExprKind::kName, SpanOf(e->getSourceRange()), d->getNameAsString());
      }
      return Other(e);
    }
    if (const auto* mem = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (std::string name = NameOf(e); !name.empty()) return Add(ir::ExprKind::kName, SpanOf(e->getSourceRange()), name);
      const ir::ExprId id = Other(e);
      Lower(mem->getBase());
      return id;
    }
    if (llvm::isa<clang::IntegerLiteral>(e) || llvm::isa<clang::FloatingLiteral>(e) ||
        llvm::isa<clang::CharacterLiteral>(e)) {
      const ir::Span s = SpanOf(e->getSourceRange());
      return Add(ir::ExprKind::kNumber, s, TextOf(s));
    }
    if (llvm::isa<clang::CXXBoolLiteralExpr>(e)) {
      const ir::Span s = SpanOf(e->getSourceRange());
      return Add(ir::ExprKind::kBool, s, TextOf(s));
    }
    if (llvm::isa<clang::CXXNullPtrLiteralExpr>(e) || llvm::isa<clang::GNUNullExpr>(e)) {
      return Add(ir::ExprKind::kNull, SpanOf(e->getSourceRange()));
    }
    if (const auto* bin = llvm::dyn_cast<clang::BinaryOperator>(e)) {
      if (bin->isAssignmentOp()) {
        const std::string op = bin->getOpcode() == clang::BO_AddAssign ? "+=" : bin->getOpcodeStr().str();
        Assign(e, bin->getLHS(), bin->getRHS(), op);
        return Other(e);
      }
      const ir::ExprId id = Other(e);
      Lower(bin->getLHS());
      Lower(bin->getRHS());
      return id;
    }
    if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      const clang::OverloadedOperatorKind op = oc->getOperator();
      if (op == clang::OO_Plus && oc->getNumArgs() == 2) return Concat(e, oc->getArg(0), oc->getArg(1));
      if ((op == clang::OO_Equal || op == clang::OO_PlusEqual) && oc->getNumArgs() == 2) {
        Assign(e, oc->getArg(0), oc->getArg(1), op == clang::OO_Equal ? "=" : "+=");
        return Other(e);
      }
      const ir::ExprId id = Other(e);
      for (const clang::Expr* a : oc->arguments()) Lower(a);
      return id;
    }
    if (const auto* mc = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // `s.append(x)` on a string variable appends like +=.
      const clang::CXXMethodDecl* m = mc->getMethodDecl();
      if (m != nullptr && (m->getNameAsString() == "append" || m->getNameAsString() == "push_back") &&
          mc->getNumArgs() == 1 && StringLike(m->getParent())) {
        if (std::string name = NameOf(mc->getImplicitObjectArgument()); !name.empty()) {
          Bind(name, Lower(mc->getArg(0)), "+=", SpanOf(e->getSourceRange()));
          return Other(e);
        }
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return Call(call);
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(e)) return Construct(ctor);
    if (const auto* il = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(e)) return Lower(il->getSubExpr());
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      std::vector<const clang::Expr*> items = InitItems(list);
      if (items.size() == 1 && !list->getType()->isArrayType()) return Lower(items[0]);
      return List(e, items);
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(e)) {
      const ir::ExprId id = Other(e);
      const uint32_t previous = OpenScope();
      Stmt(lambda->getBody());
      scope_ = previous;
      return id;
    }
    if (const auto* se = llvm::dyn_cast<clang::StmtExpr>(e)) {
      const ir::ExprId id = Other(e);
      Stmt(se->getSubStmt());
      return id;
    }
    if (const auto* ce = llvm::dyn_cast<clang::CompoundLiteralExpr>(e)) return Lower(ce->getInitializer());
    const ir::ExprId id = Other(e);
    for (const clang::Stmt* child : e->children()) Stmt(child);
    return id;
  }

 private:
  const clang::SourceManager& sm_;
  const clang::LangOptions& lang_;
  std::string_view code_;
  ir::Facts* facts_;
  const std::map<std::string, ir::ExprId>* macro_values_;
  uint32_t scope_ = 0;
};

// `#define NAME "…" ["…" | OTHER]…` in the main file: a binding of NAME (object-like macros whose
// body is string literals and names, at least one literal).
class MacroBindings : public clang::PPCallbacks {
 public:
  MacroBindings(const clang::SourceManager& sm, const clang::LangOptions& lang, std::string_view code,
                ir::Facts* facts, std::map<std::string, ir::ExprId>* values)
      : sm_(sm), lang_(lang), code_(code), facts_(facts), values_(values) {}

  void MacroDefined(const clang::Token& name, const clang::MacroDirective* md) override {
    const clang::MacroInfo* mi = md != nullptr ? md->getMacroInfo() : nullptr;
    if (mi == nullptr || mi->isFunctionLike() || mi->getNumTokens() == 0) return;
    const clang::SourceLocation loc = name.getLocation();
    if (!loc.isFileID() || sm_.getFileID(loc) != sm_.getMainFileID()) return;
    std::vector<ir::ExprId> parts;
    bool any_literal = false;
    for (const clang::Token& t : mi->tokens()) {
      const auto [file, offset] = sm_.getDecomposedLoc(t.getLocation());
      if (file != sm_.getMainFileID() || offset + t.getLength() > code_.size()) return;
      const std::string_view text = code_.substr(offset, t.getLength());
      ir::Expr e;
      e.span = {offset, static_cast<uint32_t>(offset + t.getLength())};
      if (clang::tok::isStringLiteral(t.getKind())) {
        size_t ib = 0;
        size_t ie = 0;
        if (!DecodeCString(text, &e.text, &ib, &ie)) return;
        e.kind = ir::ExprKind::kString;
        e.literal_span = {static_cast<uint32_t>(offset + ib), static_cast<uint32_t>(offset + ie)};
        any_literal = true;
      } else if (t.is(clang::tok::identifier)) {
        e.kind = ir::ExprKind::kName;
        e.text = std::string(text);
      } else {
        return;
      }
      parts.push_back(facts_->Add(std::move(e)));
    }
    if (!any_literal) return;
    ir::ExprId value = parts[0];
    const uint32_t end = facts_->exprs[parts.back()].span.end;
    if (parts.size() > 1) {
      ir::Expr c;
      c.kind = ir::ExprKind::kConcat;
      c.span = {facts_->exprs[parts[0]].span.begin, end};
      c.children = parts;
      value = facts_->Add(std::move(c));
    }
    ir::Binding b;
    b.name = name.getIdentifierInfo()->getName().str();
    b.value = value;
    b.span = {sm_.getFileOffset(loc), end};
    facts_->bindings.push_back(b);
    (*values_)[b.name] = value;
    (void)lang_;
  }

 private:
  const clang::SourceManager& sm_;
  const clang::LangOptions& lang_;
  std::string_view code_;
  ir::Facts* facts_;
  std::map<std::string, ir::ExprId>* values_;
};

// Counts missing-header errors besides collecting the first error.
class LowerDiags : public DiagCollector {
 public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    DiagCollector::HandleDiagnostic(level, info);
    if (level >= clang::DiagnosticsEngine::Error) {
      ++errors_;
      if (info.getID() == clang::diag::err_pp_file_not_found) missing_header_ = true;
    }
  }
  size_t errors() const { return errors_; }
  bool missing_header() const { return missing_header_; }

 private:
  size_t errors_ = 0;
  bool missing_header_ = false;
};

class LowerConsumer : public clang::ASTConsumer {
 public:
  LowerConsumer(std::string_view code, ir::Facts* facts, const std::map<std::string, ir::ExprId>* macros, bool* ran,
                bool* failed)
      : code_(code), facts_(facts), macros_(macros), ran_(ran), failed_(failed) {}
  void HandleTranslationUnit(clang::ASTContext& context) override {
    *ran_ = true;
    try {
      Lowerer lowerer(context, code_, facts_, macros_);
      lowerer.TranslationUnit(context.getTranslationUnitDecl());
    } catch (...) {
      *failed_ = true;  // never unwind through Clang
    }
  }

 private:
  std::string_view code_;
  ir::Facts* facts_;
  const std::map<std::string, ir::ExprId>* macros_;
  bool* ran_;
  bool* failed_;
};

class LowerAction : public clang::ASTFrontendAction {
 public:
  LowerAction(std::string_view code, ir::Facts* facts, LowerDiags* diags, bool* ran, bool* failed)
      : code_(code), facts_(facts), diags_(diags), ran_(ran), failed_(failed) {}

  bool BeginInvocation(clang::CompilerInstance& ci) override {
    ci.getDiagnostics().setClient(diags_, /*ShouldOwnClient=*/false);
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnosticOpts().ShowCarets = false;
    return true;
  }
  bool BeginSourceFileAction(clang::CompilerInstance& ci) override {
    ci.getPreprocessor().addPPCallbacks(std::make_unique<MacroBindings>(
        ci.getSourceManager(), ci.getLangOpts(), code_, facts_, &macros_));
    return true;
  }
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& /*ci*/,
                                                        llvm::StringRef /*file*/) override {
    return std::make_unique<LowerConsumer>(code_, facts_, &macros_, ran_, failed_);
  }

 private:
  std::string_view code_;
  ir::Facts* facts_;
  LowerDiags* diags_;
  bool* ran_;
  bool* failed_;
  std::map<std::string, ir::ExprId> macros_;
};

}  // namespace

ClangOutcome LowerWithClang(std::string_view code, std::string_view path, const std::vector<std::string>& flags,
                            ir::Facts* out) {
  ClangOutcome outcome;
  if (out->scope_parent.empty()) out->scope_parent.push_back(0);
  LowerDiags diags;
  bool ran = false;
  bool failed = false;
  const std::string name = path.empty() ? std::string("input.cc") : std::string(path);
  (void)clang::tooling::runToolOnCodeWithArgs(std::make_unique<LowerAction>(code, out, &diags, &ran, &failed),
                                              llvm::StringRef(code.data(), code.size()), flags, name);
  if (failed) throw std::bad_alloc();
  outcome.ran = ran;
  outcome.errors = diags.errors();
  outcome.missing_header = diags.missing_header();
  outcome.first_error = diags.first_error();
  return outcome;
}

}  // namespace authshift::frontends::clang_fe
