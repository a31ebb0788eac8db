// The baseline reader on arbitrary text: never crashes; accepts exactly the texts whose every
// line is empty, a comment or starts with a 16-hex-digit fingerprint, and reads back what
// BaselineText wrote.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "scanner/cli/baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::set<std::string> fps;
  std::string err;
  bool ok = cli::ParseBaseline(text, "b.txt", &fps, &err);
  fuzz::Check(ok == err.empty(), "an error is reported exactly when parsing fails");
  if (!ok) fuzz::Check(err.rfind("b.txt:", 0) == 0, "the error names the file and line");
  for (const auto& fp : fps) fuzz::Check(fp.size() == 16, "fingerprints are 16 hex digits");
  // Round trip: findings whose paths are the input's lines come back by fingerprint.
  engine::ScanResult result;
  size_t pos = 0;
  for (int i = 0; pos < text.size() && i < 64; ++i) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    core::Finding f;
    f.rule_id = "r";
    f.path = std::string(text.substr(pos, nl - pos));
    f.fingerprint = "0123456789abcde" + std::string(1, "0123456789abcdef"[i % 16]);
    result.findings.push_back(f);
    pos = nl + 1;
  }
  std::set<std::string> back;
  fuzz::Check(cli::ParseBaseline(cli::BaselineText(result), "w", &back, &err), "a written baseline reads back");
  for (const auto& f : result.findings) fuzz::Check(back.count(f.fingerprint) == 1, "every fingerprint reads back");
  return 0;
}
