// SARIF 2.1.0, shaped for GitHub code scanning. See report.h for the contract and README "SARIF".
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rewriters/fix.h"
#include "scanner/core/source_file.h"
#include "scanner/core/walk.h"
#include "scanner/report/report.h"

namespace authshift::report {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSarifSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/authshift/authshift";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "authshift/v1";

// --- GitHub's primaryLocationLineHash
// -------------------------------------------------------------- A port of github/codeql-action
// src/fingerprints.ts `hash()`: a polynomial rolling hash (base 37, wrapping 64-bit arithmetic)
// over a window of kBlockSize UTF-16 code units of the file text starting at each line's first
// character, with spaces and tabs skipped and CR, LF and CRLF all read as LF. After the last
// character comes one EOF unit (65535), then zeros. A hash seen before in the file gets the next
// occurrence number: "<hex>:<n>" (n from 1, in line order).
constexpr size_t kBlockSize = 100;
constexpr uint64_t kMod = 37;
constexpr uint32_t kEof = 65535;

// UTF-8 to UTF-16 code units the way Node decodes a file read as "utf8" (WHATWG decoder: each
// maximal invalid subsequence becomes one U+FFFD; a BOM is kept as U+FEFF).
std::vector<uint16_t> DecodeUtf8LikeNode(std::string_view text) {
  std::vector<uint16_t> units;
  units.reserve(text.size());
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    unsigned char c = byte(i);
    if (c < 0x80) {
      units.push_back(c);
      ++i;
      continue;
    }
    size_t need = 0;
    uint32_t cp = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0Fu;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07u;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      units.push_back(0xFFFD);
      ++i;
      continue;
    }
    size_t k = 1;
    bool ok = true;
    for (; k <= need; ++k) {
      if (i + k >= text.size()) {
        ok = false;
        break;
      }
      unsigned char b = byte(i + k);
      if (b < lo || b > hi) {
        ok = false;
        break;
      }
      lo = 0x80;
      hi = 0xBF;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (!ok) {
      units.push_back(0xFFFD);  // the valid prefix read so far stands for one replacement
      i += k;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push_back(static_cast<uint16_t>(0xD800u + (cp >> 10)));
      units.push_back(static_cast<uint16_t>(0xDC00u + (cp & 0x3FFu)));
    } else {
      units.push_back(static_cast<uint16_t>(cp));
    }
    i += need + 1;
  }
  return units;
}

std::string HexNoPadding(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[v & 0xFu]);
    v >>= 4;
  } while (v != 0);
  return s;
}

}  // namespace

std::vector<std::string> GitHubLineHashes(std::string_view text) {
  std::vector<std::string> by_line;  // index: line - 1
  uint64_t first_mod = 1;
  for (size_t i = 0; i < kBlockSize; ++i) first_mod *= kMod;
  std::vector<uint32_t> window(kBlockSize, 0);
  std::vector<int64_t> line_numbers(kBlockSize, -1);
  uint64_t hash_raw = 0;
  size_t index = 0;
  int64_t line_number = 0;
  bool line_start = true;
  bool prev_cr = false;
  std::map<uint64_t, uint64_t> hash_counts;

  auto output_hash = [&] {
    uint64_t n = ++hash_counts[hash_raw];
    auto line = static_cast<size_t>(line_numbers[index]);
    if (by_line.size() < line) by_line.resize(line);
    by_line[line - 1] = HexNoPadding(hash_raw) + ":" + std::to_string(n);
    line_numbers[index] = -1;
  };
  auto update_hash = [&](uint32_t current) {
    uint32_t begin = window[index];
    window[index] = current;
    hash_raw = kMod * hash_raw + current - first_mod * begin;  // wraps like Long
    index = (index + 1) % kBlockSize;
  };
  auto process = [&](uint32_t current) {
    if (current == ' ' || current == '\t' || (prev_cr && current == '\n')) {
      prev_cr = false;
      return;
    }
    if (current == '\r') {
      current = '\n';
      prev_cr = true;
    } else {
      prev_cr = false;
    }
    if (line_numbers[index] != -1) output_hash();
    if (line_start) {
      line_start = false;
      line_numbers[index] = ++line_number;
    }
    if (current == '\n') line_start = true;
    update_hash(current);
  };
  for (uint16_t unit : DecodeUtf8LikeNode(text)) process(unit);
  process(kEof);
  for (size_t i = 0; i < kBlockSize; ++i) {
    if (line_numbers[index] != -1) output_hash();
    update_hash(0);
  }
  return by_line;
}

