#pragma once
// The frontends table: which languages lower to IR facts, and how. One row per frontend.
#include <optional>
#include <string>
#include <span>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::frontends {

// True when `language_id` has a frontend that builds IR facts.
bool HasFrontend(std::string_view language_id);

// Parses `source` and lowers it to facts; nullopt when the language has no frontend. Never throws
// for input reasons (a file with syntax errors still yields the facts of its parsed parts).
// `parse_errors` (optional) receives the number of syntax errors. Thread-safe.
std::optional<ir::Facts> BuildFacts(std::string_view language_id, std::string_view source,
                                    size_t* parse_errors = nullptr);

// What a frontend needs beyond the bytes, and what it reports besides the facts.
struct BuildContext {
  std::string_view path;  // the file, absolute or relative to the scan root (C/C++: #include and
                          // compile-database lookups); empty when unknown
  bool degraded = false;  // out: the frontend fell back to a weaker lowering (C/C++ with missing
                          // headers in a Clang build: tree-sitter instead of Clang)
  std::string_view frontend_path = {};  // out, C/C++: which path built the facts (clang_fe::kPath*)
  std::string first_error{};  // out: the first syntax error, "line:column: message" (Deluge), or empty
};

// BuildFacts with a context (C and C++ use the path; other languages ignore it).
std::optional<ir::Facts> BuildFacts(std::string_view language_id, std::string_view source, size_t* parse_errors,
                                    BuildContext* context);

// Like BuildFacts, but only the parts `windows` (sorted, disjoint) of `source` are parsed, offsets
// unchanged (tree-sitter included ranges; other frontends see the rest blanked). For very large
// files: names bound outside every window are not resolved.
std::optional<ir::Facts> BuildFactsInWindows(std::string_view language_id, std::string_view source,
                                             std::span<const ir::Span> windows, size_t* parse_errors = nullptr);

// Syntax errors of `source` per the language's own parser: Deluge's; tree-sitter's ERROR and
// MISSING nodes, without lowering (C and C++ included: a syntax check, not a compile); the other
// frontends' counts; -1 when the language has no parser. What a fix's check compares. Thread-safe.
long CountSyntaxErrors(std::string_view language_id, std::string_view source);

}  // namespace authshift::frontends
