#pragma once
// The Zoho API calls of a file (for the migration plan, `scan --format plan`): each call whose
// argument is a URL on a Zoho API host, with the HTTP method the call names where it names one.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/source_file.h"
#include "scanner/ir/facts.h"

namespace authshift::engine {

struct Endpoint {
  std::string host;    // lower case: "www.zohoapis.eu"
  std::string path;    // the literal path, unresolved parts as "{…}": "/books/v3/invoices/{…}"
  std::string method;  // "GET", "POST", …; "" when the call does not say
  uint32_t line = 0;   // 1-based line of the call
};

// The calls of `facts` that send to a Zoho API host (not the accounts server, not the docs site),
// in source order, one per call.
std::vector<Endpoint> ZohoEndpoints(const ir::Facts& facts, const core::SourceFile& file);

}  // namespace authshift::engine
