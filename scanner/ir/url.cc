#include "scanner/ir/url.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace authshift::ir {

namespace {
// A Zoho host: zoho, zohoapis or zohocloud (any subdomain) on a Zoho top-level domain.
constexpr std::string_view kZohoHostPattern = R"(([a-z0-9-]+\.)*zoho(apis|cloud)?\.(com(\.au|\.cn)?|eu|in|jp|ca|sa|uk|ae))";
}  // namespace

bool MentionsZohoHost(std::string_view text) {
  static const RE2 kMention("(?i)\\b" + std::string(kZohoHostPattern) + "\\b");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kMention);
}

bool IsLegacyApi(std::string_view text) {
  static const RE2 kLegacy(
      R"((?i)/crm/private/(json|xml)/|creator(export)?\.zoho\.[a-z.]+/api/([^/\s]+/)?(json|xml)/|invoice\.zoho\.[a-z.]+/api/view/|\bapidocs\.zoho\.[a-z.]+/|[?&]scope=(crmapi|creatorapi|invoiceapi|docsapi)\b)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kLegacy);
}

bool IsCurrentApi(std::string_view url) {
  static const RE2 kVersioned(R"((?i)https?://[a-z0-9.-]*zoho[a-z0-9.-]*/([^?#\s]*/)?v[0-9]+(/|$|\?))");
  return RE2::PartialMatch(re2::StringPiece(url.data(), url.size()), kVersioned) &&
         !IsLegacyApi(url.substr(0, url.find('?')));
}

bool IsLegacyScope(std::string_view value) {
  static const RE2 kScope(R"((?i)^(crmapi|creatorapi|invoiceapi|docsapi)$)");
  return RE2::FullMatch(re2::StringPiece(value.data(), value.size()), kScope);
}

bool IsLegacyScopeEntry(const Facts& facts, const MapEntry& e, std::string_view source) {
  static const RE2 kKey(R"((?i)^scope$)");
  if (e.key == kNoExpr || e.value == kNoExpr) return false;
  StringValue k = Flatten(facts, e.key, source);
  if (!k.AllLiteral() || !RE2::FullMatch(k.Joined(), kKey)) return false;
  StringValue v = Flatten(facts, e.value, source);
  return v.AllLiteral() && IsLegacyScope(v.Joined());
}

bool IsZohoHost(std::string_view host) {
  static const RE2 kZoho(std::string{kZohoHostPattern});
  static const RE2 kDocs(R"(www\.zoho\.(com(\.au|\.cn)?|eu|in|jp|ca|sa|uk|ae))");
  re2::StringPiece h(host.data(), host.size());
  return RE2::FullMatch(h, kZoho) && !RE2::FullMatch(h, kDocs);
}

std::optional<std::string> AccountsServerFor(std::string_view host) {
  if (!IsZohoHost(host)) return std::nullopt;
  // .ae has no accounts server in docs/zoho-hosts.md: none is guessed.
  static const RE2 kTld(R"(zoho(?:apis|cloud)?\.(com\.au|com\.cn|com|eu|in|jp|ca|sa|uk)$)");
  std::string tld;
  if (!RE2::PartialMatch(re2::StringPiece(host.data(), host.size()), kTld, &tld)) return std::nullopt;
  if (tld == "ca") return std::string("https://accounts.zohocloud.ca");  // not zoho.ca
  return "https://accounts.zoho." + tld;
}

std::vector<std::string> AccountsServersIn(std::string_view text) {
  static const RE2 kHost(R"((?i)https?://([a-z0-9.-]+))");
  re2::StringPiece in(text.data(), text.size());
  std::string host;
  std::vector<std::string> out;
  while (RE2::FindAndConsume(&in, kHost, &host)) {
    for (char& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto a = AccountsServerFor(host);
    if (a && std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
  }
  return out;
}

ParsedUrl ParseUrl(const StringValue& value) {
  ParsedUrl u;
  u.joined = value.Joined(&u.part_of_byte);
  const std::string& s = u.joined;
  size_t pos = 0;
  auto lower_prefix = [&](std::string_view p) {
    if (s.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    }
    return true;
  };
  if (lower_prefix("https://")) {
    pos = 8;
  } else if (lower_prefix("http://")) {
    pos = 7;
  } else if (lower_prefix("//")) {
    pos = 2;
  }
  if (pos > 0) {
    u.has_scheme = true;
    size_t host_end = s.find_first_of("/?#:", pos);
    if (host_end == std::string::npos) host_end = s.size();
    std::string host = s.substr(pos, host_end - pos);
    if (host.find(kHoleMark) != std::string::npos) {
      u.host_unresolved = true;
    } else {
      for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      u.host = host;
    }
    pos = host_end;
    if (pos < s.size() && s[pos] == ':') {
      while (pos < s.size() && s[pos] != '/' && s[pos] != '?' && s[pos] != '#') ++pos;
    }
  } else if (!s.empty() && s[0] == kHoleMark) {
    u.host_unresolved = true;  // an unresolved base URL joined with a path or query
  }
  u.query_begin = s.find('?', pos);
  size_t path_end = u.query_begin == std::string::npos ? s.size() : u.query_begin;
  u.path = s.substr(pos, path_end - pos);
  // Parameters: after '?', and also '&name=' anywhere after the base when the '?' sits in a hole
  // (`base + "&authtoken=" + t`).
  size_t scan = u.query_begin == std::string::npos ? pos : u.query_begin;
  while (scan < s.size()) {
    size_t joint = s.find_first_of("?&", scan);
    if (joint == std::string::npos) break;
    size_t name_begin = joint + 1;
    // `&amp;` in XML/HTML-escaped URLs
    if (s.compare(joint, 5, "&amp;") == 0) name_begin = joint + 5;
    size_t eq = name_begin;
    while (eq < s.size() && s[eq] != '=' && s[eq] != '&' && s[eq] != '#' && s[eq] != kHoleMark &&
           s[eq] != '?' && s[eq] != ' ') {
      ++eq;
    }
    if (eq >= s.size() || s[eq] != '=' || eq == name_begin) {
      scan = name_begin;
      continue;
    }
    UrlParam p;
    p.name = s.substr(name_begin, eq - name_begin);
    p.joint = joint;
    p.name_begin = name_begin;
    p.value_begin = eq + 1;
    size_t end = p.value_begin;
    while (end < s.size() && s[end] != '&' && s[end] != '#') {
      if (s[end] == kHoleMark) p.value_has_hole = true;
      ++end;
    }
    p.value_end = end;
    if (!p.value_has_hole) p.literal_value = s.substr(p.value_begin, end - p.value_begin);
    u.params.push_back(std::move(p));
    scan = end;
  }
  return u;
}

}  // namespace authshift::ir
