#include "scanner/ir/flow.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace authshift::ir {
namespace {

// Calls whose result is their carrying argument (or receiver), encoded or merged.
bool IsPropagator(std::string_view method) {
  static const RE2 kRe(
      R"((?i)^(?:array_merge(?:_recursive)?|array_replace|array_filter|http_build_query|urlencode|urlencode_?params|)"
      R"(encode|encode_www_form|stringify|merge!?|reverse_merge!?|update|extend|assign|defaults|dict|to_query|)"
      R"(to_param|to_h|with_indifferent_access|clone|copy|URLSearchParams|FormData|putAll|addAll|fromMap|)"
      R"(UrlEncodedFormEntity|FormUrlEncodedContent|ToDictionary|toString|ToString|build|Encode|compact)$)");
  return RE2::FullMatch(re2::StringPiece(method.data(), method.size()), kRe);
}

bool IsLogging(std::string_view callee, std::string_view method) {
  static const RE2 kRe(R"((?i)^(?:print|printf|println|print_r|var_dump|var_export|echo|puts|p|pp|log|debug|info|)"
                       R"(warn|warning|error|trace|dump|dd|die|assert\w*|isset|empty|count|len|size|array_key_exists|)"
                       R"(key\?|has_key\?|contains|containsKey|ContainsKey|in_array)$)");
  return RE2::FullMatch(re2::StringPiece(method.data(), method.size()), kRe) ||
         callee.find("console.") == 0 || callee.find("logger") != std::string_view::npos ||
         callee.find("Log.") == 0 || callee.find("log.") == 0;
}

// Exceptions and errors carry their arguments into a message, not a request.
bool IsException(std::string_view method) {
  static const RE2 kRe(R"(\w*(?:Exception|Error)$)");
  return RE2::FullMatch(re2::StringPiece(method.data(), method.size()), kRe);
}

// A result named like a response: the call that produced it was the request.
bool IsResponseName(std::string_view name) {
  static const RE2 kRe(R"((?i)^[$@]?(?:self\.|this\.)?(?:r|res|resp|response|result|reply|json|xml|output|ret|raw)$)");
  return RE2::FullMatch(re2::StringPiece(name.data(), name.size()), kRe);
}

// A constructor of a request object (`Net::HTTP::Post.new(url)`, `new HttpPost(url)`): the request.
bool IsRequestConstructor(const Call& c) {
  static const RE2 kRe(R"((?:Request|Post|Get|Put|Patch|Delete)\b)");
  return (c.method == "new" || c.callee.rfind("new ", 0) == 0) &&
         RE2::PartialMatch(re2::StringPiece(c.callee.data(), c.callee.size()), kRe);
}

bool IsRequestLike(std::string_view method) {
  static const RE2 kRe(
      R"((?i)^(?:get|post|put|patch|delete|head|options|request|send|fetch|call|invoke|execute|exec|open|urlopen|)"
      R"(do|perform|submit|upload|download|curl_setopt|curl_setopt_array|curl_init|file_get_contents|getUrl|postUrl|)"
      R"(invokeurl|ajax|set_form_data|setParameterGet|setParameterPost|setEntity|setQuery|query|form|)"
      R"(\w*(?:Request|Url|URL|Post|Get|Method|Call|Async)\w*)$)");
  return RE2::FullMatch(re2::StringPiece(method.data(), method.size()), kRe);
}

bool InScope(const Facts& f, uint32_t inner, uint32_t outer) {
  for (int guard = 0; guard < 64; ++guard) {
    if (inner == outer) return true;
    if (inner >= f.scope_parent.size() || f.scope_parent[inner] == inner) return false;
    inner = f.scope_parent[inner];
  }
  return false;
}

// A field name ("$this.p", "self.p", "this.p", "@p") reads the same in every method.
bool IsField(std::string_view name) {
  return name.rfind("$this.", 0) == 0 || name.rfind("self.", 0) == 0 || name.rfind("this.", 0) == 0 ||
         name.rfind('@', 0) == 0 || name.rfind("cls.", 0) == 0;
}

// The name of the function whose body holds `at`: the nearest definition before it (Ruby's `def
// name` without parentheses included).
std::string EnclosingFunction(std::string_view source, uint32_t at) {
  static const RE2 kDef(
      R"((?:\bfunction\s+&?|\bdef\s+(?:self\.)?|\bfunc\s+(?:\([^)]*\)\s*)?|\b[\w<>\[\],?]+[ \t]+)(\w+)[ \t]*\([^;{}]*\)\s*(?::\s*[\w\\?|<>\[\] ]+)?(?:throws\s+[\w.,\s]+)?[{:\n]|\bdef[ \t]+(?:self\.)?(\w+[?!]?)[ \t]*(?:\n|;))");
  re2::StringPiece in(source.data(), std::min<size_t>(at, source.size()));
  re2::StringPiece name;
  re2::StringPiece bare;
  std::string last;
  static const RE2 kKeyword(R"(if|for|foreach|while|switch|catch|elseif|return|new|function|else|do|try|unless|until)");
  while (RE2::FindAndConsume(&in, kDef, &name, &bare)) {
    const re2::StringPiece n = name.empty() ? bare : name;
    if (!RE2::FullMatch(n, kKeyword)) last.assign(n.data(), n.size());
  }
  return last;
}

// The last expression of a Ruby method body (its implicit return value): only blanks and `end` follow.
bool FollowedByEnd(std::string_view source, uint32_t end) {
  size_t i = end;
  while (i < source.size() && (source[i] == ' ' || source[i] == '\t' || source[i] == '\n' || source[i] == '\r')) ++i;
  return i > end && source.substr(i, 3) == "end" &&
         (i + 3 == source.size() || !(std::isalnum(static_cast<unsigned char>(source[i + 3])) || source[i + 3] == '_'));
}

// Merges that change their receiver in place: `params.merge!(extra)`, `d.update(extra)`,
// `m.putAll(extra)`; the receiver then carries what the argument carries.
bool IsInPlaceMerge(std::string_view method) {
  static const RE2 kRe(R"(^(?:merge!|reverse_merge!|deep_merge!|update|putAll|addAll|extend|concat)$)");
  return RE2::FullMatch(re2::StringPiece(method.data(), method.size()), kRe);
}

bool PrecededByReturn(std::string_view source, uint32_t at) {
  size_t i = std::min<size_t>(at, source.size());
  while (i > 0 && (source[i - 1] == ' ' || source[i - 1] == '\t' || source[i - 1] == '(')) --i;
  return i >= 6 && source.substr(i - 6, 6) == "return" && (i == 6 || !std::isalnum(static_cast<unsigned char>(source[i - 7])));
}

struct Walk {
  const Facts& f;
  std::string_view source;
  std::vector<bool> carries;
  std::set<std::pair<std::string, uint32_t>> names;
  std::set<std::string> returning_functions;
  bool changed = false;

