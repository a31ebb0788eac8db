#pragma once
// Gitignore-like globs over '/'-separated, repository-relative paths ("src/billing/invoice.dg").
// Pure functions: thread-safe, never throw, no allocation beyond O(pattern + path).
//
// Semantics (those of .gitignore patterns, without negation):
//   *        any run of characters except '/'
//   ?        one character except '/'
//   [abc] [a-z] [!a-z] [^a-z]   one character (not '/') from / not from the class; an unclosed '['
//            is a literal '['
//   \x       the character x literally
//   **       as a whole segment: any number (zero or more) of directories: `**/x`, `x/**`,
//            `a/**/b`; `**` alone matches everything. Elsewhere (`a**b`) it is a plain `*`.
//   no '/'   a pattern without a '/' (other than a trailing one) matches the base name at any
//            depth: `*.php` == `**/*.php`
//   leading '/' or './'   anchors the pattern to the root (`/build` matches `build`, not `a/build`)
//   trailing '/'         matches directories only, i.e. any path under such a directory
//                        (`vendor/` matches `vendor/a.php` and `x/vendor/b/c.php`, not a file
//                        named `vendor`)
// A pattern that matches a directory matches everything under it (as in .gitignore): `src` and
// `src/` both match `src/a/b.py`. Matching is case-sensitive and byte-wise.
//
// Cost: O(segments(pattern) * segments(path)) segment comparisons, each linear-ish (single-star
// backtracking); no exponential blow-up on patterns like `**/**/**/a` or `*a*a*a*a*b`.
#include <string>
#include <string_view>

namespace authshift::config {

// True when `pattern` matches `path` (or one of its parent directories, see above). A leading "./"
// or '/' on `path` is ignored; an empty pattern or empty path never matches.
bool GlobMatch(std::string_view pattern, std::string_view path);

// Checks a pattern for a config file: false with a reason in `why` for an empty pattern, an
// unclosed '[' (which GlobMatch would take literally, almost never what was meant), a reversed
// range such as `[z-a]` (it matches nothing) or a trailing lone '\\' (it escapes nothing).
bool GlobValid(std::string_view pattern, std::string* why);

}  // namespace authshift::config
