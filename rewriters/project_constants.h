#pragma once
// The string constants of the project's other files, for the fixes of one file: a Java
// `Constants.HTTP_POST_PARAM_SCOPE` key is "scope" only in Constants.java. Built once, on first use,
// from the files under the scan's paths (the same walk as the scan); shared by the scan's workers.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/core/walk.h"

namespace authshift::rewriters {

// One constant: its literal value and where it is declared.
struct ProjectConstant {
  std::string value;
  std::string path;  // as the scan reports it (relative to the scan root)
  uint32_t line = 0;
  std::string package;  // the file's Java package ("" when it declares none)
};

// A file of the scan that names the Authtoken (any case): its path and bytes.
struct ProjectFile {
  std::string path;  // as the scan reports it (relative to the scan root)
  std::string text;
};

class ProjectConstants {
 public:
  ProjectConstants(std::vector<std::string> paths, const core::WalkOptions& walk)
      : paths_(std::move(paths)), walk_(walk) {}

  // `Cls.NAME`: a `static final String NAME = "…";` of the Java file Cls.java that declares one type,
  // Cls, in one of `packages` (where the reading file's own package and imports let `Cls` live). None
  // when no such file declares it, or when two of them give it different values. Thread-safe.
  std::optional<ProjectConstant> Java(std::string_view cls, std::string_view name,
                                      const std::vector<std::string>& packages) const;

  // The scan's files whose bytes contain "authtoken" (any case), in walk order, read once on first
  // use: what a fix that edits several files (rewriters/linked_fix.h) reads. Thread-safe.
  const std::vector<ProjectFile>& AuthtokenFiles() const;
  // The scan's files whose path ends with `suffix` (".go"), in walk order. Thread-safe.
  std::vector<core::WalkedFile> FilesEndingWith(std::string_view suffix) const;
  // Their texts, read once per suffix and kept for the run (so a check made for many files of the
  // same kind reads the others once); nullptr when one cannot be read or is over 2 MiB, or when the
  // texts kept would pass 64 MiB. Thread-safe.
  const std::vector<ProjectFile>* TextsEndingWith(const std::string& suffix) const;

  // The constants of one Java file's text, appended to `out` under "Cls.NAME" (a test seam).
  static void ReadJava(std::string_view path, std::string_view text,
                       std::map<std::string, std::vector<ProjectConstant>>* out);

 private:
  void Build() const;
  std::vector<std::string> paths_;
  core::WalkOptions walk_;
  mutable std::once_flag once_;
  mutable std::map<std::string, std::vector<ProjectConstant>> java_;  // "Cls.NAME" -> declarations
  mutable std::vector<core::WalkedFile> walked_;  // every file the walk gave
  mutable std::once_flag files_once_;
  mutable std::vector<ProjectFile> files_;  // those holding "authtoken"
  mutable std::mutex texts_mu_;
  mutable std::map<std::string, std::optional<std::vector<ProjectFile>>> texts_;  // suffix -> texts
  mutable size_t texts_bytes_ = 0;
};

}  // namespace authshift::rewriters
