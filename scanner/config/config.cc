#include "scanner/config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/config/glob.h"
#include "scanner/core/strings.h"
#include "scanner/diag/yaml_diag.h"
#include "scanner/languages/languages.h"

namespace authshift::config {
namespace {

namespace fs = std::filesystem;

// The rule loader's error shape ("file:line:col: field 'x': what"), shared.
using Diag = diag::YamlDiag;
using diag::NodeTypeName;

std::string JoinList(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// "unknown <what> 'x'; did you mean 'y'?" or "...; expected one of: a, b".
std::string Unknown(std::string_view what, const std::string& word,
                    const std::vector<std::string>& allowed, const std::string& where = "") {
  std::string msg = "unknown " + std::string(what) + " '" + word + "'";
  if (!where.empty()) msg += " in '" + where + "'";
  std::string near = core::DidYouMean(word, allowed);
  if (!near.empty()) return msg + "; did you mean '" + near + "'?";
  return msg + "; expected one of: " + JoinList(allowed, ", ");
}

// "field 'x': expected one of a, b, got 'c'" (the rule loader's wording for enumerations).
std::string ExpectedOneOf(const std::vector<std::string>& allowed, const std::string& got) {
  return "expected one of " + JoinList(allowed, ", ") + ", got '" + got + "'";
}

// Checks a mapping's keys: strings, no duplicates, and (when `allowed` is non-null) known.
void CheckKeys(const YAML::Node& map, const std::string& where,
               const std::vector<std::string>* allowed, Diag* d) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      d->At(kv.first.Mark(), where,
            std::string("expected a string key, got ") + NodeTypeName(kv.first));
      continue;
    }
    const std::string& key = kv.first.Scalar();
    std::string full = where.empty() ? key : where + "." + key;
    if (!seen.insert(key).second) {
      d->At(kv.first.Mark(), full, "duplicate key '" + key + "'");
      continue;
    }
    if (allowed == nullptr || std::find(allowed->begin(), allowed->end(), key) != allowed->end())
      continue;
    d->At(kv.first.Mark(), full, Unknown("key", key, *allowed, where));
  }
}

bool GetScalar(const YAML::Node& n, const std::string& field, std::string_view expected, Diag* d,
               std::string* out) {
  if (!n.IsScalar()) {
    d->At(d->MarkOf(n), field, "expected " + std::string(expected) + ", got " + NodeTypeName(n));
    return false;
  }
  *out = n.Scalar();
  return true;
}

// A list of non-empty strings; each item is handed to `each` with its node.
template <typename Each>
void ForEachString(const YAML::Node& n, const std::string& field, Diag* d, Each each) {
  if (!n.IsSequence()) {
    d->At(d->MarkOf(n), field, std::string("expected a list of strings, got ") + NodeTypeName(n));
    return;
  }
  for (const YAML::Node& item : n) {
    if (!item.IsScalar()) {
      d->At(item.Mark(), field, std::string("expected a string item, got ") + NodeTypeName(item));
      continue;
    }
    if (item.Scalar().empty()) {
      d->At(item.Mark(), field, "expected a non-empty string item");
      continue;
    }
    each(item);
  }
}

void GetGlobs(const YAML::Node& n, const std::string& field, Diag* d,
              std::vector<std::string>* out) {
  ForEachString(n, field, d, [&](const YAML::Node& item) {
    std::string why;
    if (!GlobValid(item.Scalar(), &why)) {
      d->At(item.Mark(), field, "bad glob '" + item.Scalar() + "': " + why);
      return;
    }
    out->push_back(item.Scalar());
  });
}

Mark ToMark(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

std::vector<std::string> LanguageIds() {
  std::vector<std::string> ids;
  for (const auto& l : languages::All()) ids.emplace_back(l.id);
  return ids;
}

// A mapping language id -> value; unknown ids are reported. Returns the known entries.
std::vector<std::pair<std::string, YAML::Node>> LanguageMap(const YAML::Node& n,
                                                            const std::string& field,
                                                            std::string_view value_desc, Diag* d) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  if (!n.IsMap()) {
    d->At(d->MarkOf(n), field,
          "expected a mapping of language id -> " + std::string(value_desc) + ", got " +
              NodeTypeName(n));
    return out;
  }
  CheckKeys(n, field, nullptr, d);
  std::set<std::string> seen;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) continue;
    const std::string& id = kv.first.Scalar();
    if (!seen.insert(id).second) continue;
    if (languages::ById(id) == nullptr) {
      d->At(kv.first.Mark(), field, Unknown("language", id, LanguageIds()));
      continue;
    }
    out.emplace_back(id, kv.second);
  }
  return out;
}

