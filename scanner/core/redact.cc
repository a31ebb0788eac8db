#include "scanner/core/redact.h"

#include <re2/re2.h>

namespace authshift::core {

std::string RedactSecret(std::string_view secret) {
  constexpr size_t kShown = 4;
  if (secret.size() <= kShown) return "****";
  return std::string(secret.substr(0, kShown)) + "********";
}

std::string RedactText(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const std::string& s : secrets) {
    if (s.size() <= 4) continue;  // too short to search for safely; the patterns below still apply
    std::string masked = RedactSecret(s);
    size_t pos = 0;
    while ((pos = out.find(s, pos)) != std::string::npos) {
      out.replace(pos, s.size(), masked);
      pos += masked.size();
    }
  }
  // Whatever matched, values in the positions where Authtokens and passwords travel are masked:
  // authtoken=<v>, PASSWORD=<v>, AUTHTOKEN=<v>, the Zoho-authtoken scheme followed by a value, and
  // config keys holding "authtoken". The value group is the 2nd submatch; its first 4 chars stay.
  static const RE2 kValue(
      "(?i)((?:[?&\\s\"',;:(]|^)(?:authtoken|password|auth_token)\\s*[=:]\\s*[\"']?|zoho-auth"
      "token\\s+|[a-z0-9_]*authtoken[a-z0-9_]*[\"']?\\s*(?:=>|[=:])\\s*[\"']?)"
      "([A-Za-z0-9._~+/%-]{5,})");
  std::string result;
  result.reserve(out.size());
  re2::StringPiece input(out);
  re2::StringPiece groups[3];
  size_t cursor = 0;
  while (cursor <= out.size() &&
         kValue.Match(input, cursor, out.size(), RE2::UNANCHORED, groups, 3)) {
    auto value_begin = static_cast<size_t>(groups[2].data() - out.data());
    auto value_end = value_begin + groups[2].size();
    result.append(out, cursor, value_begin - cursor);
    std::string_view value(groups[2].data(), groups[2].size());
    std::string_view prefix(groups[1].data(), groups[1].size());
    char last = prefix.empty() ? ' ' : prefix.back();
    bool literal_position = last == '"' || last == '\'' || last == '=' ||
                            value.find_first_of("0123456789") != std::string_view::npos;
    if (!literal_position || value.find("********") != std::string_view::npos ||
        value.rfind("1000.", 0) == 0) {
      // An identifier (`: authToken`), already masked, or OAuth-shaped: not an Authtoken value.
      result.append(value);
    } else {
      result.append(RedactSecret(value));
    }
    cursor = value_end;
    if (groups[0].empty()) ++cursor;
  }
  if (cursor < out.size()) result.append(out, cursor, std::string::npos);
  return result;
}

std::string RedactAll(std::string_view text) {
  std::string out = RedactText(text, {});
  static const RE2 kToken("(^|[^0-9A-Za-z])([0-9A-Za-z]{32})([^0-9A-Za-z]|$)");
  std::string result;
  re2::StringPiece input(out);
  re2::StringPiece g[4];
  size_t cursor = 0;
  while (cursor < out.size() && kToken.Match(input, cursor, out.size(), RE2::UNANCHORED, g, 4)) {
    auto b = static_cast<size_t>(g[2].data() - out.data());
    result.append(out, cursor, b - cursor);
    result.append(RedactSecret(std::string_view(g[2].data(), g[2].size())));
    cursor = b + g[2].size();
  }
  if (cursor < out.size()) result.append(out, cursor, std::string::npos);
  return result;
}

}  // namespace authshift::core
