#pragma once
// Value flow within one file, across the methods of a class or module: where a map (or a string)
// carrying the token goes. Used to name both ends of a finding: the entry that holds the token and
// the request calls that send it (SARIF relatedLocations).
//
// From the seeds (a map literal, the variable a map is built in, a URL string), a value "carries"
// the token when it is
//   - a name bound to a carrying value (also fields: `$this->p`, `self.p`, `this.p`, `@p`, bound in
//     one method and read in another, as the frontends bind them in the class scope);
//   - a map or list literal with a carrying entry value or item (`['query' => $params]`);
//   - the result of a known encoder or merger over a carrying argument or receiver
//     (http_build_query, array_merge, urlencode, merge, to_query, Object.assign, …);
//   - the result of a call to a function or method of the file that returns a carrying value
//     (`return $params;`, `return ['authtoken' => …];`, `return defaults`), called as `f(…)`,
//     `$this->f(…)`, `self.f(…)`, `this.f(…)`, `self::f(…)` or `@f`;
//   - the result of another call with a carrying argument, when that result is passed on.
// A call that takes a carrying argument and is none of those — a request method (get, post,
// request, send, openUrl, execute…), or an unknown helper whose result goes nowhere further — is a
// sink. Logging calls are not. Bounded (a few rounds); a best effort, never a proof.
// Thread-safe (reads only).
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::ir {

struct FlowSeeds {
  std::vector<ExprId> exprs;                               // values carrying the token
  std::vector<std::pair<std::string, uint32_t>> names;     // variables (name, scope) built to carry it
};

// The seeds of a map entry: its map literal, or the variable it is put into, and names bound to
// the literal.
FlowSeeds SeedsOfEntry(const Facts& facts, const MapEntry& entry);

// The calls the seeds reach (sinks), in source order, without the calls whose span contains
// `exclude` (the finding's own call).
std::vector<Span> SinksOf(const Facts& facts, std::string_view source, const FlowSeeds& seeds, Span exclude);

// Per expression id: whether it carries what the seeds carry (the same walk as SinksOf).
std::vector<bool> Carriers(const Facts& facts, std::string_view source, const FlowSeeds& seeds);

}  // namespace authshift::ir
