#pragma once
// The per-file budget of a scan's structural stage (parse, lowering, IR rules): once it is spent
// the file is reported by its text rules only (skip reason `budget-exceeded`), so no input can
// hang a scan. The budget is the scanning thread's CPU time, not wall time: a loaded machine
// (other jobs on the cores) does not change which files exceed it, so results stay deterministic.
// It is thread-local: each scan worker handles one file at a time, and the frontends it calls
// check it without any parameter threading through them.
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace authshift::core {

// Thrown by CheckBudget and by the frontends when the calling thread's budget is spent.
class BudgetExceeded : public std::runtime_error {
 public:
  BudgetExceeded() : std::runtime_error("the file's time budget is spent") {}
};

// Gives the calling thread `budget` of CPU time from now, for the scope's lifetime (restoring the
// previous budget after). A negative or zero budget is spent at once.
class BudgetScope {
 public:
  explicit BudgetScope(std::chrono::nanoseconds budget);
  ~BudgetScope();
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;

 private:
  int64_t previous_limit_;
};

// The calling thread's CPU clock, in nanoseconds.
int64_t ThreadCpuNanos();

// True when the calling thread runs under a BudgetScope (i.e. inside a scan's structural stage).
bool HasBudget();

// True when the calling thread has a budget and has spent it (reads the thread's CPU clock).
bool BudgetSpent();

// Throws BudgetExceeded when BudgetSpent(). Cheap enough for loops: the clock is read on every
// 256th call only.
void CheckBudget();

}  // namespace authshift::core
