#include "scanner/core/strings.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using authshift::core::AsciiLowered;
using authshift::core::AsciiUppered;
using authshift::core::DidYouMean;
using authshift::core::EditDistance;
using authshift::core::EqualsIgnoreAsciiCase;
using authshift::core::StartsWithIgnoreAsciiCase;

TEST_CASE("ASCII case mapping leaves every other byte alone", "[core][strings]") {
  CHECK(AsciiLowered("Zoho-AuthToken_42") == "zoho-authtoken_42");
  CHECK(AsciiUppered("get") == "GET");
  // UTF-8 (and any byte >= 0x80) is not case-mapped, whatever the locale.
  CHECK(AsciiLowered("\xC3\x84Z\xFF") == "\xC3\x84z\xFF");
  CHECK(EqualsIgnoreAsciiCase("invokeUrl", "INVOKEURL"));
  CHECK_FALSE(EqualsIgnoreAsciiCase("invokeurl", "invokeurls"));
  CHECK_FALSE(EqualsIgnoreAsciiCase("\xC3\x84", "\xC3\xA4"));
  CHECK(StartsWithIgnoreAsciiCase("HTTPS://books.zoho.com", "https://"));
  CHECK_FALSE(StartsWithIgnoreAsciiCase("http", "https"));
}

TEST_CASE("DidYouMean suggests the closest candidate within max(2, |word|/3) edits", "[core][strings]") {
  CHECK(EditDistance("precison", "precision") == 1);
  CHECK(EditDistance("", "abc") == 3);
  const std::vector<std::string> keys = {"severity", "message", "precision", "languages"};
  CHECK(DidYouMean("precison", keys) == "precision");
  CHECK(DidYouMean("langauges", keys) == "languages");  // a transposition is two edits
  CHECK(DidYouMean("fix", keys).empty());
  CHECK(DidYouMean("sevrity", {"severity", "severity2"}) == "severity");  // first of the closest
}

TEST_CASE("ForEachLine gives each line without its newline and stops when asked", "[core][strings]") {
  std::vector<std::string> seen;
  auto collect = [&](std::string_view l) {
    seen.emplace_back(l);
    return true;
  };
  CHECK(authshift::core::ForEachLine("", collect));
  CHECK(seen.empty());
  CHECK(authshift::core::ForEachLine("a\n\nb", collect));
  CHECK(seen == std::vector<std::string>{"a", "", "b"});
  seen.clear();
  CHECK(authshift::core::ForEachLine("a\nb\n", collect));
  CHECK(seen == std::vector<std::string>{"a", "b"});
  int calls = 0;
  CHECK_FALSE(authshift::core::ForEachLine("x\ny\nz\n", [&](std::string_view l) {
    ++calls;
    return l != "y";
  }));
  CHECK(calls == 2);
}
