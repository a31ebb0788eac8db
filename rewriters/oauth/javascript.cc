// JavaScript, TypeScript and TSX: the header for fetch, axios, request, superagent, jQuery.ajax,
// got and node's http/https (docs/architecture.md). Every client but superagent takes an options object;
// superagent gets a chained `.set("Authorization", …)`.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {
namespace {

struct Site {
  std::string client;
  int url_index = 0;         // -1: the URL is the `url` property of the options object
  int options_index = 1;     // where the options object is, or goes
  bool chained_set = false;  // superagent
};

bool IsVerb(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "del" ||
         m == "head" || m == "options";
}

bool Imports(std::string_view src, std::string_view name, std::string_view module) {
  std::string n = RE2::QuoteMeta(std::string(name));
  std::string m = RE2::QuoteMeta(std::string(module));
  RE2 re("(?:\\b" + n + "\\s*=\\s*require\\(\\s*['\"]" + m +
         "['\"]\\s*\\)|import\\s+(?:\\*\\s+as\\s+)?" + n + "\\s+from\\s+['\"]" + m + "['\"])");
  return RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), re);
}

bool IsObject(const Context& ctx, const ir::Arg* a) {
  return a != nullptr && ctx.MapLiteral(a->value) != ir::kNoExpr;
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  const ir::Arg* first = args.empty() ? nullptr : args[0];
  std::string_view callee = c.callee;
  std::string_view m = c.method;
  std::string recv = c.receiver == ir::kNoExpr ? std::string() : std::string(ctx.Text(c.receiver));
  bool object_first = IsObject(ctx, first);
  if (callee == "fetch" || callee == "window.fetch" || callee == "globalThis.fetch")
    return Site{"fetch", 0, 1, false};
  bool axios_like = recv == "axios";
  if (!axios_like && c.receiver != ir::kNoExpr) {
    ir::ExprId r = ir::Deref(ctx.facts(), c.receiver);
    axios_like = ctx.at(r).kind == ir::ExprKind::kCall &&
                 ctx.at(r).text.find("axios.create") != std::string::npos;
  }
  if (callee == "axios")
    return object_first ? Site{"axios", -1, 0, false} : Site{"axios", 0, 1, false};
  if (axios_like) {
    if (m == "request") return Site{"axios", -1, 0, false};
    if (m == "post" || m == "put" || m == "patch") return Site{"axios", 0, 2, false};
    if (IsVerb(m)) return Site{"axios", 0, 1, false};
    return std::nullopt;
  }
  if (callee == "got" || (recv == "got" && IsVerb(m))) return Site{"got", 0, 1, false};
  if (callee == "$.ajax" || callee == "jQuery.ajax") {
    return object_first ? Site{"jQuery.ajax", -1, 0, false} : Site{"jQuery.ajax", 0, 1, false};
  }
  if ((recv == "https" || recv == "http") && (m == "get" || m == "request")) {
    if (object_first) return std::nullopt;  // host/path options: the URL is not one string
    return Site{"node " + recv, 0, 1, false};
  }
  // superagent (`superagent.get(url)`, or imported under another name) before npm request.
  if (IsVerb(m) && !recv.empty() &&
      (recv == "superagent" || Imports(ctx.src(), recv, "superagent"))) {
    return Site{"superagent", 0, -1, true};
  }
  bool request_lib =
      callee == "request" || callee == "rp" || ((recv == "request" || recv == "rp") && IsVerb(m));
  if (request_lib)
    return object_first ? Site{"request", -1, 0, false} : Site{"request", 0, 1, false};
  return std::nullopt;
}

const ir::Arg* UrlArg(const Context& ctx, const ir::Call& c, const Site& s) {
  if (s.url_index >= 0) {
    std::vector<const ir::Arg*> args = WrittenArgs(c);
    return static_cast<size_t>(s.url_index) < args.size() ? args[static_cast<size_t>(s.url_index)]
                                                          : nullptr;
  }
  const ir::Arg* u = ctx.ArgAt(c, -1, "url");
  return u != nullptr ? u : ctx.ArgAt(c, -1, "uri");
}

bool IsFunction(const Context& ctx, ir::ExprId v) {
  std::string_view t = ctx.Text(v);
  return t.rfind("function", 0) == 0 || t.rfind("async", 0) == 0 ||
         t.find("=>") != std::string_view::npos;
}

// The literal entry `key` of an object literal, or nullptr.
const ir::MapEntry* Property(const Context& ctx, ir::ExprId obj, std::string_view key) {
  for (uint32_t e : ctx.LiteralEntries(obj)) {
    const ir::MapEntry& m = ctx.facts().entries[e];
    const ir::Expr& k = ctx.at(m.key);
    if (k.kind == ir::ExprKind::kString && k.text == key) return &m;
  }
  return nullptr;
}

}  // namespace