// `token-source: {<lang>: {helper: "<module>:<function>"}}`: refresh mode with an existing helper.
void ParseTokenHelper(const YAML::Node& n, const std::string& id, Diag* d, Config* out) {
  static const std::set<std::string, std::less<>> kLanguages = {"csharp", "java", "javascript", "python", "tsx",
                                                                "typescript"};
  const std::string field = "token-source." + id;
  const std::string what = "helper: \"<module>:<function>\" (python: \"myapp.auth:get_token\", javascript: "
                           "\"./lib/zohoToken:getToken\", java: \"com.acme.auth.Tokens:zoho\")";
  static const std::vector<std::string> kKeys = {"helper"};
  CheckKeys(n, field, &kKeys, d);
  YAML::Node h = n["helper"];
  if (!h) {
    d->At(d->MarkOf(n), field, "expected " + what + ", refresh, env or an expression");
    return;
  }
  if (!kLanguages.contains(id)) {
    d->At(h.Mark(), field + ".helper",
          "a named helper is supported for csharp, java, javascript, python, tsx and typescript; write `" + id +
              ": refresh` for the helper file authshift adds");
    return;
  }
  std::string v;
  if (!GetScalar(h, field + ".helper", what, d, &v)) return;
  // <module>:<function>: one colon, a module without blanks or quotes, an identifier.
  const size_t colon = v.find(':');
  const std::string_view module = std::string_view(v).substr(0, colon);
  const std::string_view function = colon == std::string::npos ? "" : std::string_view(v).substr(colon + 1);
  const auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  if (module.empty() || function.empty() || module.find_first_of(" \t'\"`") != std::string_view::npos ||
      !std::all_of(function.begin(), function.end(), ident) ||
      std::isdigit(static_cast<unsigned char>(function[0]))) {
    d->At(h.Mark(), field + ".helper", "expected " + what + ", got '" + v + "'");
    return;
  }
  out->token_source.emplace(id, "refresh");
  out->token_helper.emplace(id, v);
}

bool ValidLinkName(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool GetLinkName(const YAML::Node& n, const std::string& field, Diag* d, std::string* out) {
  std::string v;
  if (!GetScalar(n, field, "a connection link name", d, &v)) return false;
  if (!ValidLinkName(v)) {
    d->At(n.Mark(), field,
          "expected a connection link name (letters, digits and '_'), got '" + v + "'");
    return false;
  }
  *out = v;
  return true;
}

const std::vector<std::string> kTopKeys = {"version",       "include",  "exclude",     "rules",
                                           "disable",       "severity", "languages",   "fail-on",
                                           "max-file-size", "deluge",   "token-source", "fix",
                                           "advisories",    "cfamily"};
const std::vector<std::string> kFixKeys = {"rename-config-keys", "rename-options"};
const std::vector<std::string> kDelugeKeys = {"connection", "connections", "mode"};
const std::vector<std::string> kSeverities = {"error", "warning", "note"};
const std::vector<std::string> kFailOn = {"error", "warning", "note", "none"};
const std::vector<std::string> kModes = {"connection", "header"};
const std::vector<std::string> kCFamilyModes = {"auto", "clang", "tree-sitter"};

// A scalar that must be one of `allowed` (fail-on, cfamily): stored in *out, or an error naming them.
void ParseChoice(const YAML::Node& n, const std::string& field, const std::string& what,
                 const std::vector<std::string>& allowed, Diag* d, std::optional<std::string>* out) {
  std::string v;
  if (!GetScalar(n, field, what, d, &v)) return;
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) {
    *out = v;
  } else {
    d->At(n.Mark(), field, ExpectedOneOf(allowed, v));
  }
}

std::vector<std::string> Products() {
  return {std::begin(kDelugeProducts), std::end(kDelugeProducts)};
}

