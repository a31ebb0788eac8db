#pragma once
// Fixes that edit more than one file of a run (docs/architecture.md, the rewriters/ row): a
// rewriter working on one file may return, for one finding, the edits of every file the fix needs
// (its own file included), computed on the bytes it read through FixOptions::project. They are held
// back from the file's own fix, collected here from the scan's workers, and made after the scan,
// with what the single-file path guarantees:
//  - each file's edits — its own fix's and those of every linked fix that touches it — are resolved
//    in one EditSet (overlaps withhold), applied to its original bytes, and the new text parsed: its
//    syntax error count may not grow;
//  - linked fixes that share a file are one unit: all of them are made, or none (a failure withholds
//    them all with the reason, and every file keeps its single-file result);
//  - a file whose bytes are not those the edits were computed on is not edited;
//  - the finding's outcome names the other files and lines.
// Not with `fix --staged` (the other files' index content is not what the project reader read):
// FixOptions::linked is then null and such fixes are withheld.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/edit.h"
#include "scanner/core/finding.h"
#include "scanner/engine/scan.h"

namespace authshift::rewriters {

// A fingerprint of the bytes a file's edits were computed on (FNV-1a 64).
uint64_t BytesHash(std::string_view bytes);

// The edits one fix makes to one file.
struct FileEdits {
  std::string path;  // as the scan reports it (relative to the scan root)
  size_t size = 0;   // of the bytes the edits were computed on
  uint64_t hash = 0;  // BytesHash of those bytes
  std::vector<Edit> edits;
};

// One finding's fix across files.
struct LinkedFix {
  size_t finding = 0;  // rewriter side: index into the findings handed to it
  std::string path;    // the finding (set by FixFileWith)
  size_t byte_start = 0;
  std::string rule_id;
  std::string detail;  // the outcome's detail when the fix is made
  std::vector<FileEdits> files;  // every file the fix edits, the finding's own included
};

// The linked fixes of one run and the single-file edits of its fixed files. Add/AddOwn are
// thread-safe (called from the scan's workers); Apply runs once, after the scan.
class LinkedFixes {
 public:
  // Holds `fix` for Apply; the finding is withheld until then (a run that never applies says why).
  void Add(LinkedFix fix, core::Finding* finding);
  // The resolved edits of a file's own fix (what its FileChange applies).
  void AddOwn(const std::string& path, std::vector<Edit> edits);
  // Makes the held fixes on `result` (its changes and its findings' outcomes); reads the files that
  // have no change yet under result->root.
  void Apply(engine::ScanResult* result);

 private:
  struct Unit;
  bool MakeUnit(const std::vector<const LinkedFix*>& fixes, engine::ScanResult* result, std::string* why) const;
  std::mutex mu_;
  std::map<std::string, std::vector<Edit>> own_;
  std::vector<LinkedFix> fixes_;
};

}  // namespace authshift::rewriters
