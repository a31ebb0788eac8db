#include "scanner/ir/zoho_context.h"

#include "scanner/ir/url.h"

#include <re2/re2.h>

#include <cctype>

namespace authshift::ir {
namespace {

bool Contains(std::string_view text, const RE2& re) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

// Case-insensitive "zoho" anywhere in `s`.
bool HasZohoWord(std::string_view s) {
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) == 'z' &&
        std::tolower(static_cast<unsigned char>(s[i + 1])) == 'o' &&
        std::tolower(static_cast<unsigned char>(s[i + 2])) == 'h' &&
        std::tolower(static_cast<unsigned char>(s[i + 3])) == 'o') {
      return true;
    }
  }
  return false;
}

}  // namespace

ZohoContext ComputeZohoContext(std::string_view text, std::string_view path) {
  // The file's own name only.
  size_t slash = path.find_last_of("/\\");
  if (HasZohoWord(slash == std::string_view::npos ? path : path.substr(slash + 1))) return {true, "path"};
  // Every signal below contains "zoho" or a Zoho-only API word; most files have neither.
  static const RE2 kApiWord(R"(\b(?:crmapi|creatorapi|invoiceapi|reportsapi|ZOHO_ACTION|zc_ownername)\b)");
  bool api = Contains(text, kApiWord);
  if (!api && !HasZohoWord(text)) return {};
  if (api) return {true, "api"};
  if (MentionsZohoHost(text)) return {true, "host"};
  static const RE2 kImport(
      R"((?i)(?:\bcom\.zoho\.|\bzcrmsdk\b|@zohocrm/|\bzohocrmsdk|\buse\s+\\?zoho\w*\\|)"
      R"(\brequire(?:_once)?\s*\(?\s*['"][\w./@-]*zoho|\bfrom\s+zoho\w*|\bimport\s+zoho\w*|)"
      R"(["'][\w@/.-]*zoho[\w/.-]*["']\s*:\s*["'][~^\d*]))");
  if (Contains(text, kImport)) return {true, "import"};
  static const RE2 kName(
      R"(\b(?:class|module|interface|struct|trait|object|namespace|package|type)\s+[\w\\.]*(?:Zoho|ZOHO|zoho)\w*|)"
      R"(\bZoho[A-Z]\w*\s*(?:::|->|\.|\(|\s+\w+\s*[=;(]))");
  if (Contains(text, kName)) return {true, "name"};
  static const RE2 kScope(R"((?i)\bZoho(?:CRM|Books|Invoice|Reports|Creator|Inventory|Desk|Projects|Subscriptions|People|PC)/\w+)");
  if (Contains(text, kScope)) return {true, "api"};
  static const RE2 kConfig(R"((?im)^\s*(?:\[zoho[\].]|zoho\s*:|["']zoho["']\s*:\s*\{))");
  if (Contains(text, kConfig)) return {true, "config"};
  return {};
}

}  // namespace authshift::ir
