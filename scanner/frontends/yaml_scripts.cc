#include "scanner/frontends/yaml_scripts.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "scanner/frontends/treesitter/lower.h"

namespace authshift::frontends {
namespace {

std::vector<std::string_view> Segments(std::string_view name) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    const size_t dot = name.find('.', i);
    out.push_back(name.substr(i, dot == std::string_view::npos ? std::string_view::npos : dot - i));
    if (dot == std::string_view::npos) return out;
    i = dot + 1;
  }
}

// True when the dotted key path names a CI script: its last key is run / script / before_script /
// after_script / bash, or `command` under `run` (CircleCI).
bool IsScriptKey(std::string_view name) {
  const std::vector<std::string_view> seg = Segments(name);
  const std::string_view last = seg.back();
  if (last == "run" || last == "script" || last == "before_script" || last == "after_script" || last == "bash") {
    return true;
  }
  return last == "command" && seg.size() >= 2 && seg[seg.size() - 2] == "run";
}

// The bare variable name of a key directly under `env:` / `variables:`, or empty.
std::string_view EnvName(std::string_view name) {
  const std::vector<std::string_view> seg = Segments(name);
  if (seg.size() < 2) return {};
  const std::string_view parent = seg[seg.size() - 2];
  if (parent != "env" && parent != "variables") return {};
  const std::string_view last = seg.back();
  if (last.empty() || std::isdigit(static_cast<unsigned char>(last[0])) != 0) return {};
  for (char c : last) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return {};
  }
  return last;
}

// `${{ expr }}` in the ranges becomes `${__expr__}` of the same length (non-name bytes as `_`).
// Returns false when nothing was masked.
bool MaskExpressions(std::string_view source, std::span<const ir::Span> ranges, std::string* out) {
  bool any = false;
  for (const ir::Span& r : ranges) {
    size_t p = source.find("${{", r.begin);
    while (p != std::string_view::npos && p + 3 <= r.end) {
      const size_t q = source.find("}}", p + 3);
      if (q == std::string_view::npos || q + 2 > r.end) break;
      if (!any) *out = std::string(source);
      any = true;
      for (size_t i = p + 2; i <= q; ++i) {
        const unsigned char c = static_cast<unsigned char>(source[i]);
        (*out)[i] = std::isalnum(c) != 0 ? source[i] : '_';
      }
      p = source.find("${{", q + 2);
    }
  }
  return any;
}

// Appends `from` to `into`, every id shifted, its scopes placed under `parent` (scope 0 of `from`
// becomes a new scope).
void Append(ir::Facts* into, ir::Facts from, uint32_t parent) {
  const auto expr_base = static_cast<ir::ExprId>(into->exprs.size());
  const auto call_base = static_cast<uint32_t>(into->calls.size());
  const auto scope_base = static_cast<uint32_t>(into->scope_parent.size());
  auto shift = [&](ir::ExprId id) { return id == ir::kNoExpr ? id : id + expr_base; };
  for (size_t s = 0; s < from.scope_parent.size(); ++s) {
    into->scope_parent.push_back(s == 0 ? parent : from.scope_parent[s] + scope_base);
  }
  for (ir::Expr& e : from.exprs) {
    for (ir::ExprId& c : e.children) c = shift(c);
    if (e.call != UINT32_MAX) e.call += call_base;
    e.scope += scope_base;
    into->exprs.push_back(std::move(e));
  }
  for (ir::Call& c : from.calls) {
    c.receiver = shift(c.receiver);
    c.self = shift(c.self);
    for (ir::Arg& a : c.args) a.value = shift(a.value);
    into->calls.push_back(std::move(c));
  }
  for (ir::MapEntry& m : from.entries) {
    m.key = shift(m.key);
    m.value = shift(m.value);
    m.container = shift(m.container);
    m.scope += scope_base;
    into->entries.push_back(std::move(m));
  }
  for (ir::Binding& b : from.bindings) {
    b.value = shift(b.value);
    b.scope += scope_base;
    into->bindings.push_back(std::move(b));
  }
  into->comments.insert(into->comments.end(), from.comments.begin(), from.comments.end());
}

}  // namespace

