#pragma once
// Secrets never reach any output: a secret is shown as its first 4 characters and a mask.
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

// "0123456789abcdef…" -> "0123********". Values of 4 characters or fewer become "****".
std::string RedactSecret(std::string_view secret);

// Replaces every occurrence of each secret in `text` with its redaction, then masks any
// value that looks like an Authtoken or password in a known position (authtoken=…, PASSWORD=…,
// Zoho-authtoken …), whatever rule matched. Thread-safe.
std::string RedactText(std::string_view text, const std::vector<std::string>& secrets);

// RedactText, and also every run of 32 letters and digits standing alone (the shape of an
// Authtoken, whatever its position). For text shown without a finding's own secrets at hand, such
// as fix previews.
std::string RedactAll(std::string_view text);

}  // namespace authshift::core
