#include "rewriters/guzzle/guzzle3.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>

#include "rewriters/postman/json_tree.h"

namespace authshift::rewriters::guzzle {
namespace {

using postman::JsonDoc;
using postman::JsonKind;

bool IsAuthtokenKey(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "authtoken";
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::optional<size_t> Operations(const JsonDoc& doc) {
  std::optional<size_t> ops = doc.Member(doc.root(), "operations");
  if (!doc.IsObject(doc.root()) || !doc.IsObject(ops)) return std::nullopt;
  const postman::JsonNode& n = doc.node(*ops);
  const bool any = std::any_of(n.children.begin(), n.children.end(), [&](size_t op) {
    return doc.IsObject(op) && (doc.Member(op, "uri") || doc.Member(op, "httpMethod") || doc.Member(op, "extends") ||
                                doc.Member(op, "parameters"));
  });
  return any ? ops : std::nullopt;
}

// The edit that sends one `authtoken` parameter (object `param`) as the Authorization header, or
// why it cannot.
std::optional<Edit> HeaderEdit(const JsonDoc& doc, std::string_view text, size_t param, std::string* why) {
  if (!doc.IsObject(param)) {
    *why = "an authtoken parameter that is not an object";
    return std::nullopt;
  }
  const postman::JsonNode& p = doc.node(param);
  if (doc.MemberString(param, "location").value_or("") != "query" || doc.Member(param, "sentAs") ||
      doc.Member(param, "default") || doc.Member(param, "static") ||
      doc.MemberString(param, "type").value_or("string") != "string") {
    *why = "an authtoken parameter that is not a plain query parameter (location query; no sentAs, default or static)";
    return std::nullopt;
  }
  size_t k = 0;
  while (p.keys[k] != "location") ++k;
  const postman::JsonNode& loc = doc.node(p.children[k]);
  // The new member goes on its own line with the location's indentation (one-line objects: inline).
  const size_t key = p.key_begin[k];
  const size_t line = text.rfind('\n', key == 0 ? 0 : key - 1);
  const size_t line_start = line == std::string_view::npos ? 0 : line + 1;
  const std::string_view indent = text.substr(line_start, key - line_start);
  std::string sep = ", ";
  if (line != std::string_view::npos && indent.find_first_not_of(" \t") == std::string_view::npos) {
    sep = std::string(line > 0 && text[line - 1] == '\r' ? ",\r\n" : ",\n") + std::string(indent);
  }
  return Edit{loc.begin, loc.end - loc.begin, "\"header\"" + sep + "\"sentAs\": \"Authorization\"", "authtoken-zoho-key"};
}

// Every `authtoken` parameter of one description, as header edits (by the key's offset), or why not.
bool DescriptionEdits(std::string_view text, std::vector<std::pair<size_t, Edit>>* out, std::string* why) {
  std::optional<JsonDoc> doc = JsonDoc::Parse(text);
  std::optional<size_t> ops = doc ? Operations(*doc) : std::nullopt;
  if (!ops) {
    *why = "not a Guzzle service description";
    return false;
  }
  size_t keys = 0;
  for (size_t i = 0; i < doc->size(); ++i) {
    const postman::JsonNode& n = doc->node(i);
    if (n.kind == JsonKind::kObject) keys += static_cast<size_t>(std::count_if(n.keys.begin(), n.keys.end(), IsAuthtokenKey));
  }
  for (size_t op : doc->node(*ops).children) {
    std::optional<size_t> params = doc->IsObject(op) ? doc->Member(op, "parameters") : std::nullopt;
    if (!doc->IsObject(params)) continue;
    const postman::JsonNode& ps = doc->node(*params);
    for (size_t k = 0; k < ps.keys.size(); ++k) {
      if (!IsAuthtokenKey(ps.keys[k])) continue;
      std::optional<Edit> e = HeaderEdit(*doc, text, ps.children[k], why);
      if (!e) return false;
      out->emplace_back(ps.key_begin[k], std::move(*e));
    }
  }
  if (out->size() != keys) {
    *why = "an authtoken key that is not an operation's parameter";
    return false;
  }
  return true;
}

// The PHP side: the one listener that sets the parameter on every command.
struct Listener {
  std::string path;
  size_t value = 0;  // where the value expression starts
  std::string expr;
  std::string bytes;
};

std::optional<Listener> FindListener(const std::vector<ProjectFile>& files, std::string* why) {
  static const RE2 kSet(R"re(->\s*set\(\s*(['"])authtoken['"]\s*,\s*(\$\w+(?:\[\s*['"]\w+['"]\s*\]|->\w+)*)\s*\))re");
  static const RE2 kEntry(R"re(['"]authtoken['"]\s*=>)re");
  static const RE2 kGuzzle3(R"(Guzzle\\(?:Service|Common)\\)");
  std::optional<Listener> found;
  for (const ProjectFile& f : files) {
    if (!EndsWith(f.path, ".php")) continue;
    if (RE2::PartialMatch(f.text, kEntry)) {
      *why = f.path + " passes authtoken as a command argument or option ('authtoken' => …)";
      return std::nullopt;
    }
    re2::StringPiece in(f.text);
    std::string quote;
    std::string expr;
    while (RE2::FindAndConsume(&in, kSet, &quote, &expr)) {
      if (found || f.text.find("command.before_prepare") == std::string::npos || !RE2::PartialMatch(f.text, kGuzzle3)) {
        *why = found ? "two places set the authtoken parameter (" + found->path + ", " + f.path + ")"
                     : f.path + " sets the authtoken parameter outside a Guzzle 3 command.before_prepare listener";
        return std::nullopt;
      }
      const size_t end = static_cast<size_t>(in.data() - f.text.data());
      const size_t close = f.text.rfind(')', end - 1);
      found = Listener{f.path, f.text.rfind(expr, close), expr, f.text};
    }
  }
  if (!found) *why = "no Guzzle 3 listener of the project's PHP sets the authtoken parameter";
  return found;
}

