// The `.authshift.yml` loader on arbitrary text: never crashes or throws; an accepted config's
// globs are then matched against a few paths (GlobMatch must never crash on what GlobValid let in).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "scanner/config/config.h"
#include "scanner/config/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  config::Config cfg;
  std::vector<std::string> errors;
  bool ok = config::ParseConfig("/repo/.authshift.yml", text, &cfg, &errors);
  if (!ok) {
    fuzz::Check(!errors.empty(), "a rejected config says why");
    return 0;
  }
  for (std::string_view path : {"src/a.py", "functions/x/y.dg", "vendor/lib/b.php", ".env", "a b/c[1].txt"}) {
    (void)cfg.Included(path);
    (void)cfg.LanguageFor(path);
  }
  // Any text as a glob: validation and matching agree on never crashing.
  std::string why;
  if (size < 256 && config::GlobValid(text, &why)) (void)config::GlobMatch(text, "src/a/b.py");
  return 0;
}
