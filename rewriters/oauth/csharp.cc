// C#: the header for HttpClient (a request message, or a client created in the same method),
// WebClient and RestSharp (docs/architecture.md). A client held in a field is shared by every request and
// caller: setting its DefaultRequestHeaders there would be wrong, so that case is withheld with the
// recipe (an HttpRequestMessage with its own header).
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "scanner/core/strings.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

namespace {

enum class Kind { kHttpClient, kRequestMessage, kWebClient, kRestSharp };

struct Site {
  Kind kind;
  std::string client;
  int url_index = 0;
};

bool IsHttpClientMethod(std::string_view m) {
  static constexpr std::string_view kMethods[] = {
      "GetAsync",         "GetStringAsync",  "GetByteArrayAsync", "GetStreamAsync",
      "PostAsync",        "PutAsync",        "PatchAsync",        "DeleteAsync",
      "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync"};
  return std::find(std::begin(kMethods), std::end(kMethods), m) != std::end(kMethods);
}

bool IsWebClientMethod(std::string_view m) {
  static constexpr std::string_view kMethods[] = {"DownloadString",
                                                  "DownloadData",
                                                  "DownloadFile",
                                                  "UploadString",
                                                  "UploadValues",
                                                  "UploadData",
                                                  "OpenRead",
                                                  "DownloadStringTaskAsync",
                                                  "DownloadDataTaskAsync",
                                                  "UploadStringTaskAsync",
                                                  "UploadValuesTaskAsync",
                                                  "OpenReadTaskAsync"};
  return std::find(std::begin(kMethods), std::end(kMethods), m) != std::end(kMethods);
}

std::optional<Site> Classify(const ir::Call& c) {
  std::string_view m = c.method;
  if (c.receiver == kNoExpr) {
    if (m == "HttpRequestMessage") return Site{Kind::kRequestMessage, "HttpClient", 1};
    if (m == "RestRequest") return Site{Kind::kRestSharp, "RestSharp", 0};
    return std::nullopt;
  }
  if (IsHttpClientMethod(m)) return Site{Kind::kHttpClient, "HttpClient", 0};
  if (IsWebClientMethod(m)) return Site{Kind::kWebClient, "WebClient", 0};
  return std::nullopt;
}

bool Imports(std::string_view src, std::string_view ns) {
  RE2 re("(?m)^\\s*(global\\s+)?using\\s+" + RE2::QuoteMeta(std::string(ns)) + "\\s*;");
  return RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), re);
}

// True when an Authorization header is already put into `container` (`request.Headers`) in the
// scope of the variable `b`.
bool AlreadyAuthorized(const Context& ctx, const ir::Binding* b, const std::string& container) {
  for (const auto& e : ctx.facts().entries) {
    if (e.container_name == container && e.scope == b->scope && IsAuthorizationKey(ctx, e.key))
      return true;
  }
  return false;
}

// `new AuthenticationHeaderValue("Zoho-oauthtoken", token)`, qualified when the namespace is not
// imported.
std::string AuthValue(const Context& ctx, const std::string& token) {
  std::string type = Imports(ctx.src(), "System.Net.Http.Headers")
                         ? "AuthenticationHeaderValue"
                         : "System.Net.Http.Headers.AuthenticationHeaderValue";
  return "new " + type + "(\"Zoho-oauthtoken\", " + token + ")";
}

// The client variable a call is made on, when it is created by `new <type>(…)` in the method that
// makes the call (not a field shared with other requests).
const ir::Binding* LocalClient(const Context& ctx, const ir::Call& c, std::string_view type) {
  if (c.receiver == kNoExpr || ctx.at(c.receiver).kind != ExprKind::kName) return nullptr;
  const ir::Binding* b = ctx.BindingOf(c.receiver);
  if (b == nullptr || b->value == kNoExpr) return nullptr;
  const ir::Expr& v = ctx.at(b->value);
  if (v.kind != ExprKind::kCall || ctx.facts().calls[v.call].method != type) return nullptr;
  if (b->scope != ctx.at(c.self).scope) return nullptr;
  return b;
}

void AddFound(const Context& ctx, std::optional<Request>* found, uint32_t i,
              const std::string& client) {
  if (*found) {
    if ((*found)->call != i) MarkAmbiguous(ctx, &**found, i);
    return;
  }
  *found = Request{i, client, {}};
}


// --- RestSharp: what the whole request sends -----------------------------------------------------

constexpr std::string_view kLegacy =
    "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";

