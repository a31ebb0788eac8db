#pragma once
// A compiled rule. Built once by the loader, then shared read-only by all scanning threads
// (every member is safe for concurrent reads; RE2 objects are thread-safe).
#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "scanner/core/finding.h"

namespace authshift::engine {

// `match.kind: text`: RE2 over the whole file. Group `secret` is redacted, group `at` is the span.
struct TextMatcher {
  std::unique_ptr<RE2> regex;
  std::vector<std::unique_ptr<RE2>> not_regex;  // drop a match when one of these matches its text
  int secret_group = -1;                        // index of (?P<secret>…), or -1
  int at_group = -1;                            // index of (?P<at>…), or -1
};

struct RuleExamples {
  std::vector<std::string> bad;   // each must match
  std::vector<std::string> good;  // each must not
};

struct Rule {
  std::string id;          // the file stem
  std::string source;      // where it was loaded from: a path, or "<builtin>/<name>.yaml"
  core::Severity severity = core::Severity::kWarning;
  std::string message;
  std::string help;
  std::vector<std::string> forms;
  std::vector<std::string> languages;  // empty = any
  std::vector<std::string> keywords;   // lower-case prefilter literals (declared or derived)
  std::string precision;
  std::vector<std::string> tags;
  std::string fix;                     // "none" or a rewriter name
  std::string kind;                    // matcher kind: "text"
  TextMatcher text;
  RuleExamples examples;

  bool AppliesTo(std::string_view language_id) const;
};

}  // namespace authshift::engine
