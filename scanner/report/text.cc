#include <map>
#include <set>
#include <sstream>

#include "scanner/core/unified_diff.h"

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

// The fix preview under a fixed finding: the hunk of the file's zero-context diff that touches
// the finding's line (or starts just after it), at most kMaxPreview lines; each hunk once.
constexpr size_t kMaxPreview = 10;
// and of each line's bytes (a minified line is not shown whole).
constexpr size_t kMaxPreviewBytes = 400;

struct Hunk {
  uint32_t old_begin = 0;  // first old line it touches (a pure insertion: the line before)
  uint32_t old_end = 0;    // last
  std::vector<std::string> lines;
};

std::vector<Hunk> HunksOf(const core::FileChange& fix) {
  std::vector<Hunk> out;
  std::istringstream diff(core::UnifiedDiff(fix.path, fix.before, fix.after, 0));
  std::string line;
  while (std::getline(diff, line)) {
    if (line.rfind("@@ -", 0) == 0) {
      Hunk h;
      unsigned long start = std::stoul(line.substr(4));
      unsigned long count = 1;
      size_t comma = line.find(',', 4);
      size_t space = line.find(' ', 4);
      if (comma != std::string::npos && comma < space) count = std::stoul(line.substr(comma + 1));
      h.old_begin = static_cast<uint32_t>(start);
      h.old_end = static_cast<uint32_t>(count == 0 ? start : start + count - 1);
      out.push_back(std::move(h));
    } else if (!out.empty() && (line[0] == '-' || line[0] == '+') && line.rfind("--- ", 0) != 0 &&
               line.rfind("+++ ", 0) != 0) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out.back().lines.push_back(line);
    }
  }
  return out;
}

}  // namespace

void WriteText(const engine::ScanResult& result, const TextOptions& o, std::ostream& out) {
  std::map<std::string, size_t> by_rule;
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  size_t shown = 0;
  std::map<std::string, const core::FileChange*> fix_of;
  for (const auto& fx : result.changes) fix_of[fx.path] = &fx;
  std::map<std::string, std::vector<Hunk>> hunks_of;
  std::set<std::pair<std::string, size_t>> shown_hunks;
  std::string current_file;
  for (const auto& f : result.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++shown;
    // Grouped by file: a blank line between files.
    if (!o.quiet && !current_file.empty() && f.path != current_file) out << '\n';
    current_file = f.path;
    if (o.color) out << kBold;
    out << f.path << ':' << f.start.line << ':' << f.start.column << ": ";
    if (o.color) out << kReset << SeverityColor(f.severity);
    out << core::SeverityName(f.severity) << ':';
    if (o.color) out << kReset;
    out << ' ' << f.message << " [" << f.rule_id << "]\n";
    if (!o.quiet && !f.location.empty()) out << "  in " << f.location << '\n';
    if (!o.quiet) WriteCaret(f, o, out);
    if (!o.quiet) {
      for (const auto& r : f.related) out << "  " << r.message << ": line " << r.start.line << '\n';
    }
    auto fx = fix_of.find(f.path);
    if (!o.quiet && fx != fix_of.end() && f.outcome.status == core::FixStatus::kFixed) {
      auto& hunks = hunks_of[f.path];
      if (hunks.empty()) hunks = HunksOf(*fx->second);
      for (size_t h = 0; h < hunks.size(); ++h) {
        const Hunk& hk = hunks[h];
        bool touches = hk.old_begin <= f.start.line + 1 && f.start.line <= hk.old_end + 1;
        if (!touches || !shown_hunks.insert({f.path, h}).second) continue;
        out << "  fix:\n";
        for (size_t i = 0; i < hk.lines.size() && i < kMaxPreview; ++i) {
          const std::string& l = hk.lines[i];
          if (o.color) out << (l[0] == '-' ? "\x1b[31m" : "\x1b[32m");
          out << "    " << core::RedactPreview(l, kMaxPreviewBytes);
          if (o.color) out << kReset;
          out << '\n';
        }
        if (hk.lines.size() > kMaxPreview) out << "    … (" << hk.lines.size() - kMaxPreview << " more lines; authshift fix --dry-run shows all)\n";
      }
      if (!f.outcome.detail.empty()) out << "  then: " << f.outcome.detail << '\n';
    }
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
  if (s.files_degraded > 0) out << "; " << s.files_degraded << " C/C++ degraded (headers missing)";
  if (s.files_with_syntax_errors > 0) out << "; " << s.files_with_syntax_errors << " with syntax errors";
  if (s.findings_over_limit > 0) {
    out << "; " << s.findings_over_limit << " more over the limits (" << engine::kMaxFindingsPerLine << " per line, "
        << engine::kMaxFindingsPerFile << " per file) not shown";
  }
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
  for (const auto& line : o.plan) out << line << '\n';
}

}  // namespace authshift::report