void ParseDeluge(const YAML::Node& n, Diag* d, Config* out) {
  if (!n.IsMap()) {
    d->At(
        d->MarkOf(n), "deluge",
        std::string("expected a mapping (connection, connections, mode), got ") + NodeTypeName(n));
    return;
  }
  CheckKeys(n, "deluge", &kDelugeKeys, d);
  if (YAML::Node c = n["connection"]) {
    std::string v;
    if (GetLinkName(c, "deluge.connection", d, &v)) out->deluge_connection = v;
  }
  if (YAML::Node cs = n["connections"]) {
    if (!cs.IsMap()) {
      d->At(d->MarkOf(cs), "deluge.connections",
            std::string("expected a mapping of product -> connection link name, got ") +
                NodeTypeName(cs));
    } else {
      CheckKeys(cs, "deluge.connections", nullptr, d);
      const std::vector<std::string> products = Products();
      for (const auto& kv : cs) {
        if (!kv.first.IsScalar()) continue;
        const std::string& product = kv.first.Scalar();
        if (std::find(products.begin(), products.end(), product) == products.end()) {
          d->At(kv.first.Mark(), "deluge.connections", Unknown("product", product, products));
          continue;
        }
        std::string v;
        if (GetLinkName(kv.second, "deluge.connections." + product, d, &v)) {
          out->deluge_connections.emplace(product, v);
        }
      }
    }
  }
  if (YAML::Node m = n["mode"]) {
    std::string v;
    if (GetScalar(m, "deluge.mode", "connection or header", d, &v)) {
      if (v == "connection") {
        out->deluge_mode = DelugeMode::kConnection;
      } else if (v == "header") {
        out->deluge_mode = DelugeMode::kHeader;
      } else {
        d->At(m.Mark(), "deluge.mode", ExpectedOneOf(kModes, v));
      }
    }
  }
}

// `fix: {rename-config-keys: true|false, rename-options: true|false}`.
void ParseFix(const YAML::Node& n, Diag* d, Config* out) {
  if (!n.IsMap()) {
    d->At(d->MarkOf(n), "fix",
          std::string("expected a mapping (rename-config-keys, rename-options), got ") + NodeTypeName(n));
    return;
  }
  CheckKeys(n, "fix", &kFixKeys, d);
  const std::pair<const char*, std::optional<bool>*> flags[] = {{"rename-config-keys", &out->rename_config_keys},
                                                                 {"rename-options", &out->rename_options}};
  for (const auto& [key, slot] : flags) {
    YAML::Node r = n[key];
    if (!r) continue;
    const std::string field = std::string("fix.") + key;
    std::string v;
    if (!GetScalar(r, field, "true or false", d, &v)) continue;
    if (v == "true") {
      *slot = true;
    } else if (v == "false") {
      *slot = false;
    } else {
      d->At(r.Mark(), field, "expected true or false, got '" + v + "'");
    }
  }
}

std::string BaseDirOf(std::string_view path) {
  // Symlinks resolved (like the walk's scan root, a realpath), so that RelativeToBase works on the
  // walk's paths; lexical when that fails.
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::path(path), ec);
  if (ec) abs = fs::absolute(fs::path(path), ec).lexically_normal();
  if (ec) abs = fs::path(path).lexically_normal();
  std::string s = abs.parent_path().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::string_view DelugeModeName(DelugeMode m) {
  return m == DelugeMode::kHeader ? "header" : "connection";
}

