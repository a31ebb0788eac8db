#include "scanner/engine/endpoints.h"

#include <re2/re2.h>

#include "scanner/core/strings.h"
#include "scanner/ir/url.h"

namespace authshift::engine {
namespace {

// The HTTP method a call names: its own name (`requests.post`, `postUrl`, `Http::put`), or a
// `type`/`method` argument (Deluge `invokeurl [ type: POST ]`, `fetch(u, {method: "POST"})`).
std::string MethodOf(const ir::Facts& f, const ir::Call& c) {
  for (const ir::Arg& a : c.args) {
    if ((a.name == "type" || a.name == "method") && a.value != ir::kNoExpr) {
      // A string ("POST") or a bare word (Deluge's `type: POST`): its text either way.
      std::string v = core::AsciiUppered(f.at(a.value).text);
      if (RE2::FullMatch(v, R"(GET|POST|PUT|PATCH|DELETE)")) return v;
    }
  }
  static const RE2 kVerb(R"((?i)^(get|post|put|patch|delete)(?:url|async|json|_json|form)?$)");
  std::string verb;
  if (RE2::FullMatch(c.method, kVerb, &verb)) return core::AsciiUppered(verb);
  return "";
}

}  // namespace

std::vector<Endpoint> ZohoEndpoints(const ir::Facts& facts, const core::SourceFile& file) {
  std::vector<Endpoint> out;
  const std::string_view source = file.bytes();
  for (const ir::Call& c : facts.calls) {
    for (const ir::Arg& a : c.args) {
      if (a.value == ir::kNoExpr) continue;
      const ir::Expr& e = facts.at(a.value);
      if (e.kind == ir::ExprKind::kMap || e.kind == ir::ExprKind::kList || e.kind == ir::ExprKind::kNumber) continue;
      ir::ParsedUrl u = ir::ParseUrl(ir::Flatten(facts, a.value, source));
      if (!u.has_scheme || u.host.empty() || !ir::IsZohoHost(u.host) || u.host.rfind("accounts.", 0) == 0) continue;
      Endpoint ep;
      ep.host = u.host;
      for (char ch : u.path) {
        if (ch == ir::kHoleMark) {
          ep.path += "{…}";
        } else {
          ep.path += ch;
        }
      }
      ep.method = MethodOf(facts, c);
      ep.line = static_cast<uint32_t>(file.PositionAt(c.span.begin).line);
      out.push_back(std::move(ep));
      break;  // one URL per call
    }
  }
  return out;
}

}  // namespace authshift::engine
