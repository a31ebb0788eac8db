#pragma once
// A compiled rule. Built once by the loader, then shared read-only by all scanning threads
// (every member is safe for concurrent reads; RE2 objects are thread-safe).
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// Where a value must flow for an IR rule to fire: an argument of a call, by name or position.
struct FlowSink {
  std::unique_ptr<RE2> callee;  // on Call::callee (as written) or Call::method
  std::string arg_name;         // named argument ("parameters", "headers"), or
  int arg_index = -1;           // positional index (0-based)
};

// `match.kind` (core/finding.h: a finding carries it for the rewriters).
using core::kMatchKindNames;
using core::MatchKind;
using core::MatchKindName;
using core::ParseMatchKind;

// url-param `host:` — `zoho` (a Zoho API host, or an unresolved host in a Zoho file), `any`, or a
// regex on the lower-case host.
enum class HostMode { kZoho, kAny, kRegex };

// The IR matcher kinds (`match.kind`), shared by every language with a frontend:
//   url-param        a query/form parameter of a URL string (name, host, path, value)
//   map-entry        a map entry by key, optionally only when the map flows into given call args
//   header           a header map entry (name + value prefix), optionally by flow
//   string-value     a regex on a whole flattened string value
//   call             a call by callee, optionally missing a named argument
//   binding-to-sink  a literal bound to a name that flows into what other rules match
//   binding          a literal bound to a name (a data file's dotted key path) by name and value
//   zoho-key         a map entry by key, or a named call argument by name, wherever it goes (for
//                    `context: zoho` rules: the key itself is the usage; context_matcher.h)
//   zoho-literal     a string literal by value whose holder (the variable or key it is bound to)
//                    is named like a token (context_matcher.h)
struct IrMatcher {
  std::unique_ptr<RE2> name;       // url-param: parameter name; map-entry: key; header: name;
                                   // binding: the bound name
  HostMode host_mode = HostMode::kZoho;  // url-param
  std::unique_ptr<RE2> host;       // host_mode == kRegex
  std::unique_ptr<RE2> path;       // url-param: the URL path must match
  std::unique_ptr<RE2> path_not;   // url-param: … and must not match
  bool skip_sent_elsewhere = false;  // map-entry `host: zoho`: skip entries of calls whose URL argument has a resolved non-Zoho host
  bool skip_form_bodies = false;   // url-param: strings lowered as form bodies (`k=v&…` entries of a
                                   // CURLOPT_POSTFIELDS / cpr::Body value) are parameter maps, not URLs
  std::unique_ptr<RE2> value;      // url-param: literal value; header: joined value; string-value:
                                   // the joined text; binding-to-sink: the bound literal
  std::unique_ptr<RE2> callee;     // call
  std::unique_ptr<RE2> callee_not; // call: … and not this callee
  std::string arg_missing;         // call: fires only when this named argument is absent
  std::unique_ptr<RE2> unless_last_arg;  // call: … or when the last of 2+ positional arguments is a
                                         // string literal matching this (a Deluge task's connection)
  std::vector<FlowSink> flows_to;  // map-entry, header: empty = any map
  std::vector<std::string> sinks;  // binding-to-sink: ids of the rules whose matched values count
  std::unique_ptr<RE2> value_not;  // zoho-key: skip when the value's flattened text matches;
                                   // zoho-literal: skip when the holder's name matches (name-not)
  // Any IR kind: drop a match whose span overlaps a match of one of these rules in the same file
  // (the more specific rule already reports it). Such rules run after the others.
  std::vector<std::string> unless_reported_by;
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
  std::string message_related;  // `message-related`: the message when the finding names related places
  std::string help;
  std::vector<std::string> forms;
  std::vector<std::string> languages;  // empty = any
  std::vector<std::string> keywords;   // lower-case prefilter literals (declared or derived)
  // Lower-case words that contain a keyword: a keyword occurrence inside one of them does not count
  // for the prefilter (`authtoken` inside `oauthtoken`).
  std::vector<std::string> keywords_except;
  std::string precision;
  std::vector<std::string> tags;
  std::string fix;                     // "none" or a rewriter name
  MatchKind kind = MatchKind::kText;   // matcher kind: text, suppression or an IR kind (IrMatcher)
  TextMatcher text;
  IrMatcher ir;
  std::vector<std::string> supersedes;  // text rules whose findings this IR rule replaces in files
                                        // it runs on (the file has IR facts and its language applies)
  bool supersede_lines = false;         // `supersedes-on: line`: only on the lines it reports
  // `context: zoho`: reported only in a file about Zoho, or in a scan where some scanned file is
  // (scanner/ir/zoho_context.h).
  bool needs_zoho_context = false;
  bool IsIr() const { return kind != MatchKind::kText && kind != MatchKind::kSuppression; }
  // IR rules that read other rules' matches in the same file run after them: phase 0 first, then
  // binding-to-sink (1), then rules with unless-reported-by (2), which may name either.
  int Phase() const {
    return !ir.unless_reported_by.empty() ? 2 : kind == MatchKind::kBindingToSink ? 1 : 0;
  }
  RuleExamples examples;

  bool AppliesTo(std::string_view language_id) const;
};

}  // namespace authshift::engine
