// Java: the header for HttpURLConnection, OkHttp, Apache HttpClient 4/5, java.net.http, Jersey
// and Spring RestTemplate.
// A request is found from the call that takes its URL (`new URL(u)`, `.url(u)`, `new HttpGet(u)`,
// `HttpRequest.newBuilder(u)`, `target(u)`, `rest.getForObject(u, …)`) or, for parameters, from
// the builder chain or entity that carries them; the header is a setter statement after the
// variable's declaration (`conn.setRequestProperty(…)`, `get.setHeader(…)`, `headers.set(…)`) or
// a `.header(…)` link chained on the builder.
#include <algorithm>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

namespace {

enum class Kind { kUrlConnection, kOkHttp, kApache, kJavaNet, kJersey, kSpring };

struct Site {
  Kind kind;
  std::string client;
};

bool IsApacheRequest(std::string_view m) {
  return m == "HttpGet" || m == "HttpPost" || m == "HttpPut" || m == "HttpDelete" ||
         m == "HttpPatch" || m == "HttpHead" || m == "HttpOptions";
}

bool IsSpring(std::string_view m) {
  return m == "getForObject" || m == "getForEntity" || m == "postForObject" ||
         m == "postForEntity" || m == "patchForObject" || m == "exchange" || m == "postForLocation";
}

// The call at the root of a method chain (`new Request.Builder()` for `.url(u)`).
const ir::Call* ChainRoot(const Context& ctx, const ir::Call& c) {
  const ir::Call* cur = &c;
  for (int guard = 0; guard < 32 && cur->receiver != kNoExpr; ++guard) {
    const ir::Expr& r = ctx.at(cur->receiver);
    if (r.kind != ExprKind::kCall) break;
    cur = &ctx.facts().calls[r.call];
  }
  return cur;
}

// The call whose receiver is `c` itself (the next link of its chain), or nullptr.
const ir::Call* NextLink(const Context& ctx, const ir::Call& c) {
  for (const auto& o : ctx.facts().calls) {
    if (o.receiver == c.self) return &o;
  }
  return nullptr;
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::string_view m = c.method;
  if (m == "URL" && c.receiver == kNoExpr) return Site{Kind::kUrlConnection, "HttpURLConnection"};
  if (IsApacheRequest(m) && c.receiver == kNoExpr) return Site{Kind::kApache, "Apache HttpClient"};
  if (m == "newBuilder" && c.receiver != kNoExpr && ctx.Text(c.receiver) == "HttpRequest" &&
      !c.args.empty())
    return Site{Kind::kJavaNet, "java.net.http"};
  if ((m == "url" || m == "uri") && c.receiver != kNoExpr) {
    const ir::Call* root = ChainRoot(ctx, c);
    std::string_view rm = root->method;
    bool builder = rm == "Builder" || (rm.size() > 8 && rm.substr(rm.size() - 8) == ".Builder");
    if (m == "url" && builder) return Site{Kind::kOkHttp, "OkHttp"};
    if (m == "uri" && rm == "newBuilder" && root->receiver != kNoExpr &&
        ctx.Text(root->receiver) == "HttpRequest")
      return Site{Kind::kJavaNet, "java.net.http"};
  }
  if (m == "target" && c.receiver != kNoExpr && !c.args.empty())
    return Site{Kind::kJersey, "Jersey"};
  if (IsSpring(m) && c.receiver != kNoExpr) return Site{Kind::kSpring, "Spring RestTemplate"};
  return std::nullopt;
}

const ir::Arg* UrlArg(const Context& ctx, const ir::Call& c) { return ctx.ArgAt(c, 0); }

// True when an Authorization header is already put into the variable `b` (in its scope) or set
// inside `span`.
bool AlreadyAuthorized(const Context& ctx, const ir::Binding* b, ir::Span span) {
  for (const auto& e : ctx.facts().entries) {
    if (!IsAuthorizationKey(ctx, e.key)) continue;
    if (b != nullptr && e.container_name == b->name && e.scope == b->scope) return true;
    if (span.begin <= e.span.begin && e.span.end <= span.end) return true;
  }
  return false;
}

// The request a parameter carrier reaches: a site whose URL argument carries it, or an Apache
// request that gets it as its entity (`post.setEntity(new UrlEncodedFormEntity(params))`).
void FindFromCarrier(const Context& ctx, ExprId carrier, std::optional<Request>* found) {
  const auto& calls = ctx.facts().calls;
  auto add = [&](uint32_t i, const std::string& client) {
    if (*found) {
      if ((*found)->call != i) MarkAmbiguous(ctx, &**found, i);
      return;
    }
    *found = Request{i, client, {}};
  };
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    if (c.self == carrier) continue;
    if (c.method == "setEntity" && c.receiver != kNoExpr && !c.args.empty() &&
        Carries(ctx, c.args[0].value, carrier)) {
      ExprId r = ir::Deref(ctx.facts(), c.receiver);
      const ir::Expr& re = ctx.at(r);
      if (re.kind == ExprKind::kCall && IsApacheRequest(calls[re.call].method))
        add(re.call, "Apache HttpClient");
      continue;
    }
    auto site = Classify(ctx, c);
    if (!site) continue;
    bool hit = false;
    for (const ir::Arg& a : c.args) {
      if (a.name.empty() && Carries(ctx, a.value, carrier)) hit = true;
    }
    if (hit) add(i, site->client);
  }
}

}  // namespace

