// Ruby: the header for Net::HTTP, HTTParty, Faraday and RestClient (docs/architecture.md). Hashes get a
// `"Authorization" => "Zoho-oauthtoken " + token` entry; a Net::HTTP request object bound to a
// variable gets a `req["Authorization"] = …` statement.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {
namespace {

enum class Kind {
  kNetGet,       // Net::HTTP.get / get_response (uri[, headers])
  kNetNew,       // Net::HTTP::Get.new(uri[, headers])
  kNetPostForm,  // Net::HTTP.post_form(uri, params): no headers
  kHttparty,     // HTTParty.get(url, query:, body:, headers:)
  kFaraday,      // conn.get(path, params, headers)
  kFaradayNew,   // Faraday.new(url:, params:, headers:)
  kRestClient,   // RestClient.get(url, headers) / post(url, payload, headers)
};

struct Site {
  Kind kind;
  std::string client;
  int url_index = 0;      // positional; -1: the named argument "url"
  int params_index = -1;  // positional params / payload
  int headers_index = -1;
};

bool IsVerb(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "head";
}

bool BodyVerb(std::string_view m) { return m == "post" || m == "put" || m == "patch"; }

bool IsFaradayConn(const Context& ctx, ir::ExprId recv) {
  if (recv == ir::kNoExpr) return false;
  if (ctx.Text(recv) == "Faraday") return true;
  ir::ExprId d = ir::Deref(ctx.facts(), recv);
  if (d == recv && ctx.at(recv).kind == ir::ExprKind::kName) {
    // An instance variable set in another method: its binding is in the class scope.
    const ir::Expr& e = ctx.at(recv);
    for (const auto& b : ctx.facts().bindings) {
      if (b.name == e.text && b.value != ir::kNoExpr && ctx.at(b.value).kind == ir::ExprKind::kCall)
        d = b.value;
    }
  }
  const ir::Expr& de = ctx.at(d);
  return de.kind == ir::ExprKind::kCall && ctx.facts().calls[de.call].callee == "Faraday.new";
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::string_view callee = c.callee;
  std::string_view m = c.method;
  if (callee == "Net.HTTP.get" || callee == "Net.HTTP.get_response")
    return Site{Kind::kNetGet, "Net::HTTP", 0, -1, 1};
  if (callee == "Net.HTTP.post_form") return Site{Kind::kNetPostForm, "Net::HTTP", 0, 1, -1};
  static const RE2 kNew(R"(Net\.HTTP\.(Get|Post|Put|Patch|Delete|Head)\.new)");
  if (RE2::FullMatch(std::string(callee), kNew)) return Site{Kind::kNetNew, "Net::HTTP", 0, -1, 1};
  // multipart-post: Net::HTTP::Post::Multipart.new(url, params, headers = {})
  static const RE2 kMultipart(R"(Net\.HTTP\.(Post|Put)\.Multipart\.new)");
  if (RE2::FullMatch(std::string(callee), kMultipart))
    return Site{Kind::kNetNew, "Net::HTTP", 0, 1, 2};
  if (callee == "Faraday.new") return Site{Kind::kFaradayNew, "Faraday", -1, -1, -1};
  if (c.receiver == ir::kNoExpr) return std::nullopt;
  std::string_view recv = ctx.Text(c.receiver);
  // `self.class.send(http_method, url, options)`: HTTParty with the verb as an argument.
  if ((m == "send" || m == "public_send") && (recv == "HTTParty" || recv == "self.class"))
    return Site{Kind::kHttparty, "HTTParty", 1, 2, -1};
  if (!IsVerb(m)) return std::nullopt;
  if (recv == "HTTParty" || recv == "self.class") return Site{Kind::kHttparty, "HTTParty", 0};
  if (recv == "RestClient") {
    return BodyVerb(m) ? Site{Kind::kRestClient, "RestClient", 0, 1, 2}
                       : Site{Kind::kRestClient, "RestClient", 0, -1, 1};
  }
  if (IsFaradayConn(ctx, c.receiver)) return Site{Kind::kFaraday, "Faraday", 0, 1, 2};
  return std::nullopt;
}

const ir::Arg* Written(const ir::Call& c, int i) {
  std::vector<const ir::Arg*> a = WrittenArgs(c);
  return i >= 0 && static_cast<size_t>(i) < a.size() ? a[static_cast<size_t>(i)] : nullptr;
}

// A hash written without braces (keyword arguments `query: q, headers: h`).
bool Braceless(const Context& ctx, ir::ExprId map) {
  return ctx.at(map).kind == ir::ExprKind::kMap && !ctx.Text(map).empty() &&
         ctx.Text(map)[0] != '{';
}

// The position of the call's closing parenthesis (before any block), or throws.
size_t CloseParen(const Context& ctx, const ir::Call& c) {
  std::string_view src = ctx.src();
  size_t open = c.receiver != ir::kNoExpr ? ctx.at(c.receiver).span.end : c.span.begin;
  open = src.find(c.method, open);
  if (open != std::string_view::npos) open += c.method.size();
  if (open == std::string_view::npos || open >= src.size() || src[open] != '(')
    throw Withhold{"the call is written without parentheses; add the header by hand"};
  size_t p = open + 1;
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  for (const ir::Arg* a : args) p = std::max<size_t>(p, a->span.end);
  while (p < c.span.end && (src[p] == ' ' || src[p] == '\t' || src[p] == '\n' || src[p] == '\r' ||
                            src[p] == ','))
    ++p;
  if (p >= c.span.end || src[p] != ')') throw Withhold{"cannot find the call's closing parenthesis"};
  return p;
}

void AppendArg(Context& ctx, const ir::Call& c, const std::string& text) {
  size_t close = CloseParen(ctx, c);
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  if (args.empty()) {
    ctx.Insert(close, text.substr(2));
    return;
  }
  uint32_t last = 0;
  for (const ir::Arg* a : args) last = std::max(last, a->span.end);
  ctx.Insert(last, text);
}

bool SendsAuthorization(const Context& ctx, ir::ExprId v) {
  if (v == ir::kNoExpr) return false;
  if (ctx.HasKey(v, "authorization")) return true;
  ir::ExprId lit = ctx.MapLiteral(v);
  return lit != ir::kNoExpr && ctx.HasKey(lit, "authorization");
}

// Adds the entry to a headers hash (a literal, or a variable used only here; else merged).
void AddHeaderEntry(Context& ctx, ir::ExprId v, const std::string& entry) {
  if (SendsAuthorization(ctx, v)) throw Withhold{"the request already sends an Authorization header"};
  const ir::Expr& e = ctx.at(v);
  ir::ExprId lit = ir::kNoExpr;
  if (e.kind == ir::ExprKind::kMap) {
    lit = v;
  } else if (e.kind == ir::ExprKind::kName) {
    const ir::Binding* b = ctx.BindingOf(v);
    if (b != nullptr && ctx.ReadsOf(*b).size() == 1) lit = ctx.MapLiteral(v);
  }
  if (lit != ir::kNoExpr) {
    // A hash written with `key:` entries gets `Authorization: …` (a symbol key) too.
    std::vector<uint32_t> es = ctx.LiteralEntries(lit);
    bool symbols = !es.empty() &&
                   ctx.Text(ctx.facts().entries[es.front()].span).find("=>") == std::string_view::npos;
    if (symbols) {
      ctx.AppendEntry(lit, "Authorization: " + entry.substr(entry.find("=> ") + 3));
    } else {
      ctx.AppendEntry(lit, entry);
    }
    return;
  }
  ctx.Insert(e.span.end, ".merge(" + entry + ")");
}

// The keyword-argument hash written in the call (`f(url, query: q)`), or kNoExpr.
ir::ExprId KeywordHash(const Context& ctx, const ir::Call& c, size_t from) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  if (args.size() <= from) return ir::kNoExpr;
  ir::ExprId v = args.back()->value;
  return Braceless(ctx, v) ? v : ir::kNoExpr;
}

