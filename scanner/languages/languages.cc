#include "scanner/languages/languages.h"

#include <re2/re2.h>

#include <algorithm>

#include "scanner/core/strings.h"

namespace authshift::languages {
namespace {

std::vector<Language> MakeTable() {
  std::vector<Language> t = {
      {"bash", "Shell", {".sh", ".bash", ".zsh", ".ksh"}, {".bashrc", ".profile", ".zshrc"},
       {"sh", "bash", "zsh", "ksh", "dash"}, {"#"}, "", "", "bash", false},
      {"c", "C", {".c", ".h"}, {}, {}, {"//"}, "/*", "*/", "c", false},
      {"cpp", "C++", {".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".ino"}, {}, {}, {"//"}, "/*", "*/",
       "cpp", false},
      {"csharp", "C#", {".cs", ".csx"}, {}, {}, {"//"}, "/*", "*/", "c_sharp", false},
      {"deluge", "Deluge", {".dg", ".deluge", ".ds"}, {}, {}, {"//"}, "/*", "*/", "", false},
      {"dotenv", "dotenv", {".env"}, {".env", ".envrc"}, {}, {"#"}, "", "", "", false},
      {"go", "Go", {".go"}, {}, {}, {"//"}, "/*", "*/", "go", false},
      {"ini", "INI", {".ini", ".cfg", ".conf", ".properties"}, {}, {}, {"#", ";"}, "", "", "", false},
      {"java", "Java", {".java"}, {}, {}, {"//"}, "/*", "*/", "java", false},
      {"javascript", "JavaScript", {".js", ".mjs", ".cjs", ".jsx"}, {}, {"node", "nodejs"}, {"//"}, "/*",
       "*/", "javascript", false},
      {"json", "JSON", {".json", ".jsonc", ".postman_collection", ".har"}, {}, {}, {"//"}, "/*", "*/", "json",
       false},
      {"markdown", "Markdown", {".md", ".markdown", ".mdx", ".rst"}, {}, {}, {}, "<!--", "-->", "", true},
      {"php", "PHP", {".php", ".phtml", ".inc"}, {}, {"php"}, {"//", "#"}, "/*", "*/", "php", false},
      {"python", "Python", {".py", ".pyw"}, {}, {"python", "python2", "python3"}, {"#"}, "", "",
       "python", false},
      {"ruby", "Ruby", {".rb", ".rake", ".gemspec"}, {"Gemfile", "Rakefile"}, {"ruby"}, {"#"}, "", "",
       "ruby", false},
      {"text", "Text", {".txt"}, {}, {}, {"#", "//"}, "", "", "", false},
      {"toml", "TOML", {".toml"}, {}, {}, {"#"}, "", "", "", false},
      {"tsx", "TSX", {".tsx"}, {}, {}, {"//"}, "/*", "*/", "tsx", false},
      {"typescript", "TypeScript", {".ts", ".mts", ".cts"}, {}, {"ts-node", "deno"}, {"//"}, "/*", "*/",
       "typescript", false},
      {"xml", "XML", {".xml", ".html", ".htm", ".xhtml", ".config", ".csproj"}, {}, {}, {}, "<!--",
       "-->", "", false},
      {"yaml", "YAML", {".yml", ".yaml"}, {}, {}, {"#"}, "", "", "yaml", false},
  };
  std::sort(t.begin(), t.end(), [](const Language& a, const Language& b) { return a.id < b.id; });
  return t;
}

const std::vector<Language>& Table() {
  static const std::vector<Language> kTable = MakeTable();
  return kTable;
}

const Language* ByShebang(std::string_view content) {
  if (content.substr(0, 2) != "#!") return nullptr;
  std::string_view first = content.substr(0, content.find('\n'));
  // "#!/usr/bin/env python3 -u" or "#!/bin/bash": take the interpreter's base name.
  std::string_view rest = first.substr(2);
  auto word = [](std::string_view s, size_t from) {
    while (from < s.size() && (s[from] == ' ' || s[from] == '\t')) ++from;
    size_t end = from;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '\r') ++end;
    return std::pair<std::string_view, size_t>(s.substr(from, end - from), end);
  };
  auto [prog, end] = word(rest, 0);
  std::string_view base = prog.substr(prog.rfind('/') == std::string_view::npos ? 0 : prog.rfind('/') + 1);
  if (base == "env") {
    auto next = word(rest, end);
    while (next.first.substr(0, 1) == "-") next = word(rest, next.second);
    base = next.first;
  }
  for (const Language& lang : Table()) {
    for (std::string_view s : lang.shebangs) {
      if (base == s) return &lang;
    }
  }
  return nullptr;
}

}  // namespace

std::span<const Language> All() { return Table(); }

const Language* ById(std::string_view id) {
  for (const Language& lang : Table()) {
    if (lang.id == id) return &lang;
  }
  return nullptr;
}

bool LooksLikeDeluge(std::string_view content) {
  static const RE2 kDeluge(
      R"((?i)(invokeurl\s*\[|\b(?:getUrl|postUrl)\s*\(|\bzoho\.(?:crm|books|invoice|desk|creator|inventory|subscriptions|billing|cliq|projects|people|recruit)\.\w+\s*\(|\bMap\(\)\s*;|\bfor\s+each\s+(?:index\s+)?\w+\s+in\b|^\s*info\s+))");
  return RE2::PartialMatch(content, kDeluge);
}

namespace {

// One JSON string on one line (`"string f()\n{\n\t…}"`): a script saved as data, not Deluge source.
bool IsJsonStringDump(std::string_view content) {
  const size_t b = content.find_first_not_of(" \t\r\n");
  const size_t e = content.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos || e <= b || content[b] != '"' || content[e] != '"') return false;
  const std::string_view inner = content.substr(b, e - b + 1);
  return inner.find('\n') == std::string_view::npos && inner.find("\\n") != std::string_view::npos;
}

}  // namespace

