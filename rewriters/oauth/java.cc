// Java: the header for HttpURLConnection, OkHttp, Apache HttpClient 4/5, java.net.http, Jersey
// and Spring RestTemplate.
// A request is found from the call that takes its URL (`new URL(u)`, `.url(u)`, `new HttpGet(u)`,
// `HttpRequest.newBuilder(u)`, `target(u)`, `rest.getForObject(u, …)`) or, for parameters, from
// the builder chain or entity that carries them; the header is a setter statement after the
// variable's declaration (`conn.setRequestProperty(…)`, `get.setHeader(…)`, `headers.set(…)`) or
// a `.header(…)` link chained on the builder; a RestTemplate shortcut that sends no headers
// (`getForObject`, `postForObject`, …) becomes `exchange(…, new HttpEntity<>(…, headers), …)`.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>

#include "rewriters/oauth/clients.h"
#include "scanner/core/strings.h"

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

// --- Spring: a call that sends no headers becomes exchange(…) ----------------------------------

constexpr std::string_view kSpringHttp = "org.springframework.http.";

// The file's single-type imports (`import a.b.C;`, not static) with the offsets of their lines.
struct JavaImport {
  std::string name;
  size_t line_begin = 0;
  size_t line_end = 0;  // after the line break
};

std::vector<JavaImport> JavaImports(std::string_view src) {
  static const RE2 kImport(R"((?m)^[ \t]*import[ \t]+([\w.]+(?:\.\*)?)[ \t]*;[^\n]*\n?)");
  std::vector<JavaImport> out;
  re2::StringPiece in(src.data(), src.size());
  re2::StringPiece name;
  while (RE2::FindAndConsume(&in, kImport, &name)) {
    const size_t end = static_cast<size_t>(in.data() - src.data());
    const size_t begin = src.rfind("import", static_cast<size_t>(name.data() - src.data()));
    const size_t lb = src.rfind('\n', begin);
    out.push_back({std::string(name), lb == std::string_view::npos ? 0 : lb + 1, end});
  }
  return out;
}

// Imports Spring's `simple` types (HttpEntity, HttpHeaders, HttpMethod) that the file does not
// import yet, each in sorted place among the imports (one edit per place). Throws Withhold when a
// simple name is another package's type, or when the file has no import to place them by.
void ImportSpringHttp(Context& ctx, std::initializer_list<std::string_view> simple) {
  const std::vector<JavaImport> imports = JavaImports(ctx.src());
  if (imports.empty()) throw Withhold{"the file has no imports to add Spring's HttpHeaders, HttpEntity and HttpMethod beside; rewrite the call by hand"};
  const bool wildcard = std::any_of(imports.begin(), imports.end(), [](const JavaImport& i) {
    return i.name == std::string(kSpringHttp) + "*";
  });
  std::map<size_t, std::string> at;  // offset -> the import lines inserted there
  for (std::string_view type : simple) {
    const std::string full = std::string(kSpringHttp) + std::string(type);
    bool have = wildcard;
    for (const JavaImport& i : imports) {
      if (i.name == full) have = true;
      const size_t dot = i.name.rfind('.');
      if (i.name != full && dot != std::string::npos && i.name.substr(dot + 1) == type)
        throw Withhold{"the file imports another " + std::string(type) + " (" + i.name +
                       "); rewrite the call with Spring's by hand"};
    }
    if (have) continue;
    // Before the first import that sorts after it, else after the last one.
    size_t where = imports.back().line_end;
    for (const JavaImport& i : imports) {
      if (i.name > full) {
        where = i.line_begin;
        break;
      }
    }
    std::string line = "import " + full + ";";
    if (where == imports.back().line_end && (where == 0 || ctx.src()[where - 1] != '\n')) {
      at[where] += std::string(ctx.Eol()) + line;
    } else {
      at[where] += line + std::string(ctx.Eol());
    }
  }
  for (const auto& [where, text] : at) ctx.Insert(where, text);
}

// A name that no binding of `scope` (a method's parameters and locals) uses.
std::optional<std::string> FreeLocal(const Context& ctx, uint32_t scope,
                                     std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    const auto it = ctx.facts().bindings_by_name.find(std::string(n));
    bool taken = false;
    if (it != ctx.facts().bindings_by_name.end()) {
      for (uint32_t b : it->second) taken = taken || ctx.facts().bindings[b].scope == scope;
    }
    if (!taken) return std::string(n);
  }
  return std::nullopt;
}

