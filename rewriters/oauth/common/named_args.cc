// Ruby's named format placeholders (`format("…&authtoken=%<tok>s", tok: t)`, `%{tok}`), whose
// names the lowering does not resolve to the keyword arguments: the arguments are read from the
// source after the template, split at their top-level commas.
#include <re2/re2.h>

#include <string>
#include <vector>

#include "rewriters/oauth/common/fixer.h"

namespace authshift::rewriters::oauth {

namespace {

const std::string kHand = "; remove the authtoken parameter and its argument by hand";

// The top-level comma-separated pieces of `text` (brackets and quotes respected), as
// [begin, end) offsets relative to `text`; empty when the brackets or quotes do not balance.
std::vector<std::pair<size_t, size_t>> SplitTopLevel(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> pieces;
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (quote != 0) {
      if (c == '\\') {
        ++k;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth < 0) return {};
    } else if (c == ',' && depth == 0) {
      pieces.emplace_back(start, k);
      start = k + 1;
    }
  }
  if (depth != 0 || quote != 0) return {};
  pieces.emplace_back(start, text.size());
  return pieces;
}

}  // namespace

void Fixer::RemoveRubyNamedParam(const ir::Expr& s, size_t joint, const ir::Expr* next, const FormatSite& f) {
  named_token_ = ir::kNoExpr;
  // The hole is the template itself: `format(<template>, name: v, …)` or `<template> % { name: v }`.
  const ir::Expr& tmpl = facts_.exprs[f.hole];
  const size_t close = tmpl.span.end - 1;
  if (close < f.ph_end || (src_[close] != '"' && src_[close] != '\'') || f.whole.end < close + 2)
    throw Withhold{"cannot find the arguments of the named placeholders" + kHand};
  // The placeholder's name used once in the template.
  const std::string_view body = src_.substr(tmpl.span.begin, close - tmpl.span.begin);
  const RE2 use("(%<" + RE2::QuoteMeta(f.name) + ">|%\\{" + RE2::QuoteMeta(f.name) + "\\})");
  re2::StringPiece in(body.data(), body.size());
  int uses = 0;
  while (RE2::FindAndConsume(&in, use)) ++uses;
  if (uses != 1) throw Withhold{"the placeholder " + f.name + " is used more than once" + kHand};
  // The arguments after the template.
  static const RE2 kFormatArgs(R"((?s)\s*,(.*)\))");
  static const RE2 kHashArg(R"((?s)\s*%\s*\{(.*)\})");
  const std::string_view after = src_.substr(close + 1, f.whole.end - close - 1);
  std::string list;
  const bool printf = RE2::FullMatch(after, kFormatArgs, &list);
  if (!printf && !RE2::FullMatch(after, kHashArg, &list))
    throw Withhold{"cannot find the arguments of the named placeholders" + kHand};
  const size_t list_at = close + 1 + after.find(list);
  const std::vector<std::pair<size_t, size_t>> pieces = SplitTopLevel(list);
  static const RE2 kKeyword(R"((?s)(\s*(?::([A-Za-z_]\w*)\s*=>|([A-Za-z_]\w*):\s)\s*)\S.*)");
  std::vector<ir::Span> items;
  size_t k = pieces.size();
  ir::Span value{};
  for (const auto& [b, e] : pieces) {
    std::string head, sym, key;
    if (!RE2::FullMatch(list.substr(b, e - b), kKeyword, &head, &sym, &key))
      throw Withhold{"an argument of the named placeholders is not a keyword argument" + kHand};
    const size_t lead = list.find_first_not_of(" \t\r\n", b);
    size_t end = e;
    while (end > lead && (list[end - 1] == ' ' || list[end - 1] == '\t' || list[end - 1] == '\r' || list[end - 1] == '\n')) --end;
    if ((sym.empty() ? key : sym) == f.name) {
      k = items.size();
      value = {static_cast<uint32_t>(list_at + b + head.size()), static_cast<uint32_t>(list_at + end)};
    }
    items.push_back({static_cast<uint32_t>(list_at + lead), static_cast<uint32_t>(list_at + end)});
  }
  if (k == pieces.size()) throw Withhold{"no keyword argument takes the placeholder " + f.name + kHand};
  // The token: the expression written as that argument's value.
  ir::ExprId token = ir::kNoExpr;
  for (ir::ExprId id = 0; id < facts_.exprs.size() && token == ir::kNoExpr; ++id) {
    if (facts_.exprs[id].span.begin == value.begin && facts_.exprs[id].span.end == value.end) token = id;
  }
  if (token == ir::kNoExpr) throw Withhold{"cannot read the value of the keyword argument " + f.name + kHand};
  named_token_ = token;
  RemovePlaceholder(s, joint, f, next);
  if (items.size() > 1) {
    RemoveItem(items, k, {});
  } else if (printf) {
    ctx_->Delete(close + 1, f.whole.end - 1);  // `format("…")`
  } else {
    throw Withhold{"the token is the only formatted value" + kHand};
  }
}

}  // namespace authshift::rewriters::oauth
