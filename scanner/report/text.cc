#include <map>

#include "scanner/core/redact.h"
#include "scanner/report/report.h"

namespace authshift::report {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view SeverityColor(core::Severity s) {
  switch (s) {
    case core::Severity::kError:
      return "\x1b[1;31m";
    case core::Severity::kWarning:
      return "\x1b[1;35m";
    case core::Severity::kNote:
      return "\x1b[1;36m";
  }
  return "";
}

// Display columns of a UTF-8 prefix: one per code point (continuation bytes skipped).
size_t DisplayWidth(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void WriteCaret(const core::Finding& f, const TextOptions& o, std::ostream& out) {
  // The snippet is already redacted; the caret is placed on the redacted text.
  std::string_view line = f.snippet;
  std::string gutter = std::to_string(f.start.line);
  out << "  " << gutter << " | " << line << '\n';
  out << "  " << std::string(gutter.size(), ' ') << " | ";
  size_t col = std::min(f.snippet_begin, line.size());
  std::string pad;  // one column per code point, tabs kept so the caret lines up
  for (size_t i = 0; i < col; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    pad.push_back(line[i] == '\t' ? '\t' : ' ');
  }
  size_t len = std::max<size_t>(1, DisplayWidth(line.substr(col, std::min(f.snippet_end, line.size()) - col)));
  if (o.color) out << "\x1b[1;32m";
  out << pad << '^' << std::string(len - 1, '~');
  if (o.color) out << kReset;
  out << '\n';
}

}  // namespace

void WriteText(const engine::ScanResult& result, const TextOptions& o, std::ostream& out) {
  std::map<std::string, size_t> by_rule;
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  size_t shown = 0;
  for (const auto& f : result.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++shown;
    if (o.color) out << kBold;
    out << f.path << ':' << f.start.line << ':' << f.start.column << ": ";
    if (o.color) out << kReset << SeverityColor(f.severity);
    out << core::SeverityName(f.severity) << ':';
    if (o.color) out << kReset;
    out << ' ' << f.message << " [" << f.rule_id << "]\n";
    if (!o.quiet) WriteCaret(f, o, out);
    ++by_rule[f.rule_id];
    ++counts[static_cast<size_t>(f.severity)];
  }
  if (o.quiet) return;
  const auto& s = result.stats;
  if (shown > 0) out << '\n';
  out << shown << (shown == 1 ? " finding" : " findings");
  if (shown > 0) {
    out << " (" << counts[2] << " error" << (counts[2] == 1 ? "" : "s") << ", " << counts[1] << " warning"
        << (counts[1] == 1 ? "" : "s") << ", " << counts[0] << " note" << (counts[0] == 1 ? "" : "s") << ")";
  }
  out << " in " << s.files_with_findings << " of " << s.files_scanned << " scanned files";
  if (suppressed > 0) out << "; " << suppressed << " suppressed";
  if (s.SkippedTotal() > 0) {
    out << "; " << s.SkippedTotal() << " skipped (";
    bool first = true;
    for (size_t r = 0; r < s.skipped.size(); ++r) {
      if (s.skipped[r] == 0) continue;
      out << (first ? "" : ", ") << core::SkipReasonName(static_cast<core::SkipReason>(r)) << ": " << s.skipped[r];
      first = false;
    }
    out << "; --verbose lists them)";
  }
  out << '\n';
  if (!by_rule.empty()) {
    out << "by rule:";
    for (const auto& [id, n] : by_rule) out << ' ' << id << " (" << n << ')';
    out << '\n';
  }
}

}  // namespace authshift::report
