#pragma once
// Clang diagnostics collected instead of printed: shared by the two LibTooling entry points
// (string_literals.cc, lower.cc). Includes Clang headers: include it only from those files.
#include <string>

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/SmallString.h>

namespace authshift::frontends::clang_fe {

// Collects diagnostics instead of printing them; remembers the first error as "line:col: message".
class DiagCollector : public clang::DiagnosticConsumer {
 public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);  // keeps the error/warning counts
    if (level < clang::DiagnosticsEngine::Error || !first_error_.empty()) return;
    llvm::SmallString<128> message;
    info.FormatDiagnostic(message);
    std::string where;
    if (info.getLocation().isValid() && info.hasSourceManager()) {
      const clang::SourceManager& sm = info.getSourceManager();
      const clang::SourceLocation loc = sm.getFileLoc(info.getLocation());
      const clang::PresumedLoc presumed = sm.getPresumedLoc(loc);
      if (presumed.isValid()) {
        if (!sm.isInMainFile(loc)) where = std::string(presumed.getFilename()) + ":";
        where += std::to_string(presumed.getLine()) + ":" + std::to_string(presumed.getColumn()) +
                 ": ";
      }
    }
    first_error_ = where + std::string(message.str());
  }

  const std::string& first_error() const { return first_error_; }

 private:
  std::string first_error_;
};

}  // namespace authshift::frontends::clang_fe
