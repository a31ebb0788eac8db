#pragma once
// A small section-aware frontend for INI and TOML files (no grammar is compiled for them): each
// `key = value` line becomes a binding of the dotted name `<section>.<key>` to its value, so
// `[zoho]` / `[zoho.books]` then `authtoken = "…"` binds "zoho.authtoken" / "zoho.books.authtoken",
// like the key paths of YAML and JSON (rule authtoken-config-key, matcher kind `binding`).
//
// - Sections: `[name]` (TOML also `[[name]]`); TOML dotted names and keys lose their quotes
//   (`[zoho."books"]` → "zoho.books"); INI names are kept as written (trimmed).
// - Keys: TOML `key = value` (dotted keys allowed); INI `key = value` or `key: value` (the first
//   `=` or `:`), also Java `.properties` (`zoho.authtoken=…`).
// - Values: "double" (TOML escapes \" \\ \n \t \r \b \f \uXXXX \UXXXXXXXX decoded) and 'single'
//   strings are kString with the span between the quotes; INI unquoted values are kString up to
//   an inline comment (` ;` / ` #`) or the end of the line; TOML unquoted values (numbers, booleans,
//   dates, arrays, inline tables) and multi-line strings are kOther and bind nothing a rule reads.
// - Full-line comments (`#`, and `;` in INI) are comment spans. Never fails: a line that is none of
//   these is skipped (no syntax errors are reported); TOML multi-line strings are skipped whole.
#include <cstddef>
#include <string_view>

#include "scanner/ir/facts.h"

namespace authshift::frontends::text {

enum class SectionDialect { kIni, kToml };

ir::Facts LowerSections(std::string_view source, SectionDialect dialect, size_t* parse_errors = nullptr);

}  // namespace authshift::frontends::text
