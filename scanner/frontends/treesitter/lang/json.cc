// JSON: the string decoder and the lowering row. Conventions beyond lower.h's generic ones:
// - See lang/yaml.cc: data files (YAML and JSON) share the @map/@list/@field/@kv conventions there.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/language.h"

namespace authshift::frontends::treesitter::lang {
namespace {

// JSON: escapes decoded (the text between the quotes is read directly: tree-sitter-json 0.24 makes
// `\u` the escape node and leaves its hex digits in the next string_content); Postman variables
// `{{name}}` are holes named `name` (see lang/yaml.cc).
DecodedString DecodeJson(TSNode node, std::string_view source) {
  DecodedString d;
  PieceBuilder b;
  d.literal_span = BetweenDelimiters(node, 1);
  const uint32_t base = d.literal_span.begin;
  const std::string_view text = source.substr(base, d.literal_span.end - base);
  size_t run = 0;
  std::string decoded;
  auto flush = [&](size_t to) {
    if (to > run) b.Literal(decoded, {static_cast<uint32_t>(base + run), static_cast<uint32_t>(base + to)});
    decoded.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\\') {
      DecodeEscape(text, &i, &decoded);
      continue;
    }
    if (text.compare(i, 2, "{{") == 0) {
      const size_t close = text.find("}}", i + 2);
      const std::string_view name = close == std::string_view::npos ? std::string_view() : text.substr(i + 2, close - i - 2);
      if (!name.empty() && name.find_first_of("{}\\\" \t") == std::string_view::npos) {
        flush(i);
        b.NamedHole(node, {static_cast<uint32_t>(base + i), static_cast<uint32_t>(base + close + 2)}, std::string(name));
        i = close + 2;
        run = i;
        continue;
      }
    }
    decoded.push_back(text[i++]);
  }
  flush(text.size());
  d.pieces = b.Finish();
  return d;
}

}  // namespace

extern const LanguageRow kJson = {
    .id = "json",
    .queries = {"json.scm", ""},
    .decode = DecodeJson,
    .self_names = {"", ""}};

}  // namespace authshift::frontends::treesitter::lang
