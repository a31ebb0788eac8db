// Statement and argument edits shared by the language files: a line or statement inserted after or
// before another, a link chained on a call, an argument appended.
#include "rewriters/oauth/common/statements.h"

#include "rewriters/oauth/common/values.h"

namespace authshift::rewriters::oauth {

using ir::ExprId;
using ir::ExprKind;
using ir::kNoExpr;

size_t StatementLineEnd(const Context& ctx, size_t end) {
  std::string_view src = ctx.src();
  size_t nl = src.find('\n', end);
  size_t line_end = nl == std::string_view::npos ? src.size() : nl;
  if (line_end > end && src[line_end - 1] == '\r') --line_end;
  std::string_view rest = src.substr(end, line_end - end);
  if (rest.find_first_not_of(" \t;") != std::string_view::npos)
    throw Withhold{"the statement does not end its line; add the header by hand"};
  return line_end;
}

void InsertLineAfter(Context& ctx, size_t stmt_begin, size_t stmt_end, const std::string& line) {
  size_t at = StatementLineEnd(ctx, stmt_end);
  ctx.Insert(at, std::string(ctx.Eol()) + std::string(ctx.IndentAt(stmt_begin)) + line);
}

void InsertStatementAfter(Context& ctx, size_t begin, size_t end, const std::string& stmt) {
  std::string_view src = ctx.src();
  size_t p = end;
  while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
  if (p >= src.size() || src[p] != ';')
    throw Withhold{
        "cannot find the end of the statement that creates the request; add the header "
        "by hand"};
  size_t le = src.find('\n', p);
  size_t line_end = le == std::string_view::npos ? src.size() : le;
  std::string_view rest = src.substr(p + 1, line_end - p - 1);
  size_t nb = rest.find_first_not_of(" \t\r");
  if (nb != std::string_view::npos && rest.substr(nb, 2) != "//")
    throw Withhold{"more code follows the request's statement on its line; add the header by hand"};
  std::string ind(ctx.IndentAt(begin));
  if (le == std::string_view::npos) {
    ctx.Insert(src.size(), std::string(ctx.Eol()) + ind + stmt);
  } else {
    ctx.Insert(le + 1, ind + stmt + std::string(ctx.Eol()));
  }
}

void InsertStatementBefore(Context& ctx, size_t at, const std::string& stmt) {
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(at);
  std::string_view ind = ctx.IndentAt(at);
  // The code before this line, comment lines skipped, must end a statement or open a block.
  size_t p = lb;
  char last = '\0';
  while (p > 0) {
    size_t pb = ctx.LineBegin(p - 1);
    std::string_view line = src.substr(pb, p - pb);
    size_t a = line.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos || line.substr(a, 2) == "//" || line.substr(a, 1) == "*" ||
        line.substr(a, 2) == "/*" || line.substr(a, 1) == "#") {
      p = pb;
      continue;
    }
    size_t z = line.find_last_not_of(" \t\r\n");
    last = line[z];
    break;
  }
  if (p > 0 && last != ';' && last != '{' && last != '}')
    throw Withhold{
        "the request is not made by a statement of its own (an if without braces?); "
        "add the header by hand"};
  ctx.Insert(lb, std::string(ind) + stmt + std::string(ctx.Eol()));
}

void ChainAfter(Context& ctx, const ir::Call& c, const std::string& link) {
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(c.span.end);
  std::string_view ind = ctx.IndentAt(c.span.end);
  bool own_line = lb + ind.size() < src.size() && src[lb + ind.size()] == '.';
  if (!own_line) {
    size_t le = src.find('\n', c.span.end);
    if (le != std::string_view::npos &&
        src.substr(c.span.end, le - c.span.end).find_first_not_of(" \t\r") ==
            std::string_view::npos) {
      std::string_view next_ind = ctx.IndentAt(le + 1);
      if (le + 1 + next_ind.size() < src.size() && src[le + 1 + next_ind.size()] == '.') {
        own_line = true;
        ind = next_ind;
      }
    }
  }
  ctx.Insert(c.span.end, own_line ? std::string(ctx.Eol()) + std::string(ind) + link : link);
}

void AppendArgument(Context& ctx, const ir::Call& call, const std::string& text) {
  std::string_view src = ctx.src();
  size_t close = call.span.end;
  while (close > call.span.begin && src[close - 1] != ')') --close;
  if (close == call.span.begin) throw Withhold{"cannot find the call's closing parenthesis"};
  --close;
  std::vector<const ir::Arg*> args = WrittenArgs(call);
  if (args.empty()) {
    ctx.Insert(close, text.substr(2));
    return;
  }
  uint32_t last = 0;
  const ir::Arg* last_arg = nullptr;
  for (const ir::Arg* a : args) {
    if (a->span.end >= last) {
      last = a->span.end;
      last_arg = a;
    }
  }
  size_t p = last;
  while (p < close && (src[p] == ' ' || src[p] == '\t')) ++p;
  bool trailing_comma = p < close && src[p] == ',';
  size_t q = trailing_comma ? p + 1 : last;
  while (q < close && (src[q] == ' ' || src[q] == '\t' || src[q] == '\r')) ++q;
  if (q < close && src[q] == '\n') {
    std::string ind(ctx.IndentAt(last_arg->span.begin));
    if (trailing_comma) {
      ctx.Insert(p + 1, std::string(ctx.Eol()) + ind + text.substr(2) + ",");
    } else {
      ctx.Insert(last, "," + std::string(ctx.Eol()) + ind + text.substr(2));
    }
    return;
  }
  ctx.Insert(last, text);
}

std::optional<ir::Span> AppendLinks(std::string_view src, ir::Span prev, ir::Span lit, ir::Span hole) {
  if (prev.end > lit.begin || hole.end >= src.size()) return std::nullopt;
  std::string_view gap = src.substr(prev.end, lit.begin - prev.end);
  while (!gap.empty() && (gap.back() == ' ' || gap.back() == '\t' || gap.back() == '\n' || gap.back() == '\r')) gap.remove_suffix(1);
  const size_t dot = gap.rfind('.');
  if (dot == std::string_view::npos || (gap.substr(dot) != ".Append(" && gap.substr(dot) != ".append(")) return std::nullopt;
  size_t close = hole.end;
  while (close < src.size() && (src[close] == ' ' || src[close] == '\t')) ++close;
  if (close >= src.size() || src[close] != ')') return std::nullopt;
  return ir::Span{static_cast<uint32_t>(prev.end + dot), static_cast<uint32_t>(close + 1)};
}

}  // namespace authshift::rewriters::oauth