void AddNamedHeaders(Context& ctx, const ir::Call& c, size_t positional,
                     const std::string& entry) {
  if (const ir::Arg* h = ctx.ArgAt(c, -1, "headers")) {
    AddHeaderEntry(ctx, h->value, entry);
    return;
  }
  std::string hh = "headers: { " + entry + " }";
  ir::ExprId kw = KeywordHash(ctx, c, positional);
  if (kw != ir::kNoExpr) {
    ctx.AppendEntry(kw, hh);
    return;
  }
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  if (args.size() > positional) {
    // `f(url, { query: … })`: an options hash in braces.
    ir::ExprId opts = ctx.MapLiteral(args[positional]->value);
    if (opts != ir::kNoExpr && ctx.at(args[positional]->value).kind == ir::ExprKind::kMap) {
      ctx.AppendEntry(opts, hh);
      return;
    }
    throw Withhold{"the request options are not a hash literal; add the header by hand"};
  }
  AppendArg(ctx, c, ", " + hh);
}

// Positional headers hash at index k (RestClient, Faraday, Net::HTTP).
void AddPositionalHeaders(Context& ctx, const ir::Call& c, int k, const std::string& entry) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  auto uk = static_cast<size_t>(k);
  if (uk < args.size()) {
    AddHeaderEntry(ctx, args[uk]->value, entry);
    return;
  }
  std::string h = "{ " + entry + " }";
  if (uk == args.size()) {
    AppendArg(ctx, c, ", " + h);
    return;
  }
  if (uk == args.size() + 1) {
    AppendArg(ctx, c, ", nil, " + h);
    return;
  }
  throw Withhold{"cannot find where the request's headers go; add the header by hand"};
}