namespace {

// --- paths and URIs
// ---------------------------------------------------------------------------------

// Lexically resolves "." and "dir/.." segments of a '/'-separated relative path.
std::string NormalizeRelative(std::string_view path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string seg(path.substr(i, j - i));
    if (seg == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else {
        parts.push_back(seg);
      }
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// RFC 3986 percent-encoding of a path: unreserved characters, '/' and a few sub-delimiters stay.
std::string PercentEncodePath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                std::string_view("-._~/!$&'()*+,;=@").find(ch) != std::string_view::npos;
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xFu];
    }
  }
  return out;
}

// A result path as an artifactLocation: repository-relative under %SRCROOT%, or a file:// URI for a
// path outside the scan root that was given as an absolute path.
json ArtifactLocation(const std::string& path, const SarifOptions& options) {
  if (!path.empty() && path[0] == '/') return json{{"uri", "file://" + PercentEncodePath(path)}};
  return json{{"uri", PercentEncodePath(NormalizeRelative(options.uri_prefix + path))},
              {"uriBaseId", kSrcRoot}};
}

// --- rules
// ------------------------------------------------------------------------------------------

std::string_view SarifLevel(core::Severity s) {
  switch (s) {
    case core::Severity::kError:
      return "error";
    case core::Severity::kWarning:
      return "warning";
    case core::Severity::kNote:
      return "note";
  }
  return "warning";
}

// GitHub maps security-severity to Critical (>= 9.0), High (7.0-8.9), Medium (4.0-6.9), Low
// (< 4.0).
std::string_view SecuritySeverity(core::Severity s) {
  switch (s) {
    case core::Severity::kError:
      return "8.0";
    case core::Severity::kWarning:
      return "5.0";
    case core::Severity::kNote:
      return "2.0";
  }
  return "5.0";
}

// "zoho-authtoken-header" -> "ZohoAuthtokenHeader".
std::string RuleName(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_' || c == '.' || c == '/') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// Markdown to plain text, as far as the rule help uses it: emphasis and code markers go.
std::string PlainText(std::string_view markdown) {
  std::string out;
  for (size_t i = 0; i < markdown.size(); ++i) {
    if (markdown[i] == '`') continue;
    if (markdown.substr(i, 2) == "**") {
      ++i;
      continue;
    }
    out += markdown[i];
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string FirstParagraph(std::string_view text) {
  size_t end = text.find("\n\n");
  std::string p(text.substr(0, end));
  std::replace(p.begin(), p.end(), '\n', ' ');
  return p;
}

json RuleJson(const engine::Rule& r) {
  std::vector<std::string> tags = r.tags;
  if (std::find(tags.begin(), tags.end(), "security") == tags.end())
    tags.insert(tags.begin(), "security");
  std::string plain_help = PlainText(r.help);
  std::string full = plain_help.empty() ? r.message : FirstParagraph(plain_help);
  json rule = {
      {"id", r.id},
      {"name", RuleName(r.id)},
      {"shortDescription", {{"text", r.message}}},
      {"fullDescription", {{"text", full}}},
      {"help",
       {{"text", plain_help.empty() ? r.message : plain_help},
        {"markdown", r.help.empty() ? r.message : r.help}}},
      {"defaultConfiguration", {{"level", SarifLevel(r.severity)}}},
      {"properties",
       {{"tags", tags},
        {"precision", r.precision.empty() ? "medium" : r.precision},
        {"security-severity", SecuritySeverity(r.severity)},
        {"forms", r.forms},
        {"fix", r.fix}}},
  };
  return rule;
}

// --- fixes
// ------------------------------------------------------------------------------------------

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t need = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + need >= s.size()) return false;
    for (size_t k = 1; k <= need; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if (b < lo || b > hi) return false;
      lo = 0x80;
      hi = 0xBF;
    }
    i += need + 1;
  }
  return true;
}

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  while (i + 2 < data.size()) {
    uint32_t v = (uint32_t{static_cast<unsigned char>(data[i])} << 16) |
                 (uint32_t{static_cast<unsigned char>(data[i + 1])} << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63u];
    out += kAlphabet[(v >> 12) & 63u];
    out += kAlphabet[(v >> 6) & 63u];
    out += kAlphabet[v & 63u];
    i += 3;
  }
  if (i < data.size()) {
    uint32_t v = uint32_t{static_cast<unsigned char>(data[i])} << 16;
    if (i + 1 < data.size()) v |= uint32_t{static_cast<unsigned char>(data[i + 1])} << 8;
    out += kAlphabet[(v >> 18) & 63u];
    out += kAlphabet[(v >> 12) & 63u];
    out += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63u] : '=';
    out += '=';
  }
  return out;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Runs of at least `min_len` ASCII letters and digits: what a token looks like.
std::vector<std::string_view> AlnumRuns(std::string_view s, size_t min_len) {
  std::vector<std::string_view> runs;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsAlnum(s[j])) ++j;
    if (j - i >= min_len) runs.push_back(s.substr(i, j - i));
    i = j;
  }
  return runs;
}