// The literal key and value of a RestSharp setter (`request.AddParameter("scope", "crmapi", …)`).
bool SetterEntry(const Context& ctx, const ir::Call& o, std::string* key, std::string* value) {
  for (const ir::Arg& a : o.args) {
    if (a.name != "<entry>") continue;
    for (uint32_t e : ir::EntriesOf(ctx.facts(), a.value)) {
      ir::StringValue k = ir::Flatten(ctx.facts(), ctx.facts().entries[e].key, ctx.src());
      ir::StringValue v = ir::Flatten(ctx.facts(), ctx.facts().entries[e].value, ctx.src());
      if (!k.AllLiteral()) return false;
      *key = core::AsciiLowered(k.Joined());
      *value = v.AllLiteral() ? v.Joined() : std::string();
      return true;
    }
  }
  return false;
}

// True when call `o` is made on the RestRequest `rest` (its variable, or its chain).
bool OnRequest(const Context& ctx, const ir::Call& o, const ir::Call& rest) {
  if (o.receiver == kNoExpr) return false;
  ExprId r = o.receiver;
  for (int guard = 0; guard < 32; ++guard) {
    ExprId d = ir::Deref(ctx.facts(), r);
    if (d == rest.self) return true;
    const ir::Expr& de = ctx.at(d);
    if (de.kind != ExprKind::kCall || ctx.facts().calls[de.call].receiver == kNoExpr) return false;
    r = ctx.facts().calls[de.call].receiver;
  }
  return false;
}

// The string assigned to `<request>.Resource` for the RestRequest `rest`, or kNoExpr.
ExprId ResourceOf(const Context& ctx, const ir::Call& rest) {
  const ir::Binding* b = ir::BindingOfValue(ctx.facts(), rest.self, true);
  if (b == nullptr) return kNoExpr;
  for (const auto& o : ctx.facts().bindings) {
    if (o.name == b->name + ".Resource" && o.scope == b->scope && o.value != kNoExpr) return o.value;
  }
  return kNoExpr;
}

// Why the RestRequest `rest` cannot be fixed, or "": it calls a legacy API (the RestClient's base
// URL or the Resource names one, or a setter sends `scope=crmapi`-style), or the token's parameter
// `key` fills a URL segment template (`?authtoken={authtoken}`) that must go with it.
std::string RestSharpProblem(const Context& ctx, const ir::Call& rest, std::string_view key) {
  const auto& calls = ctx.facts().calls;
  const uint32_t scope = ctx.at(rest.self).scope;
  for (const ir::Call& o : calls) {
    std::string k;
    std::string v;
    if (OnRequest(ctx, o, rest) && SetterEntry(ctx, o, &k, &v) && k == "scope" &&
        ir::IsLegacyScope(v))
      return std::string(kLegacy);
    if (o.method == "RestClient" && o.receiver == kNoExpr && o.self != kNoExpr &&
        ctx.at(o.self).scope == scope && !o.args.empty() &&
        ir::IsLegacyApi(ir::Flatten(ctx.facts(), o.args[0].value, ctx.src()).Joined()))
      return std::string(kLegacy);
  }
  const ExprId res = ResourceOf(ctx, rest);
  if (res == kNoExpr) return "";
  const std::string text = ir::Flatten(ctx.facts(), res, ctx.src()).Joined();
  if (ir::IsLegacyApi(text)) return std::string(kLegacy);
  if (!key.empty() && text.find("{" + std::string(key) + "}") != std::string::npos)
    return "the token fills the URL segment template {" + std::string(key) +
           "} of the RestSharp Resource; remove it from the template together with its "
           "AddParameter and add request.AddHeader(\"Authorization\", \"Zoho-oauthtoken \" + "
           "token) by hand";
  return "";
}

// The RestRequest whose Resource is built from the URL string `value` (`request.Resource =
// "items?authtoken=" + token`, fixed like any URL; `"{module}?authtoken={authtoken}"`, a
// template, withheld), or nullopt.
std::optional<Request> RestSharpResource(const Context& ctx, ExprId value) {
  const auto& calls = ctx.facts().calls;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    if (calls[i].method != "RestRequest" || calls[i].receiver != kNoExpr) continue;
    const ExprId res = ResourceOf(ctx, calls[i]);
    if (res == kNoExpr || !ctx.BuiltFrom(res, value, ir::kThroughCalls)) continue;
    return Request{i, "RestSharp", RestSharpProblem(ctx, calls[i], "authtoken")};
  }
  return std::nullopt;
}

}  // namespace