bool IsHeaderlessSpring(std::string_view m) {
  return m == "getForObject" || m == "getForEntity" || m == "postForObject" ||
         m == "postForEntity" || m == "patchForObject" || m == "postForLocation";
}

// `rest.getForObject(url, T.class, …)` -> `rest.exchange(url, HttpMethod.GET, new
// HttpEntity<>(headers), T.class, …).getBody()` (`…ForEntity` keeps the ResponseEntity; POST and
// PATCH wrap their request body: `new HttpEntity<>(body, headers)`; `postForLocation(url, body, …)`
// becomes `exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), Void.class,
// …).getHeaders().getLocation()`, the Location header it returned), after
// `HttpHeaders headers = new HttpHeaders(); headers.set("Authorization", …);` before the
// statement. Throws Withhold when the call is not one of those or the body may be an HttpEntity.
void SpringExchange(Context& ctx, const ir::Call& c, const std::string& name, const std::string& hv) {
  const auto& calls = ctx.facts().calls;
  const std::string_view m = c.method;
  const std::vector<const ir::Arg*> args = WrittenArgs(c);
  const bool get = m.substr(0, 3) == "get";
  const bool location = m == "postForLocation";
  const size_t type_arg = get ? 1 : location ? 1 : 2;  // postForLocation: the body is the last required one
  if (!IsHeaderlessSpring(m) || args.size() <= type_arg || c.receiver == kNoExpr)
    throw Withhold{"RestTemplate." + c.method +
                   "(…) sends no headers here: create HttpHeaders with headers.set("
                   "\"Authorization\", \"Zoho-oauthtoken \" + token) and call exchange(url, "
                   "method, new HttpEntity<>(body, headers), …) by hand"};
  const uint32_t scope = ctx.at(c.self).scope;
  for (const ir::Call& o : calls) {
    if (&o != &c && IsHeaderlessSpring(o.method) && o.self != kNoExpr && ctx.at(o.self).scope == scope)
      throw Withhold{"another RestTemplate call in this method sends no headers either; create one "
                     "HttpHeaders with the Authorization and call exchange(…) for each by hand"};
  }
  std::string body;
  if (!get) {
    const ir::Arg& b = *args[1];
    const ExprId d = ir::Deref(ctx.facts(), b.value);
    const ir::Expr& de = ctx.at(d);
    const bool entity = de.kind == ExprKind::kCall && (calls[de.call].method == "HttpEntity" ||
                                                        calls[de.call].method == "RequestEntity");
    const bool unknown = de.kind == ExprKind::kName || de.kind == ExprKind::kOther;
    if (entity || unknown)
      throw Withhold{"the request body '" + std::string(ctx.Text(b.span)) +
                     "' may already be an HttpEntity; call exchange(…) with its headers by hand"};
    body = de.kind == ExprKind::kNull ? "" : std::string(ctx.Text(b.span)) + ", ";
  }
  const std::optional<std::string> var = FreeLocal(ctx, scope, {"headers", "zohoHeaders"});
  if (!var) throw Withhold{"no free name for the HttpHeaders variable; rewrite the call by hand"};
  ImportSpringHttp(ctx, {"HttpEntity", "HttpHeaders", "HttpMethod"});
  const size_t method_at = ctx.src().find(c.method, ctx.at(c.receiver).span.end);
  if (method_at == std::string_view::npos || method_at > args[0]->span.begin)
    throw Withhold{"cannot find the method name of the RestTemplate call"};
  const std::string ind(ctx.IndentAt(c.span.begin));
  InsertStatementBefore(ctx, c.span.begin,
                        "HttpHeaders " + *var + " = new HttpHeaders();" + std::string(ctx.Eol()) +
                            ind + *var + ".set(" + name + ", " + hv + ");");
  ctx.Replace(method_at, method_at + c.method.size(), "exchange");
  const std::string verb = get ? "GET" : m.substr(0, 4) == "post" ? "POST" : "PATCH";
  const std::string entity = "new HttpEntity<>(" + body + *var + ")";
  if (get) {
    ctx.Insert(args[1]->span.begin, "HttpMethod.GET, " + entity + ", ");
  } else {
    ctx.Replace(args[1]->span.begin, args[1]->span.end,
                "HttpMethod." + verb + ", " + entity + (location ? ", Void.class" : ""));
  }
  if (m.size() > 9 && m.substr(m.size() - 9) == "ForObject") ctx.Insert(c.span.end, ".getBody()");
  if (location) ctx.Insert(c.span.end, ".getHeaders().getLocation()");
}

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
        ctx.BuiltFrom(c.args[0].value, carrier, ir::kThroughCalls)) {
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
      if (a.name.empty() && ctx.BuiltFrom(a.value, carrier, ir::kThroughCalls)) hit = true;
    }
    if (hit) add(i, site->client);
  }
}