// Defence in depth: true when `inserted` could carry a secret of the file: a token-like run from
// the lines of a finding that matched a secret, or any 32-character hex run (an Authtoken's shape).
bool MayHoldSecret(std::string_view inserted, const core::SourceFile& before,
                   const std::vector<const core::Finding*>& file_findings) {
  for (std::string_view run : AlnumRuns(inserted, 32)) {
    if (std::all_of(run.begin(), run.end(),
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
      return true;
    }
  }
  for (const core::Finding* f : file_findings) {
    if (!f->has_secret) continue;
    size_t begin = before.LineStart(f->start.line);
    size_t end = f->end.line < before.LineCount() ? before.LineStart(f->end.line + 1)
                                                  : before.bytes().size();
    if (end < begin) end = begin;
    for (std::string_view run : AlnumRuns(before.bytes().substr(begin, end - begin), 16)) {
      if (inserted.find(run) != std::string_view::npos) return true;
    }
  }
  return false;
}

// One replacement covering the changed byte range of the file (common prefix and suffix kept), its
// deletedRegion in lines and UTF-16 columns of the original text. Boundaries never split a UTF-8
// sequence or a CRLF. Returns null when the replacement could carry a secret.
json FixJson(const rewriters::FileFix& fix, const std::string& description,
             const std::vector<const core::Finding*>& file_findings, const SarifOptions& options) {
  const std::string& a = fix.before;
  const std::string& b = fix.after;
  size_t prefix = 0;
  size_t max_common = std::min(a.size(), b.size());
  while (prefix < max_common && a[prefix] == b[prefix]) ++prefix;
  while (prefix > 0 &&
         ((prefix < a.size() && IsContinuation(a[prefix])) ||
          (prefix < b.size() && IsContinuation(b[prefix])) || a[prefix - 1] == '\r')) {
    --prefix;
  }
  size_t suffix = 0;
  while (suffix < max_common - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 &&
         (IsContinuation(a[a.size() - suffix]) || IsContinuation(b[b.size() - suffix]) ||
          (a[a.size() - suffix] == '\n' && a.size() - suffix > 0 &&
           a[a.size() - suffix - 1] == '\r'))) {
    --suffix;
  }
  size_t del_end = a.size() - suffix;
  std::string_view inserted = std::string_view(b).substr(prefix, b.size() - suffix - prefix);

  core::SourceFile before(fix.path, a);
  if (MayHoldSecret(inserted, before, file_findings)) return nullptr;
  core::Position start = before.PositionAt(prefix);
  core::Position end = before.PositionAt(del_end);
  json region = {{"startLine", start.line},
                 {"startColumn", start.column_utf16},
                 {"endLine", end.line},
                 {"endColumn", end.column_utf16}};
  json content =
      IsValidUtf8(inserted) ? json{{"text", inserted}} : json{{"binary", Base64(inserted)}};
  return json{{"description", {{"text", description}}},
              {"artifactChanges",
               json::array({{{"artifactLocation", ArtifactLocation(fix.path, options)},
                             {"replacements", json::array({{{"deletedRegion", region},
                                                            {"insertedContent", content}}})}}})}};
}

const rewriters::FindingOutcome* OutcomeFor(const rewriters::FileFix& fix, size_t k) {
  for (const auto& o : fix.outcomes) {
    if (o.finding == k) return &o;
  }
  return k < fix.outcomes.size() ? &fix.outcomes[k] : nullptr;
}

// The run's one invocation: whether it succeeded, and a notification per skipped file and error.
json Invocation(const engine::ScanResult& result, const SarifOptions& options) {
  json notifications = json::array();
  for (const auto& s : result.skipped) {
    std::string text = "skipped: " + std::string(core::SkipReasonName(s.reason));
    if (!s.detail.empty()) text += " (" + s.detail + ")";
    notifications.push_back(
        {{"level", "note"},
         {"message", {{"text", text}}},
         {"locations",
          json::array({{{"physicalLocation",
                         {{"artifactLocation", ArtifactLocation(s.path, options)}}}}})}});
  }
  for (const auto& e : result.errors) {
    notifications.push_back({{"level", "error"}, {"message", {{"text", e}}}});
  }
  json invocation = {{"executionSuccessful", result.errors.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  return invocation;
}

}  // namespace

void WriteSarif(const engine::ScanResult& result, const engine::RuleSet& rules,
                std::string_view tool_version, const SarifOptions& options, std::ostream& out) {
  // Rules, sorted by id (RuleSet order is by id; sorted again so the index never depends on it).
  std::vector<const engine::Rule*> sorted;
  for (const auto& r : rules.rules) sorted.push_back(r.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const engine::Rule* x, const engine::Rule* y) { return x->id < y->id; });
  std::map<std::string, size_t> rule_index;
  json rules_json = json::array();
  for (const engine::Rule* r : sorted) {
    rule_index.emplace(r->id, rules_json.size());
    rules_json.push_back(RuleJson(*r));
  }

  std::map<std::string, const rewriters::FileFix*> fix_by_path;
  if (options.fixes != nullptr) {
    for (const auto& f : *options.fixes) fix_by_path[f.path] = &f;
  }

  json results = json::array();
  size_t i = 0;
  while (i < result.findings.size()) {
    // One file at a time: findings are sorted by path.
    size_t j = i;
    std::vector<const core::Finding*> file_findings;
    while (j < result.findings.size() && result.findings[j].path == result.findings[i].path) {
      file_findings.push_back(&result.findings[j]);
      ++j;
    }
    const std::string& path = result.findings[i].path;
    std::vector<std::string> line_hashes;
    if (!options.source_root.empty() || (!path.empty() && path[0] == '/')) {
      std::string abs = !path.empty() && path[0] == '/' ? path : options.source_root + "/" + path;
      std::string bytes;
      std::string err;
      if (core::ReadFile(abs, &bytes, &err)) line_hashes = GitHubLineHashes(bytes);
    }
    const rewriters::FileFix* fix = nullptr;
    if (auto it = fix_by_path.find(path);
        it != fix_by_path.end() && it->second->after != it->second->before) {
      fix = it->second;
    }
    bool fix_attached = false;
    for (size_t k = 0; k < file_findings.size(); ++k) {
      const core::Finding& f = *file_findings[k];
      json region = {{"startLine", f.start.line},
                     {"startColumn", f.start.column_utf16},
                     {"endLine", f.end.line},
                     {"endColumn", f.end.column_utf16}};
      json r;
      r["ruleId"] = f.rule_id;
      if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) r["ruleIndex"] = it->second;
      r["level"] = SarifLevel(f.severity);
      r["message"] = {{"text", f.message}};
      r["locations"] = json::array(
          {{{"physicalLocation",
             {{"artifactLocation", ArtifactLocation(f.path, options)}, {"region", region}}}}});
      json fingerprints = json::object();
      if (f.start.line >= 1 && f.start.line <= line_hashes.size() &&
          !line_hashes[f.start.line - 1].empty()) {
        fingerprints["primaryLocationLineHash"] = line_hashes[f.start.line - 1];
      }
      fingerprints[std::string(kFingerprintKey)] = f.fingerprint;
      r["partialFingerprints"] = fingerprints;
      if (f.suppressed) r["suppressions"] = nlohmann::ordered_json::array({{{"kind", "inSource"}}});
      if (f.baseline_state != core::BaselineState::kNone) {
        r["baselineState"] = std::string(core::BaselineStateName(f.baseline_state));
      }
      r["properties"] = {{"forms", f.forms}, {"fixable", f.fixable}};
      if (fix != nullptr && !fix_attached) {
        const rewriters::FindingOutcome* o = OutcomeFor(*fix, k);
        if (o != nullptr && o->status == rewriters::FixStatus::kFixed) {
          fix_attached = true;  // the file's one change set goes with its first fixed finding only
          std::string description = "Apply authshift's fixes to " + f.path;
          size_t fixed_count = 0;
          for (size_t m = 0; m < file_findings.size(); ++m) {
            const rewriters::FindingOutcome* om = OutcomeFor(*fix, m);
            if (om != nullptr && om->status == rewriters::FixStatus::kFixed) ++fixed_count;
          }
          if (fixed_count > 1)
            description += " (all " + std::to_string(fixed_count) + " fixed findings of the file)";
          if (!o->detail.empty()) description += "; then by hand: " + o->detail;
          json fix_json = FixJson(*fix, description, file_findings, options);
          if (!fix_json.is_null()) r["fixes"] = json::array({fix_json});
        }
      }
      results.push_back(std::move(r));
    }
    i = j;
  }

  json invocation = Invocation(result, options);

  json run;
  run["tool"] = {{"driver",
                  {{"name", "authshift"},
                   {"version", tool_version},
                   {"semanticVersion", tool_version},
                   {"informationUri", kInformationUri},
                   {"rules", rules_json}}}};
  if (!options.category.empty()) {
    std::string id = options.category;
    if (id.back() != '/') id += '/';
    run["automationDetails"] = {{"id", id}};
  }
  run["invocations"] = json::array({invocation});
  run["originalUriBaseIds"] = {
      {kSrcRoot,
       {{"description",
         {{"text", "The root of the repository (git work tree) the scan ran in."}}}}}};
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = results;

  json doc;
  doc["$schema"] = kSarifSchemaUri;
  doc["version"] = "2.1.0";
  doc["runs"] = json::array({run});
  // Messages and paths may hold invalid UTF-8: replace it (U+FFFD) rather than fail the report.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace authshift::report
