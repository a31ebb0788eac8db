#include "scanner/core/budget.h"

#include <time.h>

#include <limits>

namespace authshift::core {
namespace {

constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();

thread_local int64_t t_limit_ns = kNoLimit;  // the thread's CPU clock value the budget ends at
thread_local uint32_t t_calls = 0;

}  // namespace

int64_t ThreadCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

BudgetScope::BudgetScope(std::chrono::nanoseconds budget) : previous_limit_(t_limit_ns) {
  if (budget == std::chrono::nanoseconds::max()) {
    t_limit_ns = kNoLimit;
    return;
  }
  int64_t now = ThreadCpuNanos();
  int64_t ns = budget.count();
  t_limit_ns = ns > kNoLimit - now ? kNoLimit - 1 : now + ns;
}

BudgetScope::~BudgetScope() { t_limit_ns = previous_limit_; }

bool HasBudget() { return t_limit_ns != kNoLimit; }

bool BudgetSpent() { return t_limit_ns != kNoLimit && ThreadCpuNanos() >= t_limit_ns; }

void CheckBudget() {
  if (t_limit_ns == kNoLimit || (++t_calls & 0xFF) != 0) return;
  if (ThreadCpuNanos() >= t_limit_ns) throw BudgetExceeded();
}

}  // namespace authshift::core
