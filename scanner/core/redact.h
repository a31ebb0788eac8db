#pragma once
// Secrets never reach any output: a secret is shown as its first 4 characters and a mask.
//
// What is masked on every printed line, whatever rule (if any) matched it:
//  - the secrets a finding identified (passed in);
//  - every run of 32 letters and digits standing alone that holds a digit (an Authtoken's shape);
//  - every `1000.`-prefixed OAuth token (`1000.<id>` or `1000.<id>.<id>`);
//  - values assigned to secret-named keys (`authtoken=…`, `PASSWORD=…`, `"client_secret": "…"`,
//    `api_key => '…'`, `Zoho-authtoken …`) when the value is a literal: quoted, right after `=`,
//    or holding a digit (so `token: this.token` stays readable).
// Every function here is linear in its input and thread-safe.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

// "0123456789abcdef…" -> "0123********". Values of 4 characters or fewer become "****".
std::string RedactSecret(std::string_view secret);

// A byte range [begin, end) of a text to be shown masked.
struct MaskSpan {
  size_t begin = 0;
  size_t end = 0;
};

// The ranges of `text` to mask (see above), sorted and disjoint.
std::vector<MaskSpan> SecretSpans(std::string_view text, const std::vector<std::string>& secrets);

// `text` with every range of SecretSpans replaced by its redaction.
std::string RedactText(std::string_view text, const std::vector<std::string>& secrets);

// RedactText without finding-specific secrets: for text shown without a finding at hand (fix
// previews, diffs on a terminal, fix outcome details).
std::string RedactAll(std::string_view text);

// RedactAll, shortened to about `max_bytes` (then ending in "…"): a preview line of bounded size
// whatever the length of the source line.
std::string RedactPreview(std::string_view text, size_t max_bytes);

// A finding's snippet: the redacted part of its line around the match, of bounded size whatever
// the line's length (minified code, a 50 MB line), with "…" where it was cut. `begin`/`end` are
// where the match sits in `text` (for the caret).
struct Snippet {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};
// How much of the line a snippet shows on each side of the match, and of the match itself.
inline constexpr size_t kSnippetContext = 160;
inline constexpr size_t kSnippetMatch = 400;
Snippet MaskedSnippet(std::string_view line, size_t match_begin, size_t match_end,
                      const std::vector<std::string>& secrets);

}  // namespace authshift::core
