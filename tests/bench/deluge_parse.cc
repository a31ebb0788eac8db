// deluge_parse: the parse step of the Deluge fidelity benchmark (tests/bench/deluge_fidelity.py).
// For each file argument prints one tab-separated line:
//   path  language  errors  first-line  first-column  first-message  first-line-text
// `language` is "deluge" when the file would be scanned as Deluge (its extension, or a .txt that
// reads like Deluge), else "other" (then nothing is parsed and errors is 0). A file that cannot be
// read prints errors -1. The line text is trimmed and cut at 200 bytes, tabs turned into spaces.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "scanner/frontends/deluge/cst.h"
#include "scanner/languages/languages.h"

namespace {

// stdio rather than streams: GCC 12 sees a false null dereference in istreambuf_iterator.
std::optional<std::string> ReadFile(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string out;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

std::string LineAt(const std::string& text, uint32_t line) {
  size_t begin = 0;
  for (uint32_t i = 1; i < line && begin != std::string::npos; ++i) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return {};
  const size_t nl = text.find('\n', begin);
  std::string s = text.substr(begin, nl == std::string::npos ? std::string::npos : nl - begin);
  const size_t a = s.find_first_not_of(" \t\r");
  s = a == std::string::npos ? std::string() : s.substr(a);
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.size() > 200) s.resize(200);
  for (char& c : s) {
    if (c == '\t') c = ' ';
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  namespace dg = authshift::frontends::deluge;
  bool all = false;  // --all: every error of each file, one line each, after the file's line
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    if (path == "--all") {
      all = true;
      continue;
    }
    const std::optional<std::string> read = ReadFile(path);
    if (!read) {
      std::cout << path << "\tother\t-1\t0\t0\tunreadable\t\n";
      continue;
    }
    const std::string& text = *read;
    if (authshift::languages::Detect(path, text).id != "deluge") {
      std::cout << path << "\tother\t0\t0\t0\t\t\n";
      continue;
    }
    const dg::Tree tree = dg::Parse(text);
    std::cout << path << "\tdeluge\t" << tree.errors.size();
    if (tree.errors.empty()) {
      std::cout << "\t0\t0\t\t\n";
      continue;
    }
    const dg::ParseError* first = &tree.errors.front();
    for (const dg::ParseError& e : tree.errors) {
      if (e.offset < first->offset) first = &e;
    }
    const dg::ParseError& e = *first;
    std::cout << '\t' << e.line << '\t' << e.column << '\t' << e.message << '\t' << LineAt(text, e.line) << '\n';
    if (all) {
      for (const dg::ParseError& x : tree.errors) std::cout << "  " << x.line << ':' << x.column << ' ' << x.message << '\n';
    }
  }
  return 0;
}
