#pragma once
// `--profile`: where a scan's CPU time goes, per stage and per language (docs/performance.md).
// Off by default, and then a timer costs one relaxed load. When on, each StageTimer adds the CPU
// time of its thread spent in its scope to its stage; timers nest, and a nested one's time is its
// own stage's, not its parent's (exclusive times), so the stages add up to the process's CPU time
// spent under timers. Thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

enum class Stage : uint8_t {
  kRules,      // loading and checking the rule set (start-up)
  kWalk,       // listing the files
  kRead,       // reading them
  kPrefilter,  // binary check and keyword prefilter
  kText,       // text rules and the file's Zoho context
  kQueries,    // compiling a language's tree-sitter queries (once per language and run)
  kParse,      // parsing and lowering into facts, per language
  kMatch,      // IR rules on the facts
  kFix,        // the fixes (fix, --format diff)
  kReport,     // writing the report
  kCount,
};

// Turns profiling on (or off) for the run that starts, with every total at zero. Called once per
// command, before its work starts (a program that runs several commands, like the test suite, gets
// each command's own figures).
void StartProfile(bool on);
bool ProfileEnabled();

// The thread CPU time spent while it lives is added to `stage` (and, for kParse and kQueries, to
// `language`'s line); while a nested timer lives, this one is paused.
class StageTimer {
 public:
  explicit StageTimer(Stage stage, std::string_view language = {});
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  void Add(int64_t now);
  bool on_ = false;
  Stage stage_ = Stage::kCount;
  std::string_view language_;
  int64_t started_ = 0;
  StageTimer* parent_ = nullptr;
};

struct ProfileLine {
  std::string name;        // "parse", "parse php", …
  double cpu_ms = 0;
  uint64_t count = 0;      // scopes timed
};

// The stages (in Stage order, then one line per language under parse and queries) that have time.
std::vector<ProfileLine> ProfileLines();

}  // namespace authshift::core