// --- a URL handed to a helper method of this file ------------------------------------------------

// The parameters of the method whose scope is `scope`, in order.
std::vector<const ir::Binding*> ParamsOf(const Context& ctx, uint32_t scope) {
  std::vector<const ir::Binding*> out;
  for (const auto& b : ctx.facts().bindings) {
    if (b.op == "param" && b.scope == scope) out.push_back(&b);
  }
  std::sort(out.begin(), out.end(),
            [](const ir::Binding* a, const ir::Binding* b) { return a->span.begin < b->span.begin; });
  return out;
}

// The name of the method declared with the parameter list that starts with `first`, and whether
// other classes may call it (public or protected), or "" when the text is not a method header.
std::string MethodName(const Context& ctx, const ir::Binding& first, bool* visible_outside) {
  const std::string_view src = ctx.src();
  const size_t open = src.rfind('(', first.span.begin);
  if (open == std::string_view::npos) return "";
  size_t end = open;
  while (end > 0 && (src[end - 1] == ' ' || src[end - 1] == '\t')) --end;
  size_t begin = end;
  while (begin > 0 && (std::isalnum(static_cast<unsigned char>(src[begin - 1])) != 0 || src[begin - 1] == '_'))
    --begin;
  if (begin == end) return "";
  static const RE2 kOutside(R"(\b(public|protected)\b)");
  const size_t lb = ctx.LineBegin(begin);
  *visible_outside = RE2::PartialMatch(re2::StringPiece(src.data() + lb, begin - lb), kOutside);
  return std::string(src.substr(begin, end - begin));
}

// `resultJSON = connect(urlStr, "POST")` where `String connect(String u, …)` opens `new URL(u)`:
// the request is the site in the helper. Every call of the helper in this file must send a URL
// with the Authtoken (they all get the header), and the helper must be private or package-private
// (a caller in another class could send other URLs through it).
std::optional<Request> HelperRequest(const Context& ctx, ExprId value) {
  const auto& calls = ctx.facts().calls;
  std::optional<Request> found;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    auto site = Classify(ctx, calls[i]);
    const ir::Arg* u = site ? UrlArg(ctx, calls[i]) : nullptr;
    if (u == nullptr) continue;
    const ir::Binding* param = nullptr;
    ctx.BuiltFrom(
        u->value,
        [&](ExprId x) {
          const ir::Binding* b = ctx.at(x).kind == ExprKind::kName ? ctx.BindingOf(x) : nullptr;
          if (b != nullptr && b->op == "param") param = b;
          return param != nullptr;
        },
        ir::kThroughCalls);
    if (param == nullptr) continue;
    const std::vector<const ir::Binding*> params = ParamsOf(ctx, param->scope);
    const size_t k = static_cast<size_t>(std::find(params.begin(), params.end(), param) - params.begin());
    bool outside = false;
    const std::string name = MethodName(ctx, *params.front(), &outside);
    if (name.empty()) continue;
    bool reached = false;
    std::string problem;
    for (const ir::Call& caller : calls) {
      if (caller.method != name || (caller.callee != name && caller.callee != "this." + name) ||
          caller.self == kNoExpr)
        continue;
      const std::vector<const ir::Arg*> args = WrittenArgs(caller);
      if (args.size() != params.size()) {
        problem = "'" + name + "' has overloads; add the Authorization: Zoho-oauthtoken header by hand";
        continue;
      }
      if (ctx.BuiltFrom(args[k]->value, value, ir::kThroughCalls)) reached = true;
      std::string url = core::AsciiLowered(ir::Flatten(ctx.facts(), args[k]->value, ctx.src()).Joined());
      if (url.find("authtoken=") == std::string::npos && problem.empty())
        problem = "the helper " + name + "(…) also sends a request without the Authtoken (line " +
                  std::to_string(std::count(ctx.src().begin(), ctx.src().begin() + caller.span.begin, '\n') + 1) +
                  "), which must not get the header; add it by hand";
    }
    if (!reached) continue;
    if (outside && problem.empty())
      problem = "the helper " + name + "(…) is public or protected: callers in other files would send the "
                "header too; add it by hand";
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, site->client + " in " + name + "()", problem};
  }
  return found;
}

