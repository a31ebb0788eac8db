#include "scanner/core/profile.h"

#include <array>
#include <atomic>
#include <map>
#include <mutex>

#include "scanner/core/budget.h"

namespace authshift::core {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Stage::kCount)> kNames = {
    "rules", "walk", "read", "prefilter", "text", "queries", "parse", "match", "fix", "report"};

std::atomic<bool> g_enabled{false};

struct Totals {
  std::atomic<int64_t> ns{0};
  std::atomic<uint64_t> count{0};
};
std::array<Totals, static_cast<size_t>(Stage::kCount)> g_stages;

// Per (stage, language): few lines, written once per timed scope, so one mutex is enough.
std::mutex g_mu;
std::map<std::pair<Stage, std::string>, std::pair<int64_t, uint64_t>> g_languages;

thread_local StageTimer* t_current = nullptr;

}  // namespace

void StartProfile(bool on) {
  for (Totals& t : g_stages) {
    t.ns.store(0, std::memory_order_relaxed);
    t.count.store(0, std::memory_order_relaxed);
  }
  {
    std::lock_guard<std::mutex> lock(g_mu);
    g_languages.clear();
  }
  g_enabled.store(on, std::memory_order_relaxed);
}
bool ProfileEnabled() { return g_enabled.load(std::memory_order_relaxed); }

StageTimer::StageTimer(Stage stage, std::string_view language) {
  if (!ProfileEnabled()) return;
  on_ = true;
  stage_ = stage;
  language_ = language;
  started_ = ThreadCpuNanos();
  parent_ = t_current;
  if (parent_ != nullptr) parent_->Add(started_);
  t_current = this;
}

void StageTimer::Add(int64_t now) {
  const int64_t spent = now - started_;
  started_ = now;
  g_stages[static_cast<size_t>(stage_)].ns.fetch_add(spent, std::memory_order_relaxed);
  if (!language_.empty()) {
    std::lock_guard<std::mutex> lock(g_mu);
    g_languages[{stage_, std::string(language_)}].first += spent;
  }
}

StageTimer::~StageTimer() {
  if (!on_) return;
  const int64_t now = ThreadCpuNanos();
  Add(now);
  g_stages[static_cast<size_t>(stage_)].count.fetch_add(1, std::memory_order_relaxed);
  if (!language_.empty()) {
    std::lock_guard<std::mutex> lock(g_mu);
    ++g_languages[{stage_, std::string(language_)}].second;
  }
  t_current = parent_;
  if (parent_ != nullptr) parent_->started_ = now;  // the parent resumes
}

std::vector<ProfileLine> ProfileLines() {
  std::vector<ProfileLine> out;
  std::lock_guard<std::mutex> lock(g_mu);
  for (size_t s = 0; s < g_stages.size(); ++s) {
    const int64_t ns = g_stages[s].ns.load(std::memory_order_relaxed);
    const uint64_t count = g_stages[s].count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    out.push_back({std::string(kNames[s]), static_cast<double>(ns) / 1e6, count});
    for (const auto& [key, value] : g_languages) {
      if (static_cast<size_t>(key.first) != s) continue;
      out.push_back({std::string(kNames[s]) + " " + key.second, static_cast<double>(value.first) / 1e6, value.second});
    }
  }
  return out;
}

}  // namespace authshift::core
