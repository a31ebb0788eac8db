// Ruby: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - Ruby: symbols are strings of their names (`:get` -> "get", `query:` keys -> "query"); `@x = v`
//   in a method binds "@x" in the class scope (row field instance_sigil); `s << "…"` appends like
//   `+=`; a call without arguments or block (`req.headers`) is the name chain "req.headers".
//   Heredocs: the body is found after `<<~EOS`; `<<~` drops all leading indentation.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

// Ruby heredoc: the body is a later sibling of an ancestor of `<<~EOS`; the first one after it.
TSNode RubyHeredocBody(TSNode beginning) {
  TSNode n = beginning;
  for (int guard = 0; guard < 16 && !ts_node_is_null(n); ++guard) {
    for (TSNode s = ts_node_next_named_sibling(n); !ts_node_is_null(s); s = ts_node_next_named_sibling(s)) {
      if (std::string_view(ts_node_type(s)) == "heredoc_body") return s;
    }
    n = ts_node_parent(n);
  }
  return TSNode{};
}

// Ruby: "double" / %Q() / heredocs (escapes, #{} holes), 'single' / %q() (only \\ and the quote),
// symbols (:name, name: keys) as their names.
DecodedString DecodeRuby(TSNode node, std::string_view source) {
  DecodedString d;
  const std::string_view type = ts_node_type(node);
  PieceBuilder b;
  const ir::Span whole = SpanOf(node);
  if (type == "hash_key_symbol" || type == "simple_symbol") {
    ir::Span s = whole;
    if (type == "simple_symbol" && s.end > s.begin) ++s.begin;
    d.literal_span = s;
    b.Literal(source.substr(s.begin, s.end - s.begin), s);
    d.pieces = b.Finish();
    return d;
  }
  TSNode body = node;
  bool single = false;
  bool squiggly = false;
  if (type == "heredoc_beginning") {
    const std::string_view opener = TextOf(node, source);
    single = opener.find('\'') != std::string_view::npos;
    squiggly = opener.size() > 2 && opener[2] == '~';
    body = RubyHeredocBody(node);
    if (ts_node_is_null(body)) {
      d.literal_span = {whole.end, whole.end};
      return d;
    }
    d.literal_span = SpanOf(body);
  } else {
    d.literal_span = BetweenDelimiters(node, 1);
    if (ts_node_child_count(node) > 0 && !ts_node_is_named(ts_node_child(node, 0))) {
      const std::string_view opener = TextOf(ts_node_child(node, 0), source);
      single = opener == "'" || opener.substr(0, 2) == "%q";
    }
  }
  const char quote = single && d.literal_span.begin > 0 ? source[d.literal_span.begin - 1] : '\'';
  for (TSNode c : NamedChildren(body)) {
    const std::string_view ctype = ts_node_type(c);
    const ir::Span s = SpanOf(c);
    if (ctype == "string_content" || ctype == "heredoc_content") {
      std::string text = single ? DecodeSingleQuoted(TextOf(c, source), quote) : std::string(TextOf(c, source));
      if (squiggly) {
        // <<~: leading indentation of each line goes (approximation: all of it).
        std::string out;
        bool line_start = ctype == "heredoc_content" && (s.begin == 0 || source[s.begin - 1] == '\n' ||
                                                         ts_node_start_byte(body) == s.begin);
        for (char ch : text) {
          if (line_start && (ch == ' ' || ch == '\t')) continue;
          line_start = ch == '\n';
          out.push_back(ch);
        }
        text = std::move(out);
      }
      if (ctype == "heredoc_content" && ts_node_start_byte(body) == s.begin && !text.empty() && text[0] == '\n') {
        text.erase(0, 1);  // the newline after the heredoc's opening line
      }
      b.Literal(text, s);
    } else if (ctype == "escape_sequence") {
      b.Literal(DecodeChars(TextOf(c, source), false, false), s);
    } else if (ctype == "interpolation") {
      TSNode e = ts_node_named_child_count(c) > 0 ? ts_node_named_child(c, 0) : c;
      b.Hole(e);
    } else if (ctype == "heredoc_end") {
      break;
    }
  }
  d.pieces = b.Finish();
  return d;
}

}  // namespace

extern const LanguageRow kRuby = {
    .id = "ruby",
    .queries = {"ruby.scm", ""},
    .decode = DecodeRuby,
    .self_names = {"self", ""},
    .options_object_args = true,
    .instance_sigil = "@"};

}  // namespace authshift::frontends::treesitter::lang