const Language& Detect(std::string_view path, std::string_view content) {
  std::string_view base = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  std::string lower_base = core::AsciiLowered(base);
  const Language* found = nullptr;
  for (const Language& lang : Table()) {
    for (std::string_view n : lang.file_names) {
      if (base == n) found = &lang;
    }
  }
  // ".env", ".env.local", "prod.env"
  if (found == nullptr && (lower_base == ".env" || lower_base.rfind(".env.", 0) == 0)) found = ById("dotenv");
  if (found == nullptr) {
    size_t dot = lower_base.rfind('.');
    if (dot != std::string::npos && dot != 0) {
      std::string_view ext = std::string_view(lower_base).substr(dot);
      for (const Language& lang : Table()) {
        for (std::string_view e : lang.extensions) {
          if (ext == e) found = &lang;
        }
      }
    }
  }
  if (found == nullptr) found = ByShebang(content);
  // Deluge hides in .txt, .js, .java and extension-less files: decide by content there. A .js or
  // .java file must also lack the marks of its own language, so real code keeps its language.
  if (found == nullptr || found->id == "text") {
    if (LooksLikeDeluge(content) && !IsJsonStringDump(content)) return *ById("deluge");
  } else if (found->id == "javascript" || found->id == "java") {
    static const RE2 kHostLanguage(
        R"((?m)(^\s*(import|export|package|public|private|protected|class|function|const|let|var)\b|=>|\brequire\(|\bconsole\.|\bnew\s+[A-Z]\w*\s*[<(]|\bSystem\.|^\s*@\w+))");
    if (LooksLikeDeluge(content) && !RE2::PartialMatch(content, kHostLanguage)) return *ById("deluge");
  }
  return found != nullptr ? *found : *ById("text");
}

bool InLineComment(const Language& lang, std::string_view line, size_t column0) {
  if (lang.prose) return true;
  // Walks the line up to column0 tracking quotes, so "http://x" is not mistaken for a comment.
  char quote = 0;
  bool in_block = false;
  size_t first = line.find_first_not_of(" \t");
  if (first != std::string_view::npos && !lang.block_open.empty() && lang.block_open == "/*" &&
      line[first] == '*' && (first + 1 >= line.size() || line[first + 1] != '/')) {
    return true;  // " * continuation of a block comment"
  }
  for (size_t i = 0; i < column0 && i < line.size(); ++i) {
    char c = line[i];
    if (in_block) {
      if (line.substr(i, lang.block_close.size()) == lang.block_close) {
        in_block = false;
        i += lang.block_close.size() - 1;
      }
      continue;
    }
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote = c;
      continue;
    }
    for (std::string_view marker : lang.line_comments) {
      if (line.substr(i, marker.size()) == marker) {
        // "#" inside a word (e.g. a URL fragment) is not a comment in shell-like languages.
        if (marker == "#" && i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t') continue;
        return true;
      }
    }
    if (!lang.block_open.empty() && line.substr(i, lang.block_open.size()) == lang.block_open) {
      in_block = true;
      i += lang.block_open.size() - 1;
    }
  }
  return in_block;
}

}  // namespace authshift::languages
