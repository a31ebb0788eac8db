// FindStringLiterals (string_literals.h): Clang's AST string literals of one file, with AST matchers.
// The lowering to IR facts is lower.cc; this is the small, independent literal finder.
#include "scanner/frontends/clang/string_literals.h"

#include "scanner/frontends/clang/diag_collector.h"

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <utility>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/ASTMatchers/ASTMatchers.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>

#ifndef AUTHSHIFT_CLANG_RESOURCE_DIR
#error "AUTHSHIFT_CLANG_RESOURCE_DIR must be defined (cmake/Dependencies.cmake, target authshift_llvm)"
#endif

namespace authshift::frontends::clang_fe {
namespace {

namespace am = clang::ast_matchers;

constexpr char kLiteralId[] = "lit";

// Turns matched StringLiteral nodes into hits located in the main file.
class LiteralCollector : public am::MatchFinder::MatchCallback {
 public:
  LiteralCollector(std::string_view code, std::vector<StringLiteralHit>* out)
      : code_(code), out_(out) {}

  void run(const am::MatchFinder::MatchResult& result) override {
    const auto* literal = result.Nodes.getNodeAs<clang::StringLiteral>(kLiteralId);
    if (literal == nullptr || result.SourceManager == nullptr || result.Context == nullptr) return;
    const clang::SourceManager& sm = *result.SourceManager;
    const clang::LangOptions& lang = result.Context->getLangOpts();
    try {
      Collect(*literal, sm, lang);
    } catch (...) {
      // Never unwind through Clang (built without exceptions); report after the run.
      failed_ = true;
    }
  }

  bool failed() const { return failed_; }

 private:
  // True when `loc` (a token of the literal) is written where it is used: directly in the file
  // or in a macro argument, not in a macro body or made by the preprocessor.
  static bool WrittenInPlace(clang::SourceLocation loc, const clang::SourceManager& sm) {
    return sm.getFileLoc(loc) == sm.getSpellingLoc(loc);
  }

  void Collect(const clang::StringLiteral& literal, const clang::SourceManager& sm,
               const clang::LangOptions& lang) {
    const unsigned pieces = literal.getNumConcatenated();
    if (pieces == 0) return;
    bool in_place = true;
    for (unsigned i = 0; i < pieces && in_place; ++i) {
      const clang::SourceLocation loc = literal.getStrTokenLoc(i);
      in_place = loc.isValid() && WrittenInPlace(loc, sm) &&
                 sm.isWrittenInMainFile(sm.getSpellingLoc(loc));
    }
    if (in_place) {
      // One hit from the first piece to the end of the last one.
      AddRange(sm.getSpellingLoc(literal.getStrTokenLoc(0)),
               sm.getSpellingLoc(literal.getStrTokenLoc(pieces - 1)), sm, lang);
      return;
    }
    // Some piece comes from a macro body: report each piece where it is spelled.
    for (unsigned i = 0; i < pieces; ++i) {
      const clang::SourceLocation loc = literal.getStrTokenLoc(i);
      if (loc.isInvalid()) continue;
      const clang::SourceLocation spelling = sm.getSpellingLoc(loc);
      AddRange(spelling, spelling, sm, lang);
    }
  }

  // Adds the text from the start of token `first` to the end of token `last` (file locations).
  void AddRange(clang::SourceLocation first, clang::SourceLocation last,
                const clang::SourceManager& sm, const clang::LangOptions& lang) {
    if (first.isInvalid() || last.isInvalid() || !first.isFileID() || !last.isFileID()) return;
    const clang::FileID main = sm.getMainFileID();
    const auto [first_file, begin] = sm.getDecomposedLoc(first);
    const auto [last_file, last_begin] = sm.getDecomposedLoc(last);
    if (first_file != main || last_file != main || last_begin < begin) return;  // e.g. scratch space
    const unsigned last_length = clang::Lexer::MeasureTokenLength(last, sm, lang);
    const size_t end = size_t{last_begin} + last_length;
    if (last_length == 0 || end > code_.size()) return;
    bool invalid = false;
    const unsigned line = sm.getLineNumber(main, begin, &invalid);
    if (invalid) return;
    const unsigned column = sm.getColumnNumber(main, begin, &invalid);
    if (invalid) return;
    out_->push_back(StringLiteralHit{std::string(code_.substr(begin, end - begin)), line, column,
                                     size_t{begin}});
  }

