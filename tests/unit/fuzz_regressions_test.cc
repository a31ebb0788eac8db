// Every input a fuzz target found a crash with (tests/data/fuzz-regressions/<target>-<what>) runs
// here through what that target drives, so the fix stays fixed without a fuzz build.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/frontends/frontends.h"
#include "tests/test_util.h"

namespace authshift::testing {
namespace {

namespace fs = std::filesystem;

TEST_CASE("inputs that crashed a fuzz target are handled", "[fuzz]") {
  size_t seen = 0;
  for (const auto& e : fs::directory_iterator(SourceDir() + "/tests/data/fuzz-regressions")) {
    std::string name = e.path().filename().string();
    std::string bytes = ReadAll(e.path().string());
    INFO(name);
    REQUIRE(!bytes.empty());
    if (name.rfind("lowering-", 0) == 0) {
      // fuzz/lowering_fuzzer.cc: the first byte picks the language.
      std::string_view lang = fuzz::kTreeSitterLanguages[static_cast<unsigned char>(bytes[0]) % std::size(fuzz::kTreeSitterLanguages)];
      std::string source = bytes.substr(1);
      auto facts = frontends::BuildFacts(lang, source);
      REQUIRE(facts.has_value());
      fuzz::CheckFacts(*facts, source.size());
      ++seen;
    } else if (name.rfind("rule_loader-", 0) == 0) {
      std::vector<std::string> errors;
      CHECK(engine::ParseRule("fuzz-rule", "rules/fuzz-rule.yaml", bytes, &errors) == nullptr);
      CHECK(!errors.empty());
      ++seen;
    }
  }
  CHECK(seen == 2);
}

}  // namespace
}  // namespace authshift::testing
