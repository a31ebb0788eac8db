#pragma once
// Baseline files (`--write-baseline`, `--baseline`): one line per finding — fingerprint, rule id
// and path, tab-separated, sorted; no line numbers and no timestamps, so a baseline only changes
// when findings do and merges cleanly. Only the first field is read back.
#include <set>
#include <string>
#include <string_view>

#include "scanner/engine/scan.h"

namespace authshift::cli {

// The baseline of `result`'s unsuppressed findings, with its header comment line.
std::string BaselineText(const engine::ScanResult& result);

// Parses baseline `text` (`name` names it in messages): every line is empty, a `#` comment, or
// starts with a 16-hex-digit fingerprint (then, optionally, a tab and anything). Inserts the
// fingerprints into `out`; false with "<name>:<line>: expected a 16-hex-digit fingerprint, got '…'"
// (at most 40 bytes of the field quoted) on the first bad line. Linear in the text.
bool ParseBaseline(std::string_view text, std::string_view name, std::set<std::string>* out, std::string* err);

// Reads `path` and ParseBaseline's it; a file that cannot be read is an error naming it.
bool ReadBaseline(const std::string& path, std::set<std::string>* out, std::string* err);

}  // namespace authshift::cli
