#pragma once
// Matchers for rules with `context: zoho` (scanner/ir/zoho_context.h): in Zoho code an `authtoken`
// key is Authtoken usage wherever its map goes, so these match the key itself. The engine reports
// them only in Zoho context. Read-only on the rule and the facts; thread-safe.
#include <vector>

#include "scanner/engine/ir_matcher.h"

namespace authshift::engine {

// `zoho-key`: map entries whose literal key matches `key` (any origin: literal, put, index
// assignment, keyword), and named call arguments with such a name (`dict(authtoken=t)`), unless
// the value's flattened text matches `value-not`. The match spans the entry (or argument); the
// value's expressions are its value_exprs.
std::vector<TextMatch> ZohoKeys(const Rule& rule, const IrContext& ctx);

// `zoho-literal`: string literals matching `value` bound to a variable, field or constant (op "=")
// or held by a map entry (`"ZOHO_CRM_AUTH_TOKEN": "…"`) whose name or key matches `name` and not
// `name-not` (checksums, secrets of other services). The literal is the secret; the match spans
// the binding statement or the entry.
std::vector<TextMatch> ZohoLiterals(const Rule& rule, const IrContext& ctx);

// Drops the matches that overlap a match of one of `rule.ir.unless_reported_by` (from
// ctx.sink_matches).
void DropReportedElsewhere(const Rule& rule, const IrContext& ctx, std::vector<TextMatch>* matches);

}  // namespace authshift::engine