std::optional<Request> JsFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  // Parameters encoded first (URLSearchParams, querystring/qs.stringify) reach the request in its
  // URL or body.
  std::vector<ir::ExprId> encoded =
      is_map ? ctx.EncodersOf(value, {"URLSearchParams", "stringify", "encode"})
             : std::vector<ir::ExprId>{};
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    bool hit = false;
    auto site = Classify(ctx, c);
    if (is_map) {
      if (site && !site->chained_set) {
        for (std::string_view name : {"params", "qs", "searchParams", "data", "form", "body"}) {
          const ir::Arg* a = ctx.ArgAt(c, -1, name);
          if (a != nullptr && ctx.HoldsEntry(a->value, value)) hit = true;
        }
        for (ir::ExprId enc : encoded) {
          for (const ir::Arg& a : c.args)
            hit = hit || ctx.BuiltFrom(a.value, enc, ir::kThroughReceivers);
        }
      }
      // superagent: `.query({…})` / `.send({…})` chained on the request.
      if (!hit && (c.method == "query" || c.method == "send" || c.method == "field") &&
          !c.args.empty() && ctx.HoldsEntry(c.args[0].value, value)) {
        ir::ExprId r = c.receiver;
        for (int guard = 0; guard < 16 && r != ir::kNoExpr && ctx.at(r).kind == ir::ExprKind::kCall;
             ++guard) {
          uint32_t ci = ctx.at(r).call;
          auto s2 = Classify(ctx, calls[ci]);
          if (s2 && s2->chained_set) {
            if (found) {
              MarkAmbiguous(ctx, &*found, ci);
            } else {
              found = Request{ci, s2->client, {}};
            }
            break;
          }
          r = calls[ci].receiver;
        }
        continue;
      }
    } else if (site) {
      const ir::Arg* u = UrlArg(ctx, c, *site);
      hit = u != nullptr && ctx.BuiltFrom(u->value, value, ir::kInString);
    }
    if (!hit || !site) continue;
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, site->client, {}};
  }
  if (!found && is_map) return JsBuilderRequest(ctx, value);
  return found;
}

void JsAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  auto site = Classify(ctx, c);
  if (!site && JsAddBuilderHeader(ctx, req, token)) return;
  if (!site) throw Withhold{"not a known HTTP call"};
  std::string hv = ctx.HeaderValue(token);
  if (site->chained_set) {
    std::string set = ".set(" + ctx.Quoted("Authorization") + ", " + hv + ")";
    // A chain written one call per line gets the new call on a line of its own.
    size_t lb = ctx.LineBegin(c.span.end);
    std::string_view ind = ctx.IndentAt(c.span.end);
    bool own_line = lb + ind.size() < ctx.src().size() && ctx.src()[lb + ind.size()] == '.';
    ctx.Insert(c.span.end, own_line ? std::string(ctx.Eol()) + std::string(ind) + set : set);
    return;
  }
  std::string prop = "Authorization: " + hv;
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  auto k = static_cast<size_t>(site->options_index);
  if (k < args.size()) {
    const ir::Arg* a = args[k];
    if (ctx.MapLiteral(a->value) == ir::kNoExpr && IsFunction(ctx, a->value)) {
      ctx.Insert(ctx.at(a->value).span.begin, "{ headers: { " + prop + " } }, ");
      return;
    }
    ir::ExprId obj = ctx.MapLiteral(a->value);
    if (obj == ir::kNoExpr)
      throw Withhold{"the request's options are not an object literal; add the header by hand"};
    if (ctx.at(a->value).kind == ir::ExprKind::kName) {
      const ir::Binding* b = ctx.BindingOf(a->value);
      if (b == nullptr || ctx.ReadsOf(*b).size() != 1) {
        throw Withhold{
            "the request's options object is shared with other calls; add the header by hand"};
      }
    }
    if (const ir::MapEntry* h = Property(ctx, obj, "headers")) {
      ir::ExprId hl = ctx.MapLiteral(h->value);
      if (hl == ir::kNoExpr)
        throw Withhold{"the request's headers are not an object literal; add the header by hand"};
      if (ctx.HasKey(hl, "authorization") || ctx.HasKey(h->value, "authorization"))
        throw Withhold{"the request already sends an Authorization header"};
      if (ctx.at(h->value).kind == ir::ExprKind::kMap) {
        ctx.AppendEntry(h->value, prop);
      } else {
        const ir::Expr& hv_expr = ctx.at(h->value);
        ctx.Replace(hv_expr.span.begin, hv_expr.span.end,
                    "{ ..." + std::string(ctx.Text(h->value)) + ", " + prop + " }");
      }
      return;
    }
    ctx.AppendEntry(obj, "headers: { " + prop + " }");
    return;
  }
  if (k == args.size()) {
    AppendArgument(ctx, c, ", { headers: { " + prop + " } }");
    return;
  }
  if (k == args.size() + 1) {
    AppendArgument(ctx, c, ", undefined, { headers: { " + prop + " } }");
    return;
  }
  throw Withhold{"cannot find where the request's options go; add the header by hand"};
}

// These languages' rows of the OAuth rewriter's table (profiles.cc). Refresh mode deletes the
// token's local that nothing reads any more (dead_locals.cc): TypeScript's noUnusedLocals rejects
// it, and in JavaScript ESLint's recommended no-unused-vars reports it as an error.
extern const LanguageProfile kJavaScriptProfile = {"javascript", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest,
    JsAddHeader, nullptr, false, false, ConstantStyle::kNone, UnusedLocals::kWarned};
extern const LanguageProfile kTsxProfile = {"tsx", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest,
    JsAddHeader, nullptr, false, false, ConstantStyle::kNone, UnusedLocals::kWarned};
extern const LanguageProfile kTypeScriptProfile = {"typescript", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest,
    JsAddHeader, nullptr, false, false, ConstantStyle::kNone, UnusedLocals::kWarned};

}  // namespace authshift::rewriters::oauth
