// Bash: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - Bash: words decode like the shell ('raw', "double" with $V / ${V} holes named V, `${V:-x}` and
//   `$(…)` unnamed holes, $'ANSI-C', backslash-quoted words); adjacent words are one @concat;
//   `NAME=v` (also under export/local/readonly) binds NAME in scope 0 (functions open no scope:
//   shell variables are global). Heredoc bodies are one string (holes unless the delimiter is
//   quoted; `<<-` drops leading tabs). @command @command.name: a command is a call of its name
//   (basename) with every word positional; curl, wget and HTTPie (http/https/xh) options also become
//   named arguments: "headers" (a map: `-H`/`--header`/`--header=` header lines, HTTPie `Name:v`),
//   "data" (`-d`/`--data*`/`--post-data`, split on `&` and `=`; `--data-urlencode` on the first `=`
//   only; HTTPie `k=v`/`k:=v`), "form" (`-F k=v`), "params" (HTTPie `k==v`; curl `-G` data),
//   "url" (the first non-option word, or `--url`). Each such entry spans its word.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

// Bash double quotes: a backslash escapes only $ ` " \ and the newline (dropped); any other
// backslash is text.
std::string DecodeBashDoubleQuoted(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      if (n == '$' || n == '`' || n == '"' || n == '\\') {
        out.push_back(n);
        ++i;
        continue;
      }
      if (n == '\n') {
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Bash unquoted words: a backslash quotes the next character; backslash-newline is dropped.
std::string DecodeBashWord(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      if (s[i + 1] != '\n') out.push_back(s[i + 1]);
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// Bash $'…': C escapes plus \e / \E (ESC); \cX control characters are kept as written.
std::string DecodeAnsiC(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'e' || s[i + 1] == 'E')) {
      out.push_back('\x1b');
      i += 2;
    } else if (s[i] == '\\') {
      DecodeEscape(s, &i, &out);
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// The start of an expansion without the whitespace tree-sitter-bash 0.23 puts into its `${` token.
uint32_t BashExpansionStart(TSNode c, std::string_view source) {
  uint32_t b = ts_node_start_byte(c);
  const uint32_t e = ts_node_end_byte(c);
  while (b < e && b < source.size() && (source[b] == ' ' || source[b] == '\t' || source[b] == '\n')) ++b;
  return b;
}

// A `$NAME` / `${NAME}` expansion as a hole: named when it reads one plain variable.
void BashExpansionHole(TSNode c, std::string_view source, PieceBuilder* b) {
  const ir::Span span{BashExpansionStart(c, source), ts_node_end_byte(c)};
  const std::string_view text = source.substr(span.begin, span.end - span.begin);
  std::string name;
  if (ts_node_named_child_count(c) == 1) {
    TSNode v = ts_node_named_child(c, 0);
    const std::string n(TextOf(v, source));
    if (std::string_view(ts_node_type(v)) == "variable_name" && (text == "$" + n || text == "${" + n + "}")) name = n;
  }
  b->NamedHole(c, span, std::move(name));
}

// Bash: words (backslash quoting), 'raw', "double" ($V, ${V}, $(…) holes), $'ANSI-C', bare
// expansions (one hole) and heredoc bodies (holes unless the delimiter is quoted; `<<-` drops
// leading tabs).
DecodedString DecodeBash(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  const std::string_view type = ts_node_type(node);
  const ir::Span whole = SpanOf(node);
  if (type == "word") {
    d.literal_span = whole;
    b.Literal(DecodeBashWord(TextOf(node, source)), whole);
  } else if (type == "raw_string") {
    d.literal_span = BetweenDelimiters(node, 1);
    b.Literal(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin), d.literal_span);
  } else if (type == "ansi_c_string") {
    d.literal_span = whole.end >= whole.begin + 3 ? ir::Span{whole.begin + 2, whole.end - 1} : ir::Span{whole.end, whole.end};
    b.Literal(DecodeAnsiC(source.substr(d.literal_span.begin, d.literal_span.end - d.literal_span.begin)), d.literal_span);
  } else if (type == "simple_expansion" || type == "expansion") {
    d.literal_span = whole;
    BashExpansionHole(node, source, &b);
  } else if (type == "heredoc_body") {
    TSNode redirect = ts_node_parent(node);
    const std::string_view opener = ts_node_is_null(redirect) ? std::string_view() : TextOf(redirect, source);
    const bool strip_tabs = opener.substr(0, 3) == "<<-";
    const size_t first_line = opener.find('\n');
    const std::string_view start = opener.substr(0, first_line);
    const bool quoted = start.find_first_of("'\"\\") != std::string_view::npos;
    uint32_t end = whole.end;
    for (TSNode c : NamedChildren(node)) {
      if (std::string_view(ts_node_type(c)) == "heredoc_end") end = ts_node_start_byte(c);
    }
    d.literal_span = {whole.begin, std::max(whole.begin, end)};
    auto literal = [&](uint32_t from, uint32_t to) {
      if (from >= to) return;
      std::string text;
      for (uint32_t i = from; i < to; ++i) {
        if (strip_tabs && source[i] == '\t' && (i == whole.begin || source[i - 1] == '\n')) {
          while (i < to && source[i] == '\t') ++i;
          if (i >= to) break;
        }
        text.push_back(source[i]);
      }
      b.Literal(quoted ? text : DecodeBashDoubleQuoted(text), {from, to});
    };
    uint32_t pos = whole.begin;
    if (!quoted) {
      for (TSNode c : NamedChildren(node)) {
        const std::string_view ctype = ts_node_type(c);
        const ir::Span s = SpanOf(c);
        if (ctype == "heredoc_end" || s.begin >= d.literal_span.end) break;
        if (ctype == "heredoc_content") continue;
        literal(pos, ctype == "expansion" ? BashExpansionStart(c, source) : s.begin);
        if (ctype == "simple_expansion" || ctype == "expansion") {
          BashExpansionHole(c, source, &b);
        } else {
          b.Hole(c);
        }
        pos = std::max(pos, s.end);
      }
    }
    literal(pos, d.literal_span.end);
  } else {
    // "double": the text between the quotes, with expansions and substitutions as holes.
    d.literal_span = BetweenDelimiters(node, 1);
    uint32_t pos = d.literal_span.begin;
    for (TSNode c : NamedChildren(node)) {
      const std::string_view ctype = ts_node_type(c);
      const ir::Span s = SpanOf(c);
      if (ctype == "string_content") continue;  // text: taken with the gaps below
      const uint32_t begin = ctype == "expansion" ? BashExpansionStart(c, source) : s.begin;
      if (begin > pos) {
        b.Literal(DecodeBashDoubleQuoted(source.substr(pos, begin - pos)), {pos, begin});
      }
      if (ctype == "simple_expansion" || ctype == "expansion") {
        BashExpansionHole(c, source, &b);
      } else {
        b.Hole(c);
      }
      pos = std::max(pos, s.end);
    }
    if (pos < d.literal_span.end) {
      b.Literal(DecodeBashDoubleQuoted(source.substr(pos, d.literal_span.end - pos)), {pos, d.literal_span.end});
    }
  }
  d.pieces = b.Finish();
  return d;
}

}  // namespace

extern const LanguageRow kBash = {
    .id = "bash",
    .queries = {"bash.scm", ""},
    .decode = DecodeBash,
    .self_names = {"", ""}};

}  // namespace authshift::frontends::treesitter::lang
