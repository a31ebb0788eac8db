// Every tree-sitter lowering (the first byte picks the language): parse + lower never crash, every
// span of the facts lies inside the source; the windowed lowering of large files (included ranges)
// keeps the same contract.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "scanner/frontends/frontends.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  if (size == 0) return 0;
  constexpr size_t kCount = std::size(fuzz::kTreeSitterLanguages);
  std::string_view lang = fuzz::kTreeSitterLanguages[data[0] % kCount];
  std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t errors = 0;
  auto facts = frontends::BuildFacts(lang, source, &errors);
  fuzz::Check(facts.has_value(), "a tree-sitter language always lowers");
  fuzz::CheckFacts(*facts, source.size());
  // Two windows (the second byte places the split), as a large file's keyword hits would give.
  if (source.size() >= 4) {
    auto cut = static_cast<uint32_t>(source.size() * (data[1] % 100) / 100);
    std::vector<ir::Span> windows = {{0, cut / 2}, {cut, static_cast<uint32_t>(source.size())}};
    if (windows[0].end == 0) windows.erase(windows.begin());
    auto windowed = frontends::BuildFactsInWindows(lang, source, windows);
    fuzz::Check(windowed.has_value(), "windowed lowering always lowers");
    fuzz::CheckFacts(*windowed, source.size());
  }
  return 0;
}