// True when calls `a` and `b` both build a Net::HTTP request into the same variable of one method
// (`req = Net::HTTP::Post::Multipart.new(url, p)` in one branch, `req = Net::HTTP::Post.new(url)`
// in the other): one request, built one of two ways.
bool SameRequestVariable(const Context& ctx, uint32_t a, uint32_t b) {
  const auto& calls = ctx.facts().calls;
  auto sa = Classify(ctx, calls[a]);
  auto sb = Classify(ctx, calls[b]);
  if (!sa || !sb || sa->kind != Kind::kNetNew || sb->kind != Kind::kNetNew) return false;
  const ir::Binding* ba = ir::BindingOfValue(ctx.facts(), calls[a].self);
  const ir::Binding* bb = ir::BindingOfValue(ctx.facts(), calls[b].self);
  return ba != nullptr && bb != nullptr && ba->name == bb->name && ba->scope == bb->scope;
}

// Net::HTTP::Get.new(uri[, headers]) and the like: headers written in the call get the entry; a
// request held in a variable gets `req["Authorization"] = …` after it.
void AddNetNewHeader(Context& ctx, const ir::Call& c, const Site& site, const std::string& entry,
                     const std::string& hv) {
  const ir::Binding* b = ir::BindingOfValue(ctx.facts(), c.self);
  if (b == nullptr || WrittenArgs(c).size() > static_cast<size_t>(site.headers_index)) {
    AddPositionalHeaders(ctx, c, site.headers_index, entry);
    return;
  }
  for (const auto& e : ctx.facts().entries) {
    if (e.container_name != b->name || ir::Resolve(ctx.facts(), b->name, e.span.begin, e.scope) != b)
      continue;
    ir::StringValue k = ir::Flatten(ctx.facts(), e.key, ctx.src());
    std::string kl = k.Joined();
    std::transform(kl.begin(), kl.end(), kl.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (kl == "authorization") throw Withhold{"the request already sends an Authorization header"};
  }
  for (const auto& o : ctx.facts().calls) {
    if (o.method == "basic_auth" && o.receiver != ir::kNoExpr && ctx.BindingOf(o.receiver) == b)
      throw Withhold{"the request already sends an Authorization header"};
  }
  InsertLineAfter(ctx, b->span.begin, b->span.end, b->name + "[" + ctx.Quoted("Authorization") + "] = " + hv);
}

// `self.class.send(verb, url, options)` with `options` a name: a line before the call gives it the
// header, merged into any headers it already has (`options = options.merge(headers: …)`).
void AddOptionsHeaders(Context& ctx, const ir::Call& c, const Site& site, const std::string& hv) {
  const ir::Arg* o = Written(c, site.params_index);
  if (o == nullptr || ctx.at(o->value).kind != ir::ExprKind::kName || WrittenArgs(c).size() != 3)
    throw Withhold{"the request options are not one hash variable; add the header by hand"};
  const std::string name = ctx.at(o->value).text;
  const size_t lb = ctx.LineBegin(c.span.begin);
  const std::string_view ind = ctx.IndentAt(c.span.begin);
  // The call's statement starts its line (`response = self.class.send(…)` or the call itself).
  const std::string_view head = ctx.src().substr(lb + ind.size(), c.span.begin - lb - ind.size());
  static const RE2 kHead(R"((?:[a-z_]\w*[ \t]*=[ \t]*)?)");
  if (!RE2::FullMatch(re2::StringPiece(head.data(), head.size()), kHead))
    throw Withhold{"the request is not a statement of its own; add the header by hand"};
  const std::string auth = ctx.Quoted("Authorization");
  ctx.Insert(lb, std::string(ind) + name + " = " + name + ".merge(headers: (" + name + "[:headers] || {}).merge(" + auth +
                     " => " + hv + "))" + std::string(ctx.Eol()));
}

}  // namespace