std::optional<uint64_t> ParseSize(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  uint64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (n > (UINT64_MAX - 9) / 10) return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(s[i] - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  std::string unit(s.substr(i));
  unit = core::AsciiUppered(unit);
  uint64_t mult = 1;
  if (unit.empty() || unit == "B") {
    mult = 1;
  } else if (unit == "K" || unit == "KB" || unit == "KIB") {
    mult = 1024;
  } else if (unit == "M" || unit == "MB" || unit == "MIB") {
    mult = uint64_t{1024} * 1024;
  } else if (unit == "G" || unit == "GB" || unit == "GIB") {
    mult = 1024ull * 1024 * 1024;
  } else {
    return std::nullopt;
  }
  if (n > UINT64_MAX / mult) return std::nullopt;
  return n * mult;
}

// A `true` / `false` scalar.
void ParseBool(const YAML::Node& n, const char* field, Diag* d, std::optional<bool>* out) {
  std::string v;
  if (!GetScalar(n, field, "true or false", d, &v)) return;
  if (v == "true" || v == "false") {
    *out = v == "true";
  } else {
    d->At(n.Mark(), field, "expected true or false, got '" + v + "'");
  }
}

// `severity:`: rule id -> error, warning or note.
void ParseSeverities(const YAML::Node& n, Diag* d, Config* out) {
  if (!n.IsMap()) {
    d->At(d->MarkOf(n), "severity",
         std::string("expected a mapping of rule id -> error, warning or note, got ") +
             NodeTypeName(n));
  } else {
    CheckKeys(n, "severity", nullptr, d);
    for (const auto& kv : n) {
      if (!kv.first.IsScalar() || out->severity.count(kv.first.Scalar()) != 0) continue;
      const std::string& id = kv.first.Scalar();
      std::string field = "severity." + id;
      std::string v;
      if (!GetScalar(kv.second, field, "error, warning or note", d, &v)) continue;
      std::optional<core::Severity> s = core::ParseSeverity(v);
      if (!s || v != core::SeverityName(*s)) {
        d->At(kv.second.Mark(), field, ExpectedOneOf(kSeverities, v));
        continue;
      }
      out->severity.emplace(id, *s);
      out->rule_refs.push_back({id, "severity", ToMark(kv.first.Mark())});
    }
  }
}

bool ParseConfig(std::string_view path, std::string_view text, Config* out,
                 std::vector<std::string>* errors) {
  *out = Config();
  out->path = std::string(path);
  out->base_dir = BaseDirOf(path);
  Diag d(path, errors);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    d.At(e.mark, "", "invalid YAML: " + e.msg);
    return false;
  }
  if (root.IsNull() || !root.IsDefined()) return true;  // an empty file: all defaults
  if (!root.IsMap()) {
    d.At(root.Mark(), "",
         std::string("expected a mapping of configuration keys, got ") + NodeTypeName(root));
    return false;
  }
  d.IndexEmptyValues(root);
  CheckKeys(root, "", &kTopKeys, &d);

  if (YAML::Node n = root["version"]) {
    std::string v;
    if (GetScalar(n, "version", "1", &d, &v)) {
      if (v == "1") {
        out->version = 1;
      } else {
        d.At(n.Mark(), "version", "expected 1 (the only configuration version), got '" + v + "'");
      }
    }
  }
  if (YAML::Node n = root["include"]) GetGlobs(n, "include", &d, &out->include);
  if (YAML::Node n = root["exclude"]) GetGlobs(n, "exclude", &d, &out->exclude);
  if (YAML::Node n = root["rules"]) {
    ForEachString(n, "rules", &d, [&](const YAML::Node& item) {
      fs::path p(item.Scalar());
      out->rule_paths.push_back(
          p.is_absolute() ? p.string() : (fs::path(out->base_dir) / p).lexically_normal().string());
    });
  }
  if (YAML::Node n = root["disable"]) {
    ForEachString(n, "disable", &d, [&](const YAML::Node& item) {
      out->disable.push_back(item.Scalar());
      out->rule_refs.push_back({item.Scalar(), "disable", ToMark(item.Mark())});
    });
  }
  if (YAML::Node n = root["severity"]) ParseSeverities(n, &d, out);
  if (YAML::Node n = root["languages"]) {
    for (auto& [id, globs] : LanguageMap(n, "languages", "list of globs", &d)) {
      std::vector<std::string> list;
      GetGlobs(globs, "languages." + id, &d, &list);
      out->languages.emplace_back(id, std::move(list));
    }
  }
  if (YAML::Node n = root["fail-on"]) ParseChoice(n, "fail-on", "error, warning, note or none", kFailOn, &d, &out->fail_on);
  if (YAML::Node n = root["max-file-size"]) {
    std::string v;
    if (GetScalar(n, "max-file-size", "a size such as 2M, 512K or 1048576", &d, &v)) {
      std::optional<uint64_t> size = ParseSize(v);
      if (size && *size > 0) {
        out->max_file_size = size;
      } else {
        d.At(n.Mark(), "max-file-size",
             "expected a size such as 2M, 512K or 1048576, got '" + v + "'");
      }
    }
  }
  if (YAML::Node n = root["cfamily"]) ParseChoice(n, "cfamily", "auto, clang or tree-sitter", kCFamilyModes, &d, &out->cfamily);
  if (YAML::Node n = root["advisories"]) ParseBool(n, "advisories", &d, &out->advisories);
  if (YAML::Node n = root["deluge"]) ParseDeluge(n, &d, out);
  if (YAML::Node n = root["fix"]) ParseFix(n, &d, out);
  if (YAML::Node n = root["token-source"]; n && n.IsScalar()) {
    // `token-source: refresh` (or `env`): the mode of every language, key "*".
    const std::string& v = n.Scalar();
    if (v == "refresh" || v == "env") {
      out->token_source.emplace("*", v);
    } else {
      d.At(n.Mark(), "token-source",
           "expected refresh, env or a map of language to expression or refresh, got '" + v + "'");
    }
  } else if (n) {
    // language -> expression, or -> `refresh` (the refresh-token helper) / `env` (the default lookup).
    for (auto& [id, expr] : LanguageMap(n, "token-source", "expression", &d)) {
      std::string field = "token-source." + id;
      if (expr.IsMap()) {
        ParseTokenHelper(expr, id, &d, out);
        continue;
      }
      std::string v;
      if (!GetScalar(expr, field, "an expression", &d, &v)) continue;
      if (v.empty()) {
        d.At(expr.Mark(), field, "expected a non-empty expression");
        continue;
      }
      out->token_source.emplace(id, v);
    }
  }
  return d.count() == 0;
}

