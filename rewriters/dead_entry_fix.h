#pragma once
// The fix of an Authtoken entry that PHP code puts into its parameter map after the map's last use
// (dead_entry.h): `$url = $this->buildUrl($r, $params);`, then
// `if (!isset($params['authtoken'])) { $params['authtoken'] = $this->getAuthToken(); }`, and a
// Guzzle request that takes only `$url`. The token was never sent; the careful fix deletes the entry
// (with its `isset` guard when the guard holds nothing else) and gives that request Guzzle's
// `headers` option: `['headers' => ['Authorization' => 'Zoho-oauthtoken ' . <the entry's value>]]`.
// Made only in a file about Zoho that imports GuzzleHttp, when the function's one call after the
// entry that can send it is a two-argument `->request(method, url)` and the value is not a literal;
// the outcome says the token was never sent before.
#include <cstddef>
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters {

// Adds the edits of every such finding to `edits`, marks it fixed, and returns their indices.
std::vector<size_t> FixEntriesSetTooLate(const engine::FileAnalysis& analysis, const FixInput& input,
                                         std::vector<core::Finding>& findings, EditSet* edits);

}  // namespace authshift::rewriters
