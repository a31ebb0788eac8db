#pragma once
// The `text` matcher kind: RE2 over a file's whole text. Thread-safe (read-only on the rule).
#include <cstddef>
#include <string_view>
#include <vector>

#include "scanner/core/finding.h"
#include "scanner/engine/rule.h"

namespace authshift::engine {

struct TextMatch {
  size_t begin = 0;  // reported span (group `at`, else the whole match)
  size_t end = 0;
  size_t match_begin = 0;  // the whole match
  size_t match_end = 0;
  bool has_secret = false;  // group `secret` participated with a non-empty value
  size_t secret_begin = 0;
  size_t secret_end = 0;
  std::vector<uint32_t> value_exprs;  // IR matchers: the expressions the matched value is made of
  core::FactIds facts;                // IR matchers: the facts the match is made of
  // IR matchers: other places the finding names (SARIF relatedLocations): the request calls the
  // matched value reaches (ir/flow.h), or the URL a parameter name written elsewhere is joined into.
  struct Related {
    size_t begin = 0;
    size_t end = 0;
    std::string_view message;  // a static string: "the request that sends it", …
  };
  std::vector<Related> related;
};

// All non-overlapping matches of the rule's regex in `text`, minus those its not-regexes reject.
std::vector<TextMatch> MatchText(const Rule& rule, std::string_view text);

}  // namespace authshift::engine