bool LoadConfig(const std::string& path, Config* out, std::vector<std::string>* errors) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(path, ec)) {
    int err = errno;
    errors->push_back(
        path + ": cannot read configuration file: " +
        (fs::is_directory(path, ec) ? std::string("is a directory") : std::strerror(err)));
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    errors->push_back(path + ": cannot read configuration file: read error");
    return false;
  }
  return ParseConfig(path, buf.str(), out, errors);
}

std::optional<std::string> FindConfig(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(start_dir), ec);
  if (ec) return std::nullopt;
  dir = dir.lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path())
    dir = dir.parent_path();
  if (fs::is_regular_file(dir, ec)) dir = dir.parent_path();
  for (;;) {
    for (std::string_view name : kConfigFileNames) {
      fs::path candidate = dir / std::string(name);
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (fs::exists(dir / ".git", ec)) return std::nullopt;  // the repository root
    fs::path parent = dir.parent_path();
    if (parent.empty() || parent == dir) return std::nullopt;
    dir = parent;
  }
}

std::vector<std::string> UnknownRuleIds(const Config& config, const std::vector<std::string>& known,
                                        std::vector<std::string>* messages) {
  std::vector<std::string> unknown;
  for (const RuleRef& ref : config.rule_refs) {
    if (std::find(known.begin(), known.end(), ref.id) != known.end()) continue;
    unknown.push_back(ref.id);
    std::ostringstream os;
    os << config.path;
    if (ref.mark.line > 0) os << ':' << ref.mark.line << ':' << ref.mark.column;
    os << ": field '" << ref.field << "': unknown rule id '" << ref.id << "'";
    std::string near = core::DidYouMean(ref.id, known);
    if (!near.empty()) os << "; did you mean '" << near << "'?";
    messages->push_back(os.str());
  }
  return unknown;
}

bool Config::Included(std::string_view rel_path) const {
  if (!include.empty() && std::none_of(include.begin(), include.end(), [&](const std::string& g) {
        return GlobMatch(g, rel_path);
      })) {
    return false;
  }
  return std::none_of(exclude.begin(), exclude.end(),
                      [&](const std::string& g) { return GlobMatch(g, rel_path); });
}

const char* Config::LanguageFor(std::string_view rel_path) const {
  for (const auto& [id, globs] : languages) {
    for (const auto& g : globs) {
      if (GlobMatch(g, rel_path)) return id.c_str();
    }
  }
  return nullptr;
}

std::string Config::DelugeConnectionFor(std::string_view default_link) const {
  constexpr std::string_view kPrefix = "zoho";
  if (default_link.substr(0, kPrefix.size()) == kPrefix) {
    auto it = deluge_connections.find(std::string(default_link.substr(kPrefix.size())));
    if (it != deluge_connections.end()) return it->second;
  }
  if (deluge_connection) return *deluge_connection;
  return std::string(default_link);
}

std::optional<std::string> Config::RelativeToBase(std::string_view abs_path) const {
  if (base_dir.empty()) return std::nullopt;
  fs::path p = fs::path(abs_path).lexically_normal();
  fs::path rel = p.lexically_relative(fs::path(base_dir));
  std::string s = rel.generic_string();
  if (s.empty() || s == "." || s == ".." || s.rfind("../", 0) == 0) return std::nullopt;
  return s;
}

}  // namespace authshift::config