FileEdits EditsOf(const std::string& path, std::string_view bytes, std::vector<Edit> edits) {
  return FileEdits{path, bytes.size(), BytesHash(bytes), std::move(edits)};
}

}  // namespace

bool IsServiceDescription(std::string_view json) {
  std::optional<JsonDoc> doc = JsonDoc::Parse(json);
  return doc && Operations(*doc);
}

RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options) {
  RewriteResult r;
  auto withhold = [&](const std::string& why) {
    for (size_t i = 0; i < findings.size(); ++i)
      r.outcomes.push_back({i, FixStatus::kWithheld, "Guzzle service description: " + why + "; move the token by hand"});
    return r;
  };
  if (!options.project) return withhold("its client code is in other files, read only by `authshift fix` on the work tree (not --staged)");
  const std::vector<ProjectFile>& files = options.project->AuthtokenFiles();
  std::string why;
  std::optional<Listener> listener = FindListener(files, &why);
  if (!listener) return withhold(why);
  std::vector<FileEdits> all;
  std::vector<std::pair<size_t, Edit>> own;  // this file's, by the parameter key's offset
  for (const ProjectFile& f : files) {
    if (!EndsWith(f.path, ".json") || !IsServiceDescription(f.text)) continue;
    std::vector<std::pair<size_t, Edit>> edits;
    if (!DescriptionEdits(f.text, &edits, &why)) return withhold(f.path + ": " + why);
    if (f.path == input.file().path()) {
      if (f.text != input.src()) return withhold(f.path + " changed while the run read it");
      own = edits;
    }
    std::vector<Edit> plain;
    plain.reserve(edits.size());
    for (auto& [at, e] : edits) plain.push_back(std::move(e));
    all.push_back(EditsOf(f.path, f.text, std::move(plain)));
  }
  all.push_back(EditsOf(listener->path, listener->bytes,
                        {Edit{listener->value, 0, "'Zoho-oauthtoken ' . ", "authtoken-zoho-key"}}));
  const std::string detail =
      "the authtoken parameter of the Guzzle service descriptions is now sent as the Authorization header "
      "(location header, sentAs Authorization) and " + listener->path + " gives it the Zoho-oauthtoken prefix: the "
      "value of " + listener->expr + " must now be an OAuth access token (minted from a refresh token; it expires "
      "after one hour); revoke the Authtoken";
  for (size_t i = 0; i < findings.size(); ++i) {
    const bool param = std::any_of(own.begin(), own.end(), [&](const auto& o) { return o.first == findings[i]->byte_start; });
    if (!param) {
      r.outcomes.push_back({i, FixStatus::kWithheld, "not an operation parameter of the Guzzle service description; move the token by hand"});
      continue;
    }
    LinkedFix l;
    l.finding = i;
    l.detail = detail;
    l.files = all;
    r.linked.push_back(std::move(l));
  }
  return r;
}

}  // namespace authshift::rewriters::guzzle