void CsharpPrepareLookup(Context& ctx, std::string_view expr) {
  if (expr.rfind("Environment.", 0) != 0) return;
  std::string_view src = ctx.src();
  if (Imports(src, "System")) return;
  // Before the first top-level using directive.
  size_t pos = 0;
  while (pos < src.size()) {
    if (src.substr(pos, 6) == "using " && src.substr(pos, 12) != "using static" &&
        src.find(';', pos) < src.find('\n', pos)) {
      ctx.Insert(pos, "using System;" + std::string(ctx.Eol()));
      return;
    }
    size_t e = src.find('\n', pos);
    if (e == std::string_view::npos) break;
    pos = e + 1;
  }
  throw Withhold{"cannot add 'using System;' for the token lookup; fix it by hand"};
}

std::optional<Request> CsharpFindRequest(const Context& ctx, ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  if (!is_map) {
    for (uint32_t i = 0; i < calls.size(); ++i) {
      auto site = Classify(calls[i]);
      if (!site) continue;
      const ir::Arg* u = ctx.ArgAt(calls[i], site->url_index);
      if (u != nullptr && ctx.BuiltFrom(u->value, value, ir::kThroughCalls))
        AddFound(ctx, &found, i, site->client);
    }
    if (!found) found = RestSharpResource(ctx, value);
    return found;
  }
  const ir::MapEntry& entry = ctx.facts().entries[value];
  for (const auto& c : calls) {
    bool setter = std::any_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) {
      return a.name == "<entry>" && a.value == entry.container;
    });
    if (!setter || c.receiver == kNoExpr) continue;
    std::string recv(ctx.Text(c.receiver));
    // WebClient `wc.QueryString.Add(k, v)`: the requests made on wc.
    if (recv.size() > 12 && recv.compare(recv.size() - 12, 12, ".QueryString") == 0) {
      std::string client = recv.substr(0, recv.size() - 12);
      for (uint32_t i = 0; i < calls.size(); ++i) {
        auto site = Classify(calls[i]);
        if (site && site->kind == Kind::kWebClient && calls[i].receiver != kNoExpr &&
            ctx.Text(calls[i].receiver) == client && calls[i].span.begin > c.span.begin &&
            ctx.at(calls[i].self).scope == ctx.at(c.self).scope)
          AddFound(ctx, &found, i, "WebClient");
      }
      return found;
    }
    // RestSharp `request.AddParameter(k, v)`: the RestRequest the variable holds, or the one the
    // chain starts with (`new RestRequest(…).AddParameter(k, v)`).
    ExprId r = ir::Deref(ctx.facts(), c.receiver);
    for (int guard = 0; guard < 32; ++guard) {
      const ir::Expr& re = ctx.at(r);
      if (re.kind != ExprKind::kCall) break;
      if (calls[re.call].method == "RestRequest") {
        std::string key;
        std::string ignored;
        SetterEntry(ctx, c, &key, &ignored);
        return Request{re.call, "RestSharp", RestSharpProblem(ctx, calls[re.call], key)};
      }
      if (calls[re.call].receiver == kNoExpr) break;
      r = calls[re.call].receiver;
    }
    return std::nullopt;
  }
  // Entries of a collection (`values["authtoken"] = t`, a dictionary for FormUrlEncodedContent):
  // a request that takes it, or what is built from it.
  for (const auto& c : calls) {
    bool holds = std::any_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) {
      return a.name.empty() && ctx.HoldsEntry(a.value, value);
    });
    if (!holds) continue;
    for (uint32_t i = 0; i < calls.size(); ++i) {
      auto site = Classify(calls[i]);
      if (!site) continue;
      for (const ir::Arg& a : calls[i].args) {
        if (a.name.empty() &&
            (calls[i].self == c.self || ctx.BuiltFrom(a.value, c.self, ir::kThroughCalls))) {
          AddFound(ctx, &found, i, site->client);
          break;
        }
      }
    }
  }
  return found;
}

void CsharpAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const auto& calls = ctx.facts().calls;
  const ir::Call& c = calls[req.call];
  auto site = Classify(c);
  if (!site) throw Withhold{"not a known HTTP call"};
  const std::string hint =
      "send it as an HttpRequestMessage with request.Headers.Authorization = new "
      "AuthenticationHeaderValue(\"Zoho-oauthtoken\", token) by hand";
  switch (site->kind) {
    case Kind::kHttpClient: {
      const ir::Binding* b = LocalClient(ctx, c, "HttpClient");
      if (b == nullptr) {
        throw Withhold{"the HttpClient '" + std::string(ctx.Text(c.receiver)) +
                       "' is not created in this method (it may be shared with other requests, "
                       "so its DefaultRequestHeaders must not carry this token); " +
                       hint};
      }
      if (AlreadyAuthorized(ctx, b, b->name + ".DefaultRequestHeaders"))
        throw Withhold{"the client already sends an Authorization header"};
      InsertStatementBefore(
          ctx, c.span.begin,
          b->name + ".DefaultRequestHeaders.Authorization = " + AuthValue(ctx, token) + ";");
      return;
    }
    case Kind::kRequestMessage: {
      const ir::Binding* b = ir::BindingOfValue(ctx.facts(), c.self, true);
      if (b == nullptr) throw Withhold{"the HttpRequestMessage is not held in a variable; " + hint};
      if (AlreadyAuthorized(ctx, b, b->name + ".Headers"))
        throw Withhold{"the request already sends an Authorization header"};
      InsertStatementAfter(ctx, b->span.begin, b->span.end,
                           b->name + ".Headers.Authorization = " + AuthValue(ctx, token) + ";");
      return;
    }
    case Kind::kWebClient: {
      const ir::Binding* b = LocalClient(ctx, c, "WebClient");
      if (b == nullptr) {
        throw Withhold{"the WebClient '" + std::string(ctx.Text(c.receiver)) +
                       "' is not created in this method; set its Headers[HttpRequestHeader."
                       "Authorization] = \"Zoho-oauthtoken \" + token by hand"};
      }
      if (AlreadyAuthorized(ctx, b, b->name + ".Headers"))
        throw Withhold{"the client already sends an Authorization header"};
      std::string key = Imports(ctx.src(), "System.Net") ? "HttpRequestHeader.Authorization"
                                                         : ctx.Quoted("Authorization");
      InsertStatementBefore(ctx, c.span.begin,
                            b->name + ".Headers[" + key + "] = " + ctx.HeaderValue(token) + ";");
      return;
    }
    case Kind::kRestSharp: {
      std::string add =
          ".AddHeader(" + ctx.Quoted("Authorization") + ", " + ctx.HeaderValue(token) + ")";
      const ir::Binding* b = ir::BindingOfValue(ctx.facts(), c.self, true);
      if (b == nullptr) {
        // `new RestRequest(…)` starting a chain of setters: one more link.
        bool chained = std::any_of(calls.begin(), calls.end(),
                                   [&](const ir::Call& o) { return o.receiver == c.self; });
        if (!chained)
          throw Withhold{
              "the RestRequest is not held in a variable; add "
              "request.AddHeader(\"Authorization\", \"Zoho-oauthtoken \" + token) by hand"};
        for (const auto& o : calls) {
          if (o.method == "AddHeader" && !o.args.empty() && c.span.begin <= o.span.begin &&
              o.span.end <= ctx.src().size()) {
            const ir::Arg* k = ctx.ArgAt(o, 0);
            if (k != nullptr && IsAuthorizationKey(ctx, k->value) &&
                ir::Deref(ctx.facts(), o.receiver) != kNoExpr) {
              // An AddHeader link on the same chain.
              ExprId r = o.receiver;
              for (int guard = 0; guard < 32 && ctx.at(r).kind == ExprKind::kCall; ++guard) {
                if (r == c.self)
                  throw Withhold{"the request already sends an Authorization header"};
                r = calls[ctx.at(r).call].receiver;
                if (r == kNoExpr) break;
              }
            }
          }
        }
        ChainAfter(ctx, c, add);
        return;
      }
      if (AlreadyAuthorized(ctx, b, b->name))
        throw Withhold{"the request already sends an Authorization header"};
      InsertStatementAfter(ctx, b->span.begin, b->span.end, b->name + add + ";");
      return;
    }
  }
  throw Withhold{"not a known HTTP call"};
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kCsharpProfile = {"csharp", "Environment.GetEnvironmentVariable(\"ZOHO_OAUTH_TOKEN\")", " + ", CsharpPrepareLookup,
    CsharpFindRequest, CsharpAddHeader, nullptr, false, false, ConstantStyle::kConstKeyword, UnusedLocals::kWarned};

}  // namespace authshift::rewriters::oauth