  std::string_view code_;
  std::vector<StringLiteralHit>* out_;
  bool failed_ = false;
};

// Runs the matchers when the translation unit is complete, and records that it was.
class Consumer : public clang::ASTConsumer {
 public:
  Consumer(am::MatchFinder* finder, bool* ran) : finder_(finder), ran_(ran) {}
  void HandleTranslationUnit(clang::ASTContext& context) override {
    *ran_ = true;
    finder_->matchAST(context);
  }

 private:
  am::MatchFinder* finder_;
  bool* ran_;
};

class Action : public clang::ASTFrontendAction {
 public:
  Action(am::MatchFinder* finder, DiagCollector* diags, bool* ran)
      : finder_(finder), diags_(diags), ran_(ran) {}

  bool BeginInvocation(clang::CompilerInstance& ci) override {
    // Nothing reaches stderr: diagnostics go to the collector.
    ci.getDiagnostics().setClient(diags_, /*ShouldOwnClient=*/false);
    // A missing header is a fatal error that stops parsing; keep going so that the code after
    // it is still seen.
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnosticOpts().ShowCarets = false;  // CompilerInstance prints the count only with carets
    return true;
  }

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& /*ci*/,
                                                        llvm::StringRef /*file*/) override {
    return std::make_unique<Consumer>(finder_, ran_);
  }

 private:
  am::MatchFinder* finder_;
  DiagCollector* diags_;
  bool* ran_;
};

bool IsCFile(std::string_view file_name) {
  return file_name.size() >= 2 && file_name.substr(file_name.size() - 2) == ".c";
}

}  // namespace

bool FindStringLiterals(std::string_view code, std::string_view file_name,
                        std::vector<StringLiteralHit>* out, std::string* err) {
  out->clear();
  if (err != nullptr) err->clear();

  LiteralCollector collector(code, out);
  am::MatchFinder finder;
  finder.addMatcher(
      am::traverse(clang::TK_IgnoreUnlessSpelledInSource, am::stringLiteral().bind(kLiteralId)),
      &collector);
  DiagCollector diags;
  bool ran = false;

  const std::vector<std::string> args = {
      std::string("-resource-dir=") + AUTHSHIFT_CLANG_RESOURCE_DIR,
      "-fsyntax-only",
      IsCFile(file_name) ? "-xc" : "-xc++",
      "-w",                       // warnings are of no use here
      "-fno-caret-diagnostics",   // no "N errors generated." summary on stderr
      "-ferror-limit=0",          // "too many errors" would stop parsing
  };
  const std::string name = file_name.empty() ? std::string("input.cc") : std::string(file_name);
  // The return value is false whenever the code has a compile error: what matters is whether the
  // translation unit was built.
  (void)clang::tooling::runToolOnCodeWithArgs(
      std::make_unique<Action>(&finder, &diags, &ran),
      llvm::StringRef(code.data(), code.size()), args, name);

  if (collector.failed()) throw std::bad_alloc();
  if (!ran) {
    out->clear();
    if (err != nullptr) {
      *err = diags.first_error().empty() ? "clang produced no AST for " + name
                                         : diags.first_error();
    }
    return false;
  }

  std::stable_sort(out->begin(), out->end(),
                   [](const StringLiteralHit& a, const StringLiteralHit& b) {
                     if (a.offset != b.offset) return a.offset < b.offset;
                     return a.text.size() > b.text.size();  // longest first at one offset
                   });
  out->erase(std::unique(out->begin(), out->end(),
                         [](const StringLiteralHit& a, const StringLiteralHit& b) {
                           return a.offset == b.offset;
                         }),
             out->end());
  if (err != nullptr) *err = diags.first_error();
  return true;
}

}  // namespace authshift::frontends::clang_fe