  void Mark(ExprId id) {
    if (id == kNoExpr || id >= carries.size() || carries[id]) return;
    carries[id] = true;
    changed = true;
  }
  void MarkName(const std::string& name, uint32_t scope) {
    if (name.empty()) return;
    if (names.insert({name, scope}).second) changed = true;
  }
  bool NameCarries(std::string_view name, uint32_t scope) const {
    for (const auto& [n, s] : names) {
      if (n != name) continue;
      if (IsField(n) || InScope(f, scope, s)) return true;
    }
    return false;
  }
  // A member read without parentheses that encodes a carrying name: Ruby `params.to_query` (a
  // snake_case method; a camelCase property such as JavaScript's `request.formData` is data, not a call).
  bool EncodedMemberCarries(const Expr& e) const {
    static const RE2 kSnakeCase(R"([a-z_]+[!?]?)");
    const size_t dot = e.text.rfind('.');
    if (dot == std::string::npos || dot == 0) return false;
    const std::string_view member = std::string_view(e.text).substr(dot + 1);
    if (!IsPropagator(member) || !RE2::FullMatch(re2::StringPiece(member.data(), member.size()), kSnakeCase)) return false;
    return NameCarries(std::string_view(e.text).substr(0, dot), e.scope);
  }
  bool ArgCarries(const Call& c) const {
    return std::any_of(c.args.begin(), c.args.end(),
                       [&](const Arg& a) { return a.value != kNoExpr && a.value < carries.size() && carries[a.value]; });
  }
  // The result of `c` is bound to a name that some later call reads.
  const Binding* BoundAndPassedOn(const Call& c) const {
    for (const Binding& b : f.bindings) {
      if (b.value != c.self) continue;
      for (const Expr& e : f.exprs) {
        if (e.kind == ExprKind::kName && e.text == b.name && e.span.begin > b.span.end) return &b;
      }
    }
    return nullptr;
  }
};

}  // namespace

FlowSeeds SeedsOfEntry(const Facts& facts, const MapEntry& entry) {
  FlowSeeds s;
  if (entry.container != kNoExpr) {
    s.exprs.push_back(entry.container);
    for (const Binding& b : facts.bindings) {
      if (b.value == entry.container) s.names.emplace_back(b.name, b.scope);
    }
  }
  if (!entry.container_name.empty()) s.names.emplace_back(entry.container_name, entry.scope);
  return s;
}