std::optional<Request> JavaFindRequest(const Context& ctx, ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  if (!is_map) {
    for (uint32_t i = 0; i < calls.size(); ++i) {
      const ir::Call& c = calls[i];
      auto site = Classify(ctx, c);
      if (!site) continue;
      const ir::Arg* u = UrlArg(ctx, c);
      if (u == nullptr || !Carries(ctx, u->value, value)) continue;
      if (found) {
        MarkAmbiguous(ctx, &*found, i);
        continue;
      }
      found = Request{i, site->client, {}};
    }
    return found;
  }
  const ir::MapEntry& entry = ctx.facts().entries[value];
  // A builder's parameter setter (`.queryParam(k, v)`, `.setParameter(k, v)`): the chain it is a
  // link of leads to the request.
  for (const auto& c : calls) {
    bool setter = std::any_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) {
      return a.name == "<entry>" && a.value == entry.container;
    });
    if (!setter) continue;
    const ir::Call* cur = &c;
    for (int guard = 0; guard < 32 && cur->receiver != kNoExpr; ++guard) {
      const ir::Expr& r = ctx.at(cur->receiver);
      if (r.kind != ExprKind::kCall) break;
      cur = &ctx.facts().calls[r.call];
      if (cur->method == "target") {
        auto idx = static_cast<uint32_t>(cur - calls.data());
        return Request{idx, "Jersey", {}};
      }
    }
    // URIBuilder / UriComponentsBuilder: the chain's value is the URL of the request.
    const ir::Call* top = &c;
    for (int guard = 0; guard < 32; ++guard) {
      const ir::Call* n = NextLink(ctx, *top);
      if (n == nullptr) break;
      top = n;
    }
    FindFromCarrier(ctx, top->self, &found);
    return found;
  }
  // Entries put into a list or map (`params.add(new BasicNameValuePair(k, v))`, `form.add(k, v)`):
  // the calls that take that collection carry it on.
  for (const auto& c : calls) {
    for (const ir::Arg& a : c.args) {
      if (a.name.empty() && ctx.HoldsEntry(a.value, value)) {
        FindFromCarrier(ctx, c.self, &found);
        break;
      }
    }
  }
  return found;
}

void JavaAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const auto& calls = ctx.facts().calls;
  const ir::Call& c = calls[req.call];
  auto site = Classify(ctx, c);
  if (!site) throw Withhold{"not a known HTTP call"};
  std::string hv = ctx.HeaderValue(token);
  std::string name = ctx.Quoted("Authorization");
  switch (site->kind) {
    case Kind::kUrlConnection: {
      const ir::Call* open = nullptr;
      for (const auto& o : calls) {
        if (o.method == "openConnection" && o.receiver != kNoExpr &&
            ir::Deref(ctx.facts(), o.receiver) == c.self)
          open = &o;
      }
      if (open == nullptr)
        throw Withhold{
            "the URL is not opened with openConnection(); open an HttpURLConnection and "
            "setRequestProperty(\"Authorization\", \"Zoho-oauthtoken \" + token) by hand"};
      const ir::Binding* b = BoundTo(ctx, open->self);
      if (b == nullptr)
        throw Withhold{
            "the connection is not held in a variable; add "
            "setRequestProperty(\"Authorization\", …) by hand"};
      if (AlreadyAuthorized(ctx, b, {}))
        throw Withhold{"the request already sends an Authorization header"};
      InsertStatementAfter(ctx, b->span.begin, b->span.end,
                           b->name + ".setRequestProperty(" + name + ", " + hv + ");");
      return;
    }
    case Kind::kApache: {
      const ir::Binding* b = BoundTo(ctx, c.self);
      if (b == nullptr)
        throw Withhold{
            "the Apache request is not held in a variable; bind it and call "
            "setHeader(\"Authorization\", \"Zoho-oauthtoken \" + token) by hand"};
      if (AlreadyAuthorized(ctx, b, {}))
        throw Withhold{"the request already sends an Authorization header"};
      InsertStatementAfter(ctx, b->span.begin, b->span.end,
                           b->name + ".setHeader(" + name + ", " + hv + ");");
      return;
    }
    case Kind::kOkHttp:
    case Kind::kJavaNet: {
      const ir::Call* top = &c;
      for (int guard = 0; guard < 32; ++guard) {
        const ir::Call* n = NextLink(ctx, *top);
        if (n == nullptr) break;
        top = n;
      }
      if (AlreadyAuthorized(ctx, nullptr, top->span))
        throw Withhold{"the request already sends an Authorization header"};
      ChainAfter(ctx, c, ".header(" + name + ", " + hv + ")");
      return;
    }
    case Kind::kJersey: {
      const ir::Call* cur = &c;
      for (int guard = 0; guard < 32 && cur != nullptr && cur->method != "request"; ++guard)
        cur = NextLink(ctx, *cur);
      if (cur == nullptr)
        throw Withhold{
            "no .request() follows the Jersey target; add "
            ".header(\"Authorization\", \"Zoho-oauthtoken \" + token) by hand"};
      const ir::Call* top = cur;
      for (int guard = 0; guard < 32; ++guard) {
        const ir::Call* n = NextLink(ctx, *top);
        if (n == nullptr) break;
        top = n;
      }
      if (AlreadyAuthorized(ctx, nullptr, top->span))
        throw Withhold{"the request already sends an Authorization header"};
      ChainAfter(ctx, *cur, ".header(" + name + ", " + hv + ")");
      return;
    }
    case Kind::kSpring: {
      // Headers travel in an HttpEntity; only one built from a HttpHeaders variable is extended.
      for (const ir::Arg& a : c.args) {
        ExprId d = ir::Deref(ctx.facts(), a.value);
        const ir::Expr& e = ctx.at(d);
        if (e.kind != ExprKind::kCall || calls[e.call].method != "HttpEntity") continue;
        for (const ir::Arg& ea : calls[e.call].args) {
          const ir::Expr& h = ctx.at(ea.value);
          if (h.kind != ExprKind::kName) continue;
          const ir::Binding* hb = ctx.BindingOf(ea.value);
          if (hb == nullptr || hb->value == kNoExpr) continue;
          const ir::Expr& hv_e = ctx.at(hb->value);
          if (hv_e.kind != ExprKind::kCall || calls[hv_e.call].method != "HttpHeaders") continue;
          if (AlreadyAuthorized(ctx, hb, {}))
            throw Withhold{"the request already sends an Authorization header"};
          InsertStatementAfter(ctx, hb->span.begin, hb->span.end,
                               hb->name + ".set(" + name + ", " + hv + ");");
          return;
        }
      }
      throw Withhold{"RestTemplate." + c.method +
                     "(…) sends no headers here: create HttpHeaders with headers.set("
                     "\"Authorization\", \"Zoho-oauthtoken \" + token) and call exchange(url, "
                     "method, new HttpEntity<>(body, headers), …) by hand"};
    }
  }
  throw Withhold{"not a known HTTP call"};
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kJavaProfile = {"java", "System.getenv(\"ZOHO_OAUTH_TOKEN\")", " + ", nullptr, JavaFindRequest, JavaAddHeader};

}  // namespace authshift::rewriters::oauth
