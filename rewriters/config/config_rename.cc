#include "rewriters/config/config_rename.h"

#include <cctype>
#include <map>
#include <optional>

#include "scanner/core/strings.h"

namespace authshift::rewriters::config_rename {
namespace {

bool IsKeyChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-'; }

// Where "auth", an optional '_'/'-', then "token" starts in `key` (any case), and its length.
std::optional<std::pair<size_t, size_t>> FindAuthToken(std::string_view key) {
  for (size_t i = 0; i + 9 <= key.size(); ++i) {
    auto eq = [&](size_t at, std::string_view w) {
      if (at + w.size() > key.size()) return false;
      for (size_t k = 0; k < w.size(); ++k) {
        if (core::AsciiLower(key[at + k]) != w[k]) return false;
      }
      return true;
    };
    if (!eq(i, "auth")) continue;
    size_t j = i + 4;
    if (j < key.size() && (key[j] == '_' || key[j] == '-')) ++j;
    if (eq(j, "token")) return std::make_pair(i, j + 5 - i);
  }
  return std::nullopt;
}

struct Entry {
  size_t line_begin = 0;     // first byte of the line
  size_t line_end = 0;       // before "\r\n" / "\n"
  std::string_view indent;   // leading whitespace
  std::string_view prefix;   // "- " and/or "export " between the indentation and the key
  std::string_view key;      // without quotes
  char key_quote = 0;        // '"' or '\'' when the key is quoted
  std::string_view separator;  // from the key's end to the value's start ("=", ": ", " = ")
  char value_quote = 0;
  bool trailing_comma = false;  // JSON
  bool crlf = false;
};

// Parses the line holding `at` as one `key <sep> value` entry; nullopt (with `why`) otherwise.
std::optional<Entry> ParseEntry(std::string_view text, size_t at, std::string_view lang, std::string* why) {
  Entry e;
  const size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  e.line_begin = nl == std::string_view::npos ? 0 : nl + 1;
  size_t end = text.find('\n', at);
  if (end == std::string_view::npos) end = text.size();
  if (end > e.line_begin && text[end - 1] == '\r') {
    --end;
    e.crlf = true;
  }
  e.line_end = end;
  const std::string_view line = text.substr(e.line_begin, end - e.line_begin);
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  e.indent = line.substr(0, i);
  const size_t prefix_begin = i;
  if (lang == "yaml" && line.substr(i, 2) == "- ") {
    i += 2;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  if ((lang == "dotenv" || lang == "yaml") && line.substr(i, 7) == "export ") i += 7;
  e.prefix = line.substr(prefix_begin, i - prefix_begin);
  size_t key_end = i;
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    e.key_quote = line[i];
    const size_t close = line.find(line[i], i + 1);
    if (close == std::string_view::npos) {
      *why = "the key's quote is not closed on its line";
      return std::nullopt;
    }
    e.key = line.substr(i + 1, close - i - 1);
    key_end = close + 1;
  } else {
    while (key_end < line.size() && IsKeyChar(line[key_end])) ++key_end;
    e.key = line.substr(i, key_end - i);
  }
  if (e.key.empty() || !FindAuthToken(e.key)) {
    *why = "the line does not start with the Authtoken key";
    return std::nullopt;
  }
  size_t v = key_end;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
  if (v >= line.size() || (line[v] != '=' && line[v] != ':') || line.substr(v, 2) == "==" ||
      line.substr(v, 2) == "::" || line.substr(v, 2) == "=>") {
    *why = "not a `key = value` / `key: value` entry";
    return std::nullopt;
  }
  ++v;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
  e.separator = line.substr(key_end, v - key_end);
  std::string_view value = line.substr(v);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (lang == "json" && !value.empty() && value.back() == ',') {
    e.trailing_comma = true;
    value.remove_suffix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  }
  if (value.empty() || value[0] == '|' || value[0] == '>' || value[0] == '{' || value[0] == '[') {
    *why = "the value is not on the key's line";
    return std::nullopt;
  }
  if (value[0] == '"' || value[0] == '\'') {
    e.value_quote = value[0];
    if (lang == "json" && (value.size() < 2 || value.back() != '"')) {
      *why = "more follows the value on its line";
      return std::nullopt;
    }
  }
  return e;
}

}  // namespace

bool IsConfigKeyRule(std::string_view rule_id) {
  return rule_id == "zoho-authtoken-config" || rule_id == "authtoken-config-key";
}

std::string NewKeyName(std::string_view key) {
  const auto found = FindAuthToken(key);
  if (!found) return {};
  const auto [pos, len] = *found;
  const std::string_view m = key.substr(pos, len);
  bool upper = false;
  bool lower = false;
  for (char c : m) {
    upper = upper || std::isupper(static_cast<unsigned char>(c)) != 0;
    lower = lower || std::islower(static_cast<unsigned char>(c)) != 0;
  }
  char sep = '_';
  if (len == 10) {
    sep = m[4];
  } else if (key.find('_') == std::string_view::npos && key.find('-') != std::string_view::npos) {
    sep = '-';
  }
  std::string name;
  if (upper && !lower) {
    name = std::string("OAUTH") + sep + "REFRESH" + sep + "TOKEN";
  } else if (lower && !upper) {
    name = std::string("oauth") + sep + "refresh" + sep + "token";
  } else {
    name = std::isupper(static_cast<unsigned char>(m[0])) != 0 ? "OAuthRefreshToken" : "oauthRefreshToken";
  }
  return std::string(key.substr(0, pos)) + name + std::string(key.substr(pos + len));
}

RewriteResult Fix(const core::SourceFile& file, const languages::Language& lang,
                  const std::vector<const core::Finding*>& findings, const FixOptions& options) {
  RewriteResult r;
  const std::string_view text = file.bytes();
  const bool supported = lang.id == "dotenv" || lang.id == "yaml" || lang.id == "json" || lang.id == "toml" ||
                         lang.id == "ini";
  std::map<size_t, std::string> renamed;  // line start -> the fix's detail (one edit per line)
  for (size_t k = 0; k < findings.size(); ++k) {
    const core::Finding& f = *findings[k];
    if (!options.rename_config_keys || !supported) {
      r.outcomes.push_back({k, FixStatus::kReportOnly,
                            supported ? "" : "config keys are renamed in .env, YAML, JSON, TOML and INI files only"});
      continue;
    }
    std::string why;
    std::optional<Entry> e = ParseEntry(text, f.byte_start, lang.id, &why);
    if (!e) {
      r.outcomes.push_back({k, FixStatus::kWithheld, why});
      continue;
    }
    const std::string old_key(e->key);
    const std::string new_key = NewKeyName(e->key);
    std::string detail = "renamed " + old_key + " to " + new_key +
                         " with its value removed: put an OAuth refresh token there (a Self Client at "
                         "https://api-console.zoho.com), make the code that read " + old_key +
                         " mint access tokens from it, and revoke the old Authtoken";
    if (renamed.count(e->line_begin) == 0) {
      const std::string eol = e->crlf ? "\r\n" : "\n";
      std::string out;
      if (!lang.line_comments.empty() && lang.id != "json") {  // JSON: no comments
        out += std::string(e->indent) + std::string(lang.line_comments.front()) +
               " Zoho OAuth refresh token (1000.<hex>.<hex>): create one with a Self Client at https://api-console.zoho.com "
               "and mint access tokens from it; it replaces the retired Authtoken " + old_key +
               " (revoke that token)." + eol;
      }
      out += std::string(e->indent) + std::string(e->prefix);
      if (e->key_quote != 0) out.push_back(e->key_quote);
      out += new_key;
      if (e->key_quote != 0) out.push_back(e->key_quote);
      out += std::string(e->separator);
      // The empty value in the file's style: `KEY=` in .env and INI, `""` elsewhere.
      const bool bare = (lang.id == "dotenv" || lang.id == "ini" || e->prefix.find('-') != std::string_view::npos) &&
                        e->value_quote == 0;
      if (!bare) {
        const char q = e->value_quote != 0 ? e->value_quote : '"';
        out.push_back(q);
        out.push_back(q);
      }
      if (e->trailing_comma) out.push_back(',');
      while (bare && !out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      r.edits.push_back({e->line_begin, e->line_end - e->line_begin, out, f.rule_id});
      renamed.emplace(e->line_begin, detail);
    }
    r.outcomes.push_back({k, FixStatus::kFixed, detail});
  }
  return r;
}

}  // namespace authshift::rewriters::config_rename