namespace {

// The walk from the seeds: `w` ends with what carries, `sinks` with the calls that take it.
void RunWalk(Walk& w, const FlowSeeds& seeds, std::set<uint32_t>* sinks) {
  const Facts& facts = w.f;
  const std::string_view source = w.source;
  for (ExprId e : seeds.exprs) w.Mark(e);
  for (const auto& [n, s] : seeds.names) w.MarkName(n, s);
  for (int round = 0; round < 8; ++round) {
    w.changed = false;
    for (ExprId i = 0; i < facts.exprs.size(); ++i) {
      const Expr& e = facts.exprs[i];
      if (w.carries[i]) continue;
      // A name that carries, or a bare call of a function returning a carrying value (Ruby `defaults`).
      if (e.kind == ExprKind::kName && (w.NameCarries(e.text, e.scope) || w.returning_functions.count(e.text) != 0 ||
                                        w.EncodedMemberCarries(e))) {
        w.Mark(i);
      }
      if ((e.kind == ExprKind::kList || e.kind == ExprKind::kConcat) &&
          std::any_of(e.children.begin(), e.children.end(), [&](ExprId c) { return c < w.carries.size() && w.carries[c]; })) {
        w.Mark(i);
      }
    }
    for (const MapEntry& m : facts.entries) {
      if (m.value == kNoExpr || m.value >= w.carries.size() || !w.carries[m.value]) continue;
      if (m.container != kNoExpr) w.Mark(m.container);
      if (!m.container_name.empty()) w.MarkName(m.container_name, m.scope);
    }
    for (const Binding& b : facts.bindings) {
      if (b.value != kNoExpr && b.value < w.carries.size() && w.carries[b.value]) w.MarkName(b.name, b.scope);
    }
    // Returned values make their function's calls carry.
    for (ExprId i = 0; i < facts.exprs.size(); ++i) {
      if (!w.carries[i]) continue;
      const Span sp = facts.exprs[i].span;
      if (!PrecededByReturn(source, sp.begin) && !FollowedByEnd(source, sp.end)) continue;
      std::string fn = EnclosingFunction(source, facts.exprs[i].span.begin);
      if (!fn.empty() && w.returning_functions.insert(fn).second) w.changed = true;
    }
    for (uint32_t ci = 0; ci < facts.calls.size(); ++ci) {
      const Call& c = facts.calls[ci];
      if (c.self == kNoExpr || w.carries[c.self]) continue;
      if (w.returning_functions.count(c.method) != 0) {
        w.Mark(c.self);
        continue;
      }
      bool receiver = c.receiver != kNoExpr && c.receiver < w.carries.size() && w.carries[c.receiver];
      bool arg = w.ArgCarries(c);
      if (!arg && !receiver) continue;
      if (arg && c.receiver != kNoExpr && IsInPlaceMerge(c.method)) {
        const Expr& r = facts.exprs[c.receiver];
        if (r.kind == ExprKind::kName) w.MarkName(r.text, r.scope);
      }
      if (IsPropagator(c.method)) {
        w.Mark(c.self);
        continue;
      }
      if (!arg || IsLogging(c.callee, c.method) || IsException(c.method)) continue;
      const Binding* bound = w.BoundAndPassedOn(c);
      if (!IsRequestLike(c.method) && !IsRequestConstructor(c) && bound != nullptr && !IsResponseName(bound->name)) {
        w.Mark(c.self);
        continue;
      }
      sinks->insert(ci);
    }
    if (!w.changed) break;
  }
}

}  // namespace

std::vector<bool> Carriers(const Facts& facts, std::string_view source, const FlowSeeds& seeds) {
  Walk w{facts, source, std::vector<bool>(facts.exprs.size(), false), {}, {}, false};
  std::set<uint32_t> sinks;
  RunWalk(w, seeds, &sinks);
  return std::move(w.carries);
}

std::vector<Span> SinksOf(const Facts& facts, std::string_view source, const FlowSeeds& seeds, Span exclude) {
  Walk w{facts, source, std::vector<bool>(facts.exprs.size(), false), {}, {}, false};
  std::set<uint32_t> sinks;
  RunWalk(w, seeds, &sinks);
  std::vector<Span> out;
  for (uint32_t ci : sinks) {
    const Call& c = facts.calls[ci];
    if (c.span.begin <= exclude.begin && exclude.end <= c.span.end) continue;
    // A call whose result is itself passed on to a sink is a step, not the end.
    if (c.self != kNoExpr && w.carries[c.self]) continue;
    out.push_back(c.span);
  }
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace authshift::ir
