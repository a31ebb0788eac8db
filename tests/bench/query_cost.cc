// The compile cost of the tree-sitter lowering queries (docs/performance.md, "Query compilation"):
// for each language given (default: all), the CPU time of ts_query_new on the whole query and on
// each top-level pattern alone, the best of --reps runs, costliest patterns first. Not a test.
//
//   query_cost [--reps N] [--top K] [--whole] [LANG…]
//
// --whole compiles each language's whole query once and prints nothing per pattern (for
// `valgrind --tool=callgrind --toggle-collect=ts_query_new`, whose counts do not depend on load).
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

#include "scanner/frontends/treesitter/language.h"

namespace ts = authshift::frontends::treesitter;

namespace {

double ThreadMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The best CPU time of `reps` compilations of `text`; -1 when it does not compile.
double CompileMs(const TSLanguage* language, const std::string& text, int reps) {
  double best = -1;
  for (int i = 0; i < reps; ++i) {
    uint32_t offset = 0;
    TSQueryError error = TSQueryErrorNone;
    const double t0 = ThreadMs();
    TSQuery* q = ts_query_new(language, text.data(), static_cast<uint32_t>(text.size()), &offset, &error);
    const double ms = ThreadMs() - t0;
    if (q == nullptr) return -1;
    ts_query_delete(q);
    if (best < 0 || ms < best) best = ms;
  }
  return best;
}

// Skips one balanced form starting at text[i] ('(' or '['), a string, or a word; returns the end.
size_t SkipForm(const std::string& text, size_t i) {
  int depth = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == ';') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (--depth == 0) return i + 1;
    } else if (depth == 0 && (c == ' ' || c == '\n' || c == '\t')) {
      return i;
    }
    if (depth == 0 && c == '"') return i + 1;
  }
  return i;
}

// The query's top-level patterns, each with its trailing captures and quantifiers.
std::vector<std::string> SplitPatterns(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t') {
      ++i;
    } else if (c == ';') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else {
      const size_t begin = i;
      i = SkipForm(text, i);
      for (;;) {  // trailing " @capture", "?", "*", "+"
        size_t j = i;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < text.size() && (text[j] == '@' || text[j] == '?' || text[j] == '*' || text[j] == '+')) {
          i = j + 1;
          while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != ')') ++i;
        } else {
          break;
        }
      }
      out.push_back(text.substr(begin, i - begin));
    }
  }
  return out;
}

std::string OneLine(std::string s, size_t width) {
  std::string out;
  bool space = false;
  for (char c : s) {
    const bool ws = c == ' ' || c == '\n' || c == '\t';
    if (ws && !space && !out.empty()) out += ' ';
    if (!ws) out += c;
    space = ws;
  }
  if (out.size() > width) out = out.substr(0, width - 3) + "...";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  size_t top = 12;
  bool whole_only = false;
  std::vector<std::string> langs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--reps" && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--top" && i + 1 < argc) {
      top = static_cast<size_t>(std::max(0, std::atoi(argv[++i])));
    } else if (a == "--whole") {
      whole_only = true;
    } else {
      langs.emplace_back(a);
    }
  }
  if (langs.empty()) {
    for (const ts::LanguageRow* row : ts::AllLanguageRows()) langs.emplace_back(row->id);
  }
  for (const std::string& id : langs) {
    const ts::LanguageRow* row = ts::FindLanguageRow(id);
    if (row == nullptr) {
      std::fprintf(stderr, "query_cost: no tree-sitter language %s\n", id.c_str());
      return 2;
    }
    const TSLanguage* language = ts::GrammarFor(*row);
    const std::string text = ts::QueryText(*row);
    const double whole = CompileMs(language, text, reps);
    const std::vector<std::string> patterns = SplitPatterns(text);
    std::printf("%-11s whole %8.2f ms  %3zu patterns\n", id.c_str(), whole, patterns.size());
    if (whole_only) continue;
    std::printf("  %-28s %8.2f ms\n", "floor: (ERROR) alone", CompileMs(language, "(ERROR) @e", reps));
    std::vector<std::pair<double, std::string>> costs;
    for (const std::string& p : patterns) costs.emplace_back(CompileMs(language, p, reps), p);
    std::stable_sort(costs.begin(), costs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t k = 0; k < costs.size() && k < top; ++k) {
      std::printf("  %8.2f ms  %s\n", costs[k].first, OneLine(costs[k].second, 110).c_str());
    }
  }
  return 0;
}
