#pragma once
// URLs parsed from a flattened string value: host, path and query parameters, each parameter
// knowing which bytes of the joined text (and so which parts) it spans. Pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::ir {

struct UrlParam {
  std::string name;          // decoded literal name ("authtoken")
  size_t joint = 0;          // offset in the joined text of the '?' or '&' before the name
  size_t name_begin = 0;
  size_t value_begin = 0;    // just after '='
  size_t value_end = 0;      // before the next '&', '#' or the end
  bool value_has_hole = false;
  std::string literal_value; // the value when it has no hole
};

struct ParsedUrl {
  std::string joined;          // StringValue::Joined()
  std::vector<uint32_t> part_of_byte;
  bool has_scheme = false;     // starts with a literal "http://" or "https://" (or "//")
  bool host_unresolved = false;  // the host comes from a hole (a base-URL variable we could not resolve)
  std::string host;            // lower-case, without port; empty when unresolved
  std::string path;            // literal path up to '?', holes shown as kHoleMark
  size_t query_begin = std::string::npos;  // offset of '?', npos if none
  std::vector<UrlParam> params;
};

// Parses `value` as a URL or a URL fragment ("&authtoken=" + t joined onto an unresolved base).
ParsedUrl ParseUrl(const StringValue& value);

// True when `host` is a Zoho API host per docs/zoho-hosts.md (zoho|zohoapis|zohocloud on a Zoho TLD), and
// not the documentation site www.zoho.<tld>.
bool IsZohoHost(std::string_view host);

// The accounts server (an https:// URL, no trailing slash) of the data centre of Zoho host `host`,
// per docs/zoho-hosts.md (www.zohoapis.eu -> https://accounts.zoho.eu, *.zohoapis.ca ->
// https://accounts.zohocloud.ca); nullopt when `host` is not a Zoho host.
std::optional<std::string> AccountsServerFor(std::string_view host);

// The accounts servers of the Zoho hosts the http(s) URLs in `text` name: distinct, in order of
// first appearance.
std::vector<std::string> AccountsServersIn(std::string_view text);

// True when `text` names a Zoho host anywhere (IsZohoHost's host pattern, any case, the
// documentation site included): a file that does is about Zoho.
bool MentionsZohoHost(std::string_view text);

// True when `text` (a URL, or a piece of one) names an API Zoho has retired, the ones
// rules/deluge-legacy-api.yaml reports: CRM v1 `/crm/private/{json,xml}/`, Creator v1
// `creator.zoho.<tld>/api/[owner/]{json,xml}/`, Invoice v2 `invoice.zoho.<tld>/api/view/`, or their
// `scope=crmapi|creatorapi|invoiceapi` parameter; and Zoho Docs `apidocs.zoho.<tld>/` (retired into
// Zoho WorkDrive, rewriters/retired_clients.h) with `scope=docsapi`. Rewriters never patch such a call.
bool IsLegacyApi(std::string_view text);

// True when `url` is a Zoho URL with a versioned path (`www.zohoapis.com/crm/v2/`,
// `books.zoho.eu/api/v3/`, `desk.zoho.com/api/v1/`) that is not a retired API (IsLegacyApi of its
// path): a `scope=crmapi`-style parameter sent there is a leftover, not a sign of a legacy call.
bool IsCurrentApi(std::string_view url);

// True when `value` is crmapi, creatorapi, invoiceapi or docsapi (any case): the `scope` only those
// retired APIs read.
bool IsLegacyScope(std::string_view value);

// True when map entry `e` is `scope` (any case) set to the literal crmapi, creatorapi or invoiceapi:
// the parameter only those retired APIs read.
bool IsLegacyScopeEntry(const Facts& facts, const MapEntry& e, std::string_view source);

}  // namespace authshift::ir
