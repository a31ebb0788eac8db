#pragma once
// The languages table: one sorted row per language (detection, comments, and the tree-sitter
// grammar a parsed language is lowered with). README "How to add a language" lists the other
// pieces of a parsed language.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::languages {

struct Language {
  std::string_view id;                          // stable id used in rules: "python", "deluge", ...
  std::string_view name;                        // display name
  std::vector<std::string_view> extensions;     // lower-case, with the dot: ".py"
  std::vector<std::string_view> file_names;     // exact base names: "Makefile", ".env"
  std::vector<std::string_view> shebangs;       // interpreter names: "python3", "bash"
  std::vector<std::string_view> line_comments;  // "#", "//"
  std::string_view block_open;                  // "/*", "<!--", or empty
  std::string_view block_close;
  std::string_view grammar;                     // tree-sitter grammar name, empty if none: the one
                                                // frontends/treesitter lowers the language with
  bool prose = false;                           // documentation: findings are notes at most
};

// All rows, sorted by id.
std::span<const Language> All();
const Language* ById(std::string_view id);

// Detects a file's language from its path (extension, then base name, including `.env.*` names),
// then a shebang on the first line, then Deluge by content: a .txt or extension-less file that reads
// like Deluge, or a .js/.java file that reads like Deluge and has none of the marks of real
// JavaScript or Java (import, function, const, class, =>, console., new X(…), …). Falls back to the
// "text" row; never null.
const Language& Detect(std::string_view path, std::string_view content);

// True when content reads like Deluge (invokeurl [, getUrl(, postUrl(, zoho.<svc>., Map(), info,
// for each). Cheap: one pass with a precompiled regex.
bool LooksLikeDeluge(std::string_view content);

// True when the byte range [begin, begin+len) of `line` starts inside a comment of `lang`, judged on
// that line alone: after a line-comment marker, or inside a block comment opened on the line, or the
// line starts with a block-comment continuation ("*" after a block open on an earlier line).
bool InLineComment(const Language& lang, std::string_view line, size_t column0);

}  // namespace authshift::languages