// A class of the project (imported from a non-JDK package, or of the same package: not imported
// and not java.lang) named `cls`.
bool ProjectClass(const Context& ctx, std::string_view cls) {
  static const std::set<std::string_view> kJavaLang = {"String", "StringBuilder", "Math", "Integer", "Long",
                                                       "Double", "Float", "Boolean", "Character", "Byte",
                                                       "Short", "Object", "System", "Thread"};
  for (const JavaImport& i : JavaImports(ctx.src())) {
    const size_t dot = i.name.rfind('.');
    if (dot != std::string::npos && i.name.substr(dot + 1) == cls)
      return i.name.rfind("java.", 0) != 0 && i.name.rfind("javax.", 0) != 0;
  }
  return kJavaLang.count(cls) == 0;
}

// The class of the project that `receiver` is or is an instance of: `CommonUtils` itself, or `sh`
// declared `HttpHandler sh` (a local, field or parameter of this file). Empty when neither.
std::string ProjectReceiverClass(const Context& ctx, std::string_view receiver) {
  static const RE2 kClass(R"([A-Z]\w*)");
  static const RE2 kVariable(R"([a-z_]\w*)");
  std::string cls;
  if (RE2::FullMatch(std::string(receiver), kClass)) {
    cls = receiver;
  } else if (RE2::FullMatch(std::string(receiver), kVariable)) {
    const RE2 declared("\\b([A-Z]\\w*)\\s+" + std::string(receiver) + "\\s*[=;,)]");
    RE2::PartialMatch(ctx.src(), declared, &cls);
  }
  return !cls.empty() && ProjectClass(ctx, cls) ? cls : std::string();
}

// `CommonUtils.executePostMethod(params)`, `sh.makeServiceCall(url)` with `HttpHandler sh`: the value
// itself (not a call's result built from it) is handed to a method of another class of the project,
// which builds the request in a file this fix does not edit. Withheld, naming it.
std::optional<Request> OtherClassCall(const Context& ctx, ExprId value, bool is_map) {
  const auto& calls = ctx.facts().calls;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    if (c.receiver == kNoExpr) continue;
    const std::string cls = ProjectReceiverClass(ctx, ctx.Text(c.receiver));
    if (cls.empty()) continue;
    for (const ir::Arg& a : c.args) {
      const bool hit =
          is_map ? ctx.HoldsEntry(a.value, value) : ctx.BuiltFrom(a.value, value, ir::kThroughReceivers);
      if (!a.name.empty() || !hit) continue;
      const std::string of = cls == ctx.Text(c.receiver) ? "" : " (" + cls + ")";
      return Request{i, "", "the " + std::string(is_map ? "parameters are" : "URL is") + " handed to " + c.callee +
                                "(…)" + of + ", which builds the request in another file: remove the authtoken parameter "
                                "and add the Authorization: Zoho-oauthtoken header there by hand"};
    }
  }
  return std::nullopt;
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
      if (u == nullptr || !ctx.BuiltFrom(u->value, value, ir::kThroughCalls)) continue;
      if (found) {
        MarkAmbiguous(ctx, &*found, i);
        continue;
      }
      found = Request{i, site->client, {}};
    }
    if (!found) found = HelperRequest(ctx, value);
    if (!found) found = OtherClassCall(ctx, value, false);
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
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    for (const ir::Arg& a : c.args) {
      if (!a.name.empty() || !ctx.HoldsEntry(a.value, value)) continue;
      // `rest.postForObject(url, form, T.class)`: the form is the request body itself.
      if (auto site = Classify(ctx, c); site && site->kind == Kind::kSpring && &a != &c.args[0]) {
        if (found && found->call != i) MarkAmbiguous(ctx, &*found, i);
        if (!found) found = Request{i, site->client, {}};
        break;
      }
      FindFromCarrier(ctx, c.self, &found);
      break;
    }
  }
  if (!found) found = OtherClassCall(ctx, value, true);
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
      const ir::Binding* b = ir::BindingOfValue(ctx.facts(), open->self, true);
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
      const ir::Binding* b = ir::BindingOfValue(ctx.facts(), c.self, true);
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
      SpringExchange(ctx, c, name, hv);
      return;
    }
  }
  throw Withhold{"not a known HTTP call"};
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kJavaProfile = {"java", "System.getenv(\"ZOHO_OAUTH_TOKEN\")", " + ", nullptr, JavaFindRequest, JavaAddHeader};

}  // namespace authshift::rewriters::oauth
