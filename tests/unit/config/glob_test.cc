#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "scanner/config/glob.h"

using authshift::config::GlobMatch;
using authshift::config::GlobValid;

namespace {

struct Case {
  const char* pattern;
  const char* path;
  bool match;
};

// gitignore-like semantics on repository-relative paths.
const Case kCases[] = {
    // `*` and `?` stay inside one segment
    {"*.php", "a.php", true},
    {"*.php", "src/deep/a.php", true},  // no '/': base name at any depth
    {"*.php", "a.phpx", false},
    {"src/*.php", "src/a.php", true},
    {"src/*.php", "src/x/a.php", false},
    {"src/*.php", "lib/src/a.php", false},  // a '/' anchors to the root
    {"a?c", "abc", true},
    {"a?c", "a/c", false},
    {"a?c", "ac", false},
    {"*", "anything/at/all", true},
    // character classes
    {"[abc].py", "b.py", true},
    {"[abc].py", "d.py", false},
    {"[a-c]x", "cx", true},
    {"[!a-c]x", "dx", true},
    {"[!a-c]x", "ax", false},
    {"[^a-c]x", "ax", false},
    {"[]]x", "]x", true},
    {"a[x", "a[x", true},  // unclosed: literal '['
    {"\\*.py", "*.py", true},
    {"\\*.py", "a.py", false},
    // `**`
    {"**/x", "x", true},
    {"**/x", "a/b/x", true},
    {"**/x", "a/b/xy", false},
    {"x/**", "x/a", true},
    {"x/**", "x/a/b/c", true},
    {"x/**", "x", false},  // what is inside x, not x itself
    {"x/**", "y/x/a", false},
    {"a/**/b", "a/b", true},
    {"a/**/b", "a/x/y/b", true},
    {"a/**/b", "a/x/y/c", false},
    {"a/**/b", "a/x/b/c", true},  // b is a directory: everything under it
    {"**/vendor/**", "vendor/a.php", true},
    {"**/vendor/**", "lib/vendor/a/b.php", true},
    {"**/vendor/**", "lib/vendors/a.php", false},
    {"functions/**/*.dg", "functions/a.dg", true},
    {"functions/**/*.dg", "functions/x/y/a.dg", true},
    {"functions/**/*.dg", "functions/x/a.txt", false},
    {"src/**", "src/a/b.py", true},
    {"**", "a/b", true},
    {"a**b", "axxb", true},  // not a whole segment: a plain `*`
    {"a**b", "ax/xb", false},
    // a matched directory matches everything under it
    {"src", "src/a/b.py", true},
    {"src", "x/src/a.py", true},
    {"/src", "x/src/a.py", false},  // leading '/': anchored
    {"/src", "src/a.py", true},
    {"./legacy/*.php", "legacy/a.php", true},
    {"./legacy/*.php", "x/legacy/a.php", false},
    {"legacy/*.php", "legacy/old.php", true},
    // trailing '/': directories only
    {"vendor/", "vendor/a.php", true},
    {"vendor/", "x/vendor/b/c.php", true},
    {"vendor/", "vendor", false},
    {"vendor/", "a/vendor", false},
    {"legacy/old/", "legacy/old/a.php", true},
    {"legacy/old/", "x/legacy/old/a.php", false},
    // path normalisation and degenerate input
    {"*.php", "./a.php", true},
    {"a/b", "a//b", true},
    {"", "a", false},
    {"*", "", false},
    {"scripts/zoho/*", "scripts/zoho/sync", true},
    {"scripts/zoho/*", "scripts/zoho.txt", false},
    // case-sensitive
    {"*.PHP", "a.php", false},
};

}  // namespace

TEST_CASE("glob semantics table", "[config]") {
  for (const Case& c : kCases) {
    INFO("pattern '" << c.pattern << "' path '" << c.path << "'");
    CHECK(GlobMatch(c.pattern, c.path) == c.match);
  }
  CHECK(sizeof(kCases) / sizeof(kCases[0]) >= 30);
}

TEST_CASE("globs never blow up exponentially", "[config]") {
  std::string path;
  for (int i = 0; i < 200; ++i) path += "d" + std::to_string(i) + "/";
  path +=
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaac";
  // An exponential matcher would not return here within ctest's per-test timeout.
  CHECK_FALSE(GlobMatch("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/a", path));
  CHECK_FALSE(GlobMatch("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
  CHECK_FALSE(GlobMatch("d0/**/**/x/**/**/y/**/**/z", path));
  CHECK(GlobMatch("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/*c", path));
}

TEST_CASE("glob validation for config files", "[config]") {
  std::string why;
  CHECK(GlobValid("src/**/*.py", &why));
  CHECK(GlobValid("a\\[x", &why));
  CHECK(GlobValid("[]]", &why));
  CHECK_FALSE(GlobValid("", &why));
  CHECK(why == "expected a non-empty glob");
  CHECK_FALSE(GlobValid("./", &why));
  CHECK_FALSE(GlobValid("src/[ab", &why));
  CHECK(why == "unclosed '[' at offset 4 (write '\\[' for a literal '[')");
  CHECK_FALSE(GlobValid("!keep.php", &why));
  CHECK(why.find("negation") == 0);
  // A reversed range matches nothing, and a trailing lone backslash escapes nothing: both errors.
  CHECK_FALSE(GlobValid("src/[z-a]*.py", &why));
  CHECK(why == "reversed range 'z-a' at offset 4 matches nothing");
  CHECK_FALSE(GlobValid("[!a-c9-0]", &why));
  CHECK(why == "reversed range '9-0' at offset 0 matches nothing");
  CHECK_FALSE(GlobValid("src\\", &why));
  CHECK(why == "a trailing '\\' escapes nothing (write '\\\\' for a literal '\\')");
  CHECK(GlobValid("[a-a]", &why));
  CHECK(GlobValid("[\\]-a]", &why));
  CHECK(GlobValid("src\\\\", &why));  // an escaped backslash
  CHECK(GlobValid("a\\/b", &why));
}
