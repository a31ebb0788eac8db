// Why a URL built with the token reaches no request of its file, when this file can tell: the URL
// is handed to a method of the object that the file does not define (inherited from a parent class
// in another file), or the method that builds it is called only from other files. The fix is made
// file by file, so both are withheld; the reason names the method to fix by hand.
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "scanner/ir/flow.h"

namespace authshift::rewriters::oauth {
namespace {

size_t LineAt(std::string_view src, size_t off) {
  return static_cast<size_t>(std::count(src.begin(), src.begin() + static_cast<long>(off), '\n')) + 1;
}

// PHP's and Python's/Ruby's own receivers, whose methods are all `function` / `def` headers
// (JavaScript class methods have no keyword: its `this` is not read here).
bool OwnReceiver(std::string_view r) { return r == "$this" || r == "self" || r == "static"; }

}  // namespace

std::vector<MethodHeader> MethodHeaders(std::string_view src) {
  static const RE2 kHeader(R"(\b(?:def|function)\s+&?(?:self\.)?([A-Za-z_]\w*[?!]?))");
  std::vector<MethodHeader> out;
  re2::StringPiece in(src.data(), src.size());
  re2::StringPiece whole, name;
  size_t pos = 0;
  while (pos < src.size() && kHeader.Match(in, pos, in.size(), RE2::UNANCHORED, &whole, 1)) {
    RE2::PartialMatch(whole, kHeader, &name);
    const auto at = static_cast<size_t>(whole.data() - src.data());
    out.push_back({at, at + whole.size(), std::string(name)});
    pos = at + whole.size();
  }
  return out;
}

std::string UnreachedRequest(const Context& ctx, ir::ExprId url) {
  const ir::Facts& facts = ctx.facts();
  ir::FlowSeeds seeds;
  seeds.exprs.push_back(url);
  const std::vector<bool> carries = ir::Carriers(facts, ctx.src(), seeds);
  auto carrying = [&](ir::ExprId e) { return e != ir::kNoExpr && e < carries.size() && carries[e]; };
  const auto headers = MethodHeaders(ctx.src());
  auto defined = [&](const std::string& m) {
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.name == m; });
  };
  // Handed to `$this->m(…)` / `self.m(…)` that no header of this file defines.
  for (const ir::Call& c : facts.calls) {
    if (c.receiver == ir::kNoExpr || c.method.empty() || !OwnReceiver(ctx.Text(c.receiver)) || defined(c.method))
      continue;
    if (std::none_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) { return carrying(a.value); })) continue;
    std::string_view callee = ctx.Text(c.self);  // `$this->m`, `self::m`, `self.m`
    callee = callee.substr(0, std::min(callee.find('('), callee.size()));
    return "the URL is handed to " + std::string(callee) + "() (line " + std::to_string(LineAt(ctx.src(), c.span.begin)) +
           "), which this file does not define (inherited from a parent class or trait): remove the auth" "token parameter and add "
           "the Authorization: Zoho-oauthtoken header where that method makes the request, by hand, once every "
           "request it makes is to a current Zoho API";
  }
  // Handed, as it is (not a call's result built from it), to a request-like method of another
  // object (`$mu->get_contents($url)`, `sh.makeServiceCall(url)`) that this file does not define.
  static const RE2 kRequestLike(R"((?i)request|fetch|contents|call|send|execute|invoke|download|http|curl|api|^(?:get|post|put|patch|delete)_?[a-z])");
  static const RE2 kLogger(R"((?i)^(?:\$?(?:this->|self\.)?)?(?:log|logger|console|system\.(?:out|err))$)");
  for (const ir::Call& c : facts.calls) {
    if (c.receiver == ir::kNoExpr || c.method.empty() || OwnReceiver(ctx.Text(c.receiver)) || defined(c.method) ||
        !RE2::PartialMatch(c.method, kRequestLike) || RE2::FullMatch(std::string(ctx.Text(c.receiver)), kLogger))
      continue;
    if (std::none_of(c.args.begin(), c.args.end(),
                     [&](const ir::Arg& a) { return a.value != ir::kNoExpr && ctx.BuiltFrom(a.value, url, ir::kThroughReceivers); }))
      continue;
    std::string_view callee = ctx.Text(c.self);
    callee = callee.substr(0, std::min(callee.find('('), callee.size()));
    return "the URL is handed to " + std::string(callee) + "() (line " + std::to_string(LineAt(ctx.src(), c.span.begin)) +
           "), which this file does not define and which builds the request elsewhere: remove the auth" "token "
           "parameter and add the Authorization: Zoho-oauthtoken header where that method makes the request, by hand";
  }
  // Built by a method that returns it and that nothing in this file calls.
  std::vector<size_t> carried;  // where carrying expressions begin, sorted
  for (ir::ExprId e = 0; e < facts.exprs.size(); ++e) {
    if (carrying(e)) carried.push_back(facts.exprs[e].span.begin);
  }
  std::sort(carried.begin(), carried.end());
  for (size_t i = 0; i < headers.size(); ++i) {
    const MethodHeader& h = headers[i];
    const size_t end = i + 1 < headers.size() ? headers[i + 1].begin : ctx.src().size();
    auto first = std::lower_bound(carried.begin(), carried.end(), h.end);
    if (first == carried.end() || *first >= end) continue;
    // It returns the URL: a `return` statement of the method holds a carrying expression (Ruby
    // returns its last expression without one).
    const bool returns = ctx.profile().id == "ruby" || std::any_of(first, std::lower_bound(first, carried.end(), end), [&](size_t at) {
      const size_t line = ctx.src().rfind('\n', at) + 1;  // npos + 1 == 0: the first line
      const size_t code = ctx.src().find_first_not_of(" \t", line);
      return code != std::string_view::npos && ctx.src().compare(code, 6, "return") == 0;
    });
    if (!returns) continue;
    // Called by its name anywhere but its own header and comments (Ruby calls a method without
    // arguments by its bare name, so the text is searched, not only the calls).
    const RE2 name("\\b" + RE2::QuoteMeta(h.name) + "\\b");
    re2::StringPiece in(ctx.src().data(), ctx.src().size()), hit;
    bool called = false;
    for (size_t pos = 0; !called && name.Match(in, pos, in.size(), RE2::UNANCHORED, &hit, 1);) {
      const auto at = static_cast<size_t>(hit.data() - in.data());
      pos = at + hit.size();
      called = (at < h.begin || at >= h.end) &&
               std::none_of(facts.comments.begin(), facts.comments.end(),
                            [&](const ir::Span& c) { return c.begin <= at && at < c.end; });
    }
    if (called) continue;
    return h.name + "() builds the URL and returns it, and no code of this file calls it: its callers are in other "
           "files, and which requests they send it with cannot be told here; remove the auth" "token parameter and "
           "add the Authorization: Zoho-oauthtoken header where they request it, by hand";
  }
  return {};
}

}  // namespace authshift::rewriters::oauth
