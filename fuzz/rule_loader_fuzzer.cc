// The YAML rule loader on arbitrary text: never crashes or throws; a rule it accepts has an id, a
// message and a kind, and its matchers compile (the loader checks the rule's own examples).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "scanner/engine/rule_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> errors;
  std::unique_ptr<engine::Rule> rule = engine::ParseRule("fuzz-rule", "rules/fuzz-rule.yaml", text, &errors);
  if (rule) {
    fuzz::Check(errors.empty(), "an accepted rule has no errors");
    fuzz::Check(rule->id == "fuzz-rule" && core::ParseMatchKind(core::MatchKindName(rule->kind)) == rule->kind,
                "an accepted rule has its id and a kind");
  } else {
    fuzz::Check(!errors.empty(), "a rejected rule says why");
    for (const std::string& e : errors) fuzz::Check(e.rfind("rules/fuzz-rule.yaml", 0) == 0, "errors name the file");
  }
  return 0;
}