std::optional<Request> RubyFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  std::vector<ir::ExprId> encoded =
      is_map ? ctx.EncodersOf(value, {"encode_www_form"}) : std::vector<ir::ExprId>{};
  auto holds = [&](ir::ExprId v) { return CarriesEntry(ctx, v, value, encoded); };
  auto add = [&](uint32_t i, const std::string& client) {
    if (!found) {
      found = Request{i, client, {}};
    } else if (found->call != i && found->problem.empty() && SameRequestVariable(ctx, found->call, i)) {
      if (std::find(found->alternatives.begin(), found->alternatives.end(), i) == found->alternatives.end())
        found->alternatives.push_back(i);
    } else if (found->call != i) {
      MarkAmbiguous(ctx, &*found, i);
    }
  };
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    // `req.set_form_data(params)`: the request is the Net::HTTP::Post.new that `req` holds.
    if (is_map && (c.method == "set_form_data" || c.method == "form_data=") &&
        c.receiver != ir::kNoExpr && !c.args.empty() && ctx.HoldsEntry(c.args[0].value, value)) {
      ir::ExprId d = ir::Deref(ctx.facts(), c.receiver);
      if (ctx.at(d).kind == ir::ExprKind::kCall) {
        uint32_t ci = ctx.at(d).call;
        auto s = Classify(ctx, calls[ci]);
        if (s && s->kind == Kind::kNetNew) {
          add(ci, s->client);
          continue;
        }
      }
    }
    auto site = Classify(ctx, c);
    if (!site) continue;
    bool hit = false;
    const ir::Arg* url =
        site->url_index >= 0 ? Written(c, site->url_index) : ctx.ArgAt(c, -1, "url");
    if (is_map) {
      for (std::string_view n : {"query", "body", "params"}) {
        const ir::Arg* a = ctx.ArgAt(c, -1, n);
        if (a != nullptr && holds(a->value)) hit = true;
      }
      if (const ir::Arg* p = Written(c, site->params_index)) hit = hit || holds(p->value);
      if (const ir::Arg* h = Written(c, site->headers_index)) {
        // RestClient: `{ params: {…} }` in the headers hash.
        ir::ExprId hm = ctx.MapLiteral(h->value);
        for (uint32_t e : hm == ir::kNoExpr ? std::vector<uint32_t>{} : ctx.LiteralEntries(hm)) {
          const ir::MapEntry& me = ctx.facts().entries[e];
          if (ctx.at(me.key).text == "params" && holds(me.value)) hit = true;
        }
      }
      if (url != nullptr) hit = hit || holds(url->value);
    } else {
      hit = url != nullptr && ctx.BuiltFrom(url->value, value, ir::kInString);
      if (!hit && url != nullptr) {
        // `URI(url)` / `URI.parse(url)` as the argument.
        hit = ctx.BuiltFrom(
            url->value,
            [&](ir::ExprId x) {
              const ir::Expr& e = ctx.at(x);
              if (e.kind != ir::ExprKind::kCall) return false;
              const ir::Call& u = ctx.facts().calls[e.call];
              if (u.callee != "URI" && u.callee != "URI.parse") return false;
              return !u.args.empty() && ctx.BuiltFrom(u.args[0].value, value, ir::kInString);
            },
            ir::kThroughEverything);
      }
    }
    if (hit) add(i, site->client);
  }
  return found;
}

void RubyAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  auto site = Classify(ctx, c);
  if (!site) throw Withhold{"not a known HTTP call"};
  // A legacy API behind `URI(CONSTANT)` (the shared check reads string arguments only).
  if (const ir::Arg* u = Written(c, 0)) {
    if (ctx.BuiltFrom(
            u->value,
            [&](ir::ExprId x) {
              const ir::Expr& e = ctx.at(x);
              return e.kind == ir::ExprKind::kString && ir::IsLegacyApi(e.text);
            },
            ir::kThroughEverything)) {
      throw Withhold{
          "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand"};
    }
  }
  std::string hv = ctx.HeaderValue(token);
  std::string entry = ctx.Quoted("Authorization") + " => " + hv;
  switch (site->kind) {
    case Kind::kNetPostForm:
      throw Withhold{
          "Net::HTTP.post_form sends no headers; use a Net::HTTP::Post request with "
          "Authorization: Zoho-oauthtoken by hand"};
    case Kind::kNetGet: {
      if (WrittenArgs(c).size() > 2)
        throw Withhold{"Net::HTTP.get(host, path): use a URI and add the header by hand"};
      AddPositionalHeaders(ctx, c, 1, entry);
      return;
    }
    case Kind::kNetNew: {
      AddNetNewHeader(ctx, c, *site, entry, hv);
      for (uint32_t alt : req.alternatives) {
        const ir::Call& o = ctx.facts().calls[alt];
        AddNetNewHeader(ctx, o, *Classify(ctx, o), entry, hv);
      }
      return;
    }
    case Kind::kHttparty:
      if (site->params_index >= 0) {
        AddOptionsHeaders(ctx, c, *site, hv);
        return;
      }
      AddNamedHeaders(ctx, c, 1, entry);
      return;
    case Kind::kFaradayNew:
      AddNamedHeaders(ctx, c, 0, entry);
      return;
    case Kind::kFaraday:
    case Kind::kRestClient:
      AddPositionalHeaders(ctx, c, site->headers_index, entry);
      return;
  }
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kRubyProfile = {"ruby", "ENV.fetch(\"ZOHO_OAUTH_TOKEN\")", " + ", nullptr, RubyFindRequest, RubyAddHeader};

}  // namespace authshift::rewriters::oauth
