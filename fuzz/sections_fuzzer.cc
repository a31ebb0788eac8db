// The section-aware INI/TOML frontend (the first byte picks the dialect): never crashes, and every
// span of its facts lies inside the source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "scanner/frontends/text/sections.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  if (size == 0) return 0;
  auto dialect = (data[0] & 1) != 0 ? frontends::text::SectionDialect::kToml : frontends::text::SectionDialect::kIni;
  std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t errors = 0;
  ir::Facts facts = frontends::text::LowerSections(source, dialect, &errors);
  fuzz::CheckFacts(facts, source.size());
  return 0;
}
