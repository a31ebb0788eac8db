// JavaScript: npm request options built by one method of the file and sent by its callers
//   Api.prototype.options = function (d) {
//     var o = {method: 'POST', url: …}
//     o.qs = _.extend({ZOHO_ACTION: d.action}, _.pick(this, ['authtoken']))
//     return o
//   }
//   Api.prototype.insert = function (…) { request(this.options({…}), done) }
// The parameter goes where the map is built; the header goes once into the options literal the
// method returns — when every call of the method hands its result to request() as the options.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {
namespace {

// The npm request option slots that carry parameters.
constexpr std::string_view kSlots[] = {"qs", "form", "formData", "body", "json"};

struct Builder {
  ir::ExprId literal = ir::kNoExpr;  // the options object literal
  std::string var;                   // the local holding it
  std::string method;                // the method that builds and returns it
};

// The name of the method whose header is the nearest one at or before `at`:
// `X.prototype.m = function`, `m: function`, `m = function`, or a class method `m(…) {`.
std::string MethodBefore(std::string_view src, size_t at) {
  static const RE2 kHeader(
      R"((?:^|[.\s])([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?function\b|^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*\{)");
  size_t end = at;
  while (end > 0) {
    size_t begin = src.rfind('\n', end - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    std::string_view line = src.substr(begin, end - begin);
    std::string a, b;
    if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kHeader, &a, &b)) {
      std::string name = a.empty() ? b : a;
      if (name != "if" && name != "for" && name != "while" && name != "switch" && name != "catch" &&
          name != "function")
        return name;
    }
    if (begin == 0) break;
    end = begin - 1;
  }
  return {};
}

// The options literal that map `m` reaches through `N.slot = <built from m>`, N a local bound to
// an object literal in the same function, returned by it (`return N` before the next method).
std::optional<Builder> BuilderOf(const Context& ctx, ir::ExprId m) {
  const ir::Facts& facts = ctx.facts();
  for (const ir::Binding& b : facts.bindings) {
    size_t dot = b.name.rfind('.');
    if (b.value == ir::kNoExpr || b.op != "=" || dot == std::string::npos) continue;
    std::string_view slot = std::string_view(b.name).substr(dot + 1);
    if (std::find(std::begin(kSlots), std::end(kSlots), slot) == std::end(kSlots)) continue;
    if (b.value != m && !ctx.BuiltFrom(b.value, m, ir::kThroughCalls)) continue;
    std::string var = b.name.substr(0, dot);
    const ir::Binding* nb = ir::Resolve(facts, var, b.span.begin, b.scope);
    if (nb == nullptr || nb->scope != b.scope || nb->value == ir::kNoExpr ||
        facts.exprs[nb->value].kind != ir::ExprKind::kMap)
      continue;
    std::string method = MethodBefore(ctx.src(), nb->span.begin);
    if (method.empty() || MethodBefore(ctx.src(), b.span.begin) != method) continue;
    // `return N` after the slot is set, still in the method.
    std::string_view rest = ctx.src().substr(b.span.end);
    const RE2 ret("\\breturn\\s+" + RE2::QuoteMeta(var) + "\\b");
    re2::StringPiece in(rest.data(), rest.size()), hit;
    if (!ret.Match(in, 0, in.size(), RE2::UNANCHORED, &hit, 1)) continue;
    size_t at = b.span.end + static_cast<size_t>(hit.data() - rest.data());
    if (MethodBefore(ctx.src(), at) != method) continue;
    return Builder{nb->value, var, method};
  }
  return std::nullopt;
}

// The call index of `e` when it is a call expression.
std::optional<uint32_t> CallOf(const Context& ctx, ir::ExprId e) {
  if (e == ir::kNoExpr || ctx.at(e).kind != ir::ExprKind::kCall) return std::nullopt;
  return ctx.at(e).call;
}

bool IsRequestLib(const ir::Call& c) { return c.callee == "request" || c.callee == "rp"; }

}  // namespace

std::optional<Request> JsBuilderRequest(const Context& ctx, uint32_t entry) {
  const ir::Facts& facts = ctx.facts();
  const ir::ExprId m = facts.entries[entry].container;
  std::optional<uint32_t> site = CallOf(ctx, m);
  std::optional<Builder> builder = BuilderOf(ctx, m);
  if (!site || !builder) return std::nullopt;
  size_t sent = 0;
  std::string other;  // the line of a call whose result request() does not take as its options
  for (const ir::Call& c : facts.calls) {
    if (c.method != builder->method || c.receiver == ir::kNoExpr || ctx.Text(c.receiver) != "this") continue;
    bool options = std::any_of(facts.calls.begin(), facts.calls.end(), [&](const ir::Call& r) {
      std::vector<const ir::Arg*> args = WrittenArgs(r);
      return IsRequestLib(r) && !args.empty() && args[0]->value == c.self;
    });
    if (options) {
      ++sent;
    } else if (other.empty()) {
      other = std::to_string(std::count(ctx.src().begin(), ctx.src().begin() + static_cast<long>(c.span.begin), '\n') + 1);
    }
  }
  if (sent == 0) return std::nullopt;
  Request r{*site, "request", {}};
  if (!other.empty()) {
    r.problem = builder->method + "() is also called on line " + other +
                ", where request() does not send its result; add the Authorization: Zoho-oauthtoken header by hand";
  }
  return r;
}

bool JsAddBuilderHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  std::optional<Builder> builder = BuilderOf(ctx, c.self);
  if (!builder) return false;
  if (ctx.facts().bindings_by_name.count(builder->var + ".headers") != 0)
    throw Withhold{"the request options' headers are set by " + builder->var + ".headers; add the header by hand"};
  std::string prop = "Authorization: " + ctx.HeaderValue(token);
  for (uint32_t e : ctx.LiteralEntries(builder->literal)) {
    const ir::MapEntry& me = ctx.facts().entries[e];
    if (ctx.at(me.key).kind != ir::ExprKind::kString || ctx.at(me.key).text != "headers") continue;
    if (ctx.at(me.value).kind != ir::ExprKind::kMap)
      throw Withhold{"the request's headers are not an object literal; add the header by hand"};
    if (ctx.HasKey(me.value, "authorization")) throw Withhold{"the request already sends an Authorization header"};
    ctx.AppendEntry(me.value, prop);
    return true;
  }
  ctx.AppendEntry(builder->literal, "headers: { " + prop + " }");
  return true;
}

}  // namespace authshift::rewriters::oauth
