#pragma once
// The frontends table: which languages lower to IR facts, and how. One row per frontend.
#include <optional>
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

}  // namespace authshift::frontends
