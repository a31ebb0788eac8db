#pragma once
// libcurl and form bodies. Form bodies (`k=v&k2=v2`, the body of a POST: CURLOPT_POSTFIELDS, cpr::Body) as map entries of
// the body expression, so the map rules see their keys; and the small expression builders the
// frontends' library semantics share. Facts are appended; nothing else changes.
#include <string>
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::ir {

// A new kString over `span` (its characters between the quotes: `literal_span`).
ExprId AddString(Facts* f, std::string text, Span span, Span literal_span, uint32_t scope);
// A new kConcat of `parts` over `span`.
ExprId AddConcat(Facts* f, std::vector<ExprId> parts, Span span, uint32_t scope);
// A sub-run [b, e) of kString `id`'s decoded text as a new kString: exact sub-spans when the
// literal's characters are its decoded text, the whole literal otherwise.
ExprId SubString(std::string_view code, Facts* f, ExprId id, size_t b, size_t e);

// The `k=v&…` entries of the string `body` denotes (followed through bindings), each a kLiteral
// entry whose container is that string: keys literal within one part, values the parts they span.
// Nothing for a URL (`://`) or a string without `=`.
void AddFormEntries(std::string_view code, Facts* f, ExprId body);

// The form bodies of curl calls in any language: `curl_setopt($ch, CURLOPT_POSTFIELDS, $body)`
// (PHP), `curl_easy_setopt(h, CURLOPT_POSTFIELDS, body)` (C), and the option named
// `CURLOPT_POSTFIELDS` in `curl_setopt_array`'s options.
void AddCurlFormBodies(std::string_view code, Facts* f);

// libcurl (PHP, C): the URL is set on the handle — `curl_init(url)`, or the CURLOPT_URL option —
// not on the call that sends the body. The URL expressions set on the handle that `call` (a
// curl_setopt / curl_easy_setopt / curl_setopt_array on a named handle) configures; empty otherwise.
std::vector<ExprId> CurlHandleUrls(const Facts& f, const Call& call);

}  // namespace authshift::ir
