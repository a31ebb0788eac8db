#include "scanner/cli/baseline.h"

#include "scanner/core/strings.h"
#include "scanner/core/walk.h"

namespace authshift::cli {
namespace {

bool IsFingerprint(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string BaselineText(const engine::ScanResult& result) {
  std::set<std::string> lines;
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;
    std::string path;
    for (char c : f.path) path += c == '\n' ? std::string("\\n") : c == '\t' ? std::string("\\t") : std::string(1, c);
    lines.insert(f.fingerprint + '\t' + f.rule_id + '\t' + path);
  }
  std::string out = "# authshift baseline v1: fingerprint, rule, path (only the fingerprint is read)\n";
  for (const auto& l : lines) out += l + '\n';
  return out;
}

bool ParseBaseline(std::string_view text, std::string_view name, std::set<std::string>* out, std::string* err) {
  int line_no = 0;
  return core::ForEachLine(text, [&](std::string_view line) {
    ++line_no;
    if (line.empty() || line[0] == '#') return true;
    std::string_view fp = line.substr(0, line.find('\t'));
    if (!IsFingerprint(fp)) {
      *err = std::string(name) + ":" + std::to_string(line_no) + ": expected a 16-hex-digit fingerprint, got '" +
             std::string(fp.substr(0, 40)) + "'";
      return false;
    }
    out->emplace(fp);
    return true;
  });
}

bool ReadBaseline(const std::string& path, std::set<std::string>* out, std::string* err) {
  std::string text;
  if (!core::ReadFile(path, &text, err)) {
    *err = "cannot read baseline " + path + ": " + *err;
    return false;
  }
  return ParseBaseline(text, path, out, err);
}

}  // namespace authshift::cli