std::vector<ir::Span> ScriptRanges(const ir::Facts& facts, ir::ExprId id, std::string_view source) {
  std::vector<ir::Span> out;
  const ir::Expr& e = facts.at(id);
  if (e.kind != ir::ExprKind::kString || e.span.begin >= e.span.end || e.span.end > source.size()) return out;
  const char style = source[e.span.begin];
  const ir::Span lit = e.literal_span;
  if (lit.begin >= lit.end || lit.end > source.size()) return out;
  const std::string_view text = source.substr(lit.begin, lit.end - lit.begin);
  if (style == '|' || style == '>') {
    // Block scalar: each non-blank line without the common indentation, its line break included.
    const size_t indent = treesitter::YamlBlockIndent(text);
    if (indent == std::string_view::npos) return out;
    for (size_t i = 0; i < text.size();) {
      size_t nl = text.find('\n', i);
      const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
      if (nl == std::string_view::npos) nl = text.size();
      const std::string_view line = text.substr(i, nl - i);
      if (line.find_first_not_of(" \r") != std::string_view::npos) {
        out.push_back({static_cast<uint32_t>(lit.begin + i + indent), static_cast<uint32_t>(lit.begin + end)});
      }
      i = end;
    }
    return out;
  }
  if (text.find('\n') != std::string_view::npos) return out;  // multi-line flow scalars: not scripts
  if (style == '\'' && text.find("''") != std::string_view::npos) return out;
  if (style == '"' && text.find('\\') != std::string_view::npos) return out;
  out.push_back(lit);
  return out;
}

std::optional<ir::Facts> LowerYamlWithScripts(std::string_view source, size_t* parse_errors,
                                              std::span<const ir::Span> windows) {
  std::optional<ir::Facts> yaml = treesitter::LowerWithTreeSitter("yaml", source, parse_errors, windows);
  if (!yaml) return yaml;
  // The script scalars, in source order.
  std::vector<ir::ExprId> scripts;
  std::vector<ir::Binding> bindings;
  bindings.reserve(yaml->bindings.size());
  for (const ir::Binding& b : yaml->bindings) {
    bindings.push_back(b);
    if (b.op != "=" || b.value == ir::kNoExpr) continue;
    // An expression value (`${{ secrets.T }}`) is unknown here: the name stays a hole.
    if (std::string_view env = EnvName(b.name);
        !env.empty() && yaml->at(b.value).text.find("${{") == std::string::npos) {
      ir::Binding alias = b;
      alias.name = std::string(env);
      bindings.push_back(std::move(alias));
    }
    if (!IsScriptKey(b.name)) continue;
    const ir::Expr& v = yaml->at(b.value);
    if (v.kind == ir::ExprKind::kString) {
      scripts.push_back(b.value);
    } else if (v.kind == ir::ExprKind::kList) {
      for (ir::ExprId item : v.children) {
        if (yaml->at(item).kind == ir::ExprKind::kString) scripts.push_back(item);
      }
    }
  }
  yaml->bindings = std::move(bindings);
  std::sort(scripts.begin(), scripts.end(),
            [&](ir::ExprId a, ir::ExprId b) { return yaml->at(a).span.begin < yaml->at(b).span.begin; });
  std::string masked;
  for (ir::ExprId id : scripts) {
    std::vector<ir::Span> ranges = ScriptRanges(*yaml, id, source);
    if (ranges.empty()) continue;
    const std::string_view text = MaskExpressions(source, ranges, &masked) ? std::string_view(masked) : source;
    std::optional<ir::Facts> bash = treesitter::LowerWithTreeSitter("bash", text, nullptr, ranges);
    if (bash) Append(&*yaml, std::move(*bash), 0);
  }
  std::sort(yaml->comments.begin(), yaml->comments.end(),
            [](const ir::Span& a, const ir::Span& b) { return a.begin < b.begin; });
  return yaml;
}

}  // namespace authshift::frontends
