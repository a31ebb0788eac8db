// Python: the token lookup's import, and the header for requests, httpx, urllib.request and
// http.client (docs/architecture.md).
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {
namespace {

struct Site {
  std::string client;
  int url_index = 0;       // positional index of the URL
  int headers_index = -1;  // positional index of headers, when the API takes them positionally
  int data_index = -1;     // positional index of a form body
  bool urlopen = false;    // takes no headers: the URL gets wrapped in a Request
};

bool IsVerb(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "head" ||
         m == "options";
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::string_view callee = c.callee;
  std::string_view m = c.method;
  if (callee.find("environ") != std::string_view::npos) return std::nullopt;
  auto lib = [&](std::string_view fallback) {
    if (callee.rfind("httpx", 0) == 0) return std::string("httpx");
    if (callee.rfind("requests", 0) == 0) return std::string("requests");
    return std::string(fallback);
  };
  if (m == "urlopen") return Site{"urllib.request", 0, -1, 1, true};
  if (m == "Request") return Site{"urllib.request", 0, 2, 1, false};
  if (m == "request") {
    // http.client's conn.request(method, url, body, headers); requests/httpx request(method, url).
    bool http_client = false;
    if (c.receiver != ir::kNoExpr) {
      ir::ExprId r = ir::Deref(ctx.facts(), c.receiver);
      const ir::Expr& re = ctx.at(r);
      http_client =
          re.kind == ir::ExprKind::kCall && re.text.find("Connection") != std::string::npos;
    }
    if (http_client) return Site{"http.client", 1, 3, 2, false};
    return Site{lib("requests/httpx"), 1, -1, -1, false};
  }
  if (IsVerb(m) && c.receiver != ir::kNoExpr) return Site{lib("requests/httpx"), 0, -1, -1, false};
  return std::nullopt;
}

}  // namespace

void PythonPrepareLookup(Context& ctx, std::string_view expr) {
  // `import os` and `import os.path` both bind os.
  if (expr.rfind("os.", 0) != 0) return;
  std::string_view src = ctx.src();
  static const RE2 kHasOs(R"((?m)^import\s+([\w.]+\s*,\s*)*os(\.[\w.]+)?\s*(,|$|#|\r))");
  if (RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kHasOs)) return;
  // Before the first top-level `import x` that sorts after os, else after the last one; never
  // above `from __future__` imports.
  size_t pos = 0;
  size_t insert_at = std::string_view::npos;
  size_t after_last = std::string_view::npos;
  while (pos < src.size()) {
    size_t e = src.find('\n', pos);
    size_t next = e == std::string_view::npos ? src.size() : e + 1;
    std::string_view line = src.substr(pos, next - pos);
    if (line.rfind("import ", 0) == 0) {
      std::string_view mod = line.substr(7);
      if (mod > std::string_view("os") && insert_at == std::string_view::npos) insert_at = pos;
      after_last = next;
    } else if (line.rfind("from ", 0) == 0 && line.rfind("from __future__", 0) != 0) {
      if (after_last == std::string_view::npos) after_last = pos;  // before the first from-import
    }
    pos = next;
  }
  if (insert_at == std::string_view::npos) insert_at = after_last;
  if (insert_at == std::string_view::npos) {
    throw Withhold{
        "cannot place 'import os' for the token lookup; add the Authorization header by hand"};
  }
  if (insert_at == src.size() && !src.empty() && src.back() != '\n') {
    ctx.Insert(insert_at, std::string(ctx.Eol()) + "import os");
  } else {
    ctx.Insert(insert_at, "import os" + std::string(ctx.Eol()));
  }
}

std::optional<Request> PythonFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  // Parameters encoded first (urllib.parse.urlencode) reach the request through the encoding.
  std::vector<ir::ExprId> encoded =
      is_map ? ctx.EncodersOf(value, {"urlencode"}) : std::vector<ir::ExprId>{};
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    auto site = Classify(ctx, c);
    if (!site) continue;
    bool hit = false;
    if (is_map) {
      for (std::string_view name : {"params", "data"}) {
        const ir::Arg* a = ctx.ArgAt(c, name == "data" ? site->data_index : -1, name);
        if (a != nullptr && ctx.HoldsEntry(a->value, value)) hit = true;
      }
      for (ir::ExprId enc : encoded) {
        for (const ir::Arg& a : c.args) hit = hit || ctx.Reaches(a.value, enc);
      }
    } else {
      const ir::Arg* u = ctx.ArgAt(c, site->url_index, "url");
      hit = u != nullptr && ctx.Flows(u->value, value);
    }
    if (!hit) continue;
    if (found) {
      MarkAmbiguous(ctx, &*found, i);  // sent by two requests: fixed by hand
      continue;
    }
    found = Request{i, site->client, {}};
  }
  return found;
}

void PythonAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  auto site = Classify(ctx, c);
  if (!site) throw Withhold{"not a known HTTP call"};
  if (ctx.Text(c.span).find("**") != std::string_view::npos) {
    throw Withhold{"the call passes **kwargs (maybe headers); add the header by hand"};
  }
  std::string entry = ctx.Quoted("Authorization") + ": " + ctx.HeaderValue(token);
  if (const ir::Arg* h = ctx.ArgAt(c, site->headers_index, "headers")) {
    const ir::Expr& v = ctx.at(h->value);
    ir::ExprId lit = ctx.MapLiteral(h->value);
    if (ctx.HasKey(h->value, "authorization") ||
        (lit != ir::kNoExpr && ctx.HasKey(lit, "authorization"))) {
      throw Withhold{"the request already sends an Authorization header"};
    }
    if (v.kind == ir::ExprKind::kMap) {
      ctx.AppendEntry(h->value, entry);
      return;
    }
    if (v.kind == ir::ExprKind::kName && lit != ir::kNoExpr) {
      const ir::Binding* b = ctx.BindingOf(h->value);
      if (b != nullptr && ctx.ReadsOf(*b).size() == 1) {
        ctx.AppendEntry(lit, entry);
        return;
      }
    }
    ctx.Replace(v.span.begin, v.span.end,
                "{**" + std::string(ctx.Text(h->value)) + ", " + entry + "}");
    return;
  }
  if (site->urlopen) {
    const ir::Arg* u = ctx.ArgAt(c, 0, "url");
    std::string prefix = c.callee.substr(0, c.callee.size() - c.method.size());
    static const RE2 kImported(R"((?m)^from\s+urllib\.request\s+import\s[^\n]*\bRequest\b)");
    std::string_view src = ctx.src();
    if (prefix.empty() && !RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kImported)) {
      throw Withhold{
          "urlopen(url) takes no headers and Request is not imported; wrap the URL in a Request by "
          "hand"};
    }
    if (u == nullptr || !u->name.empty()) throw Withhold{"cannot find urlopen's URL argument"};
    const ir::Expr& ue = ctx.at(u->value);
    // Two insertions around the URL, so the edits inside it (the parameter's removal) still apply.
    ctx.Insert(ue.span.begin, prefix + "Request(");
    ctx.Insert(ue.span.end, ", headers={" + entry + "})");
    return;
  }
  AppendArgument(ctx, c, ", headers={" + entry + "}");
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kPythonProfile = {"python", "os.environ[\"ZOHO_OAUTH_TOKEN\"]", " + ", PythonPrepareLookup, PythonFindRequest,
    PythonAddHeader};

}  // namespace authshift::rewriters::oauth
