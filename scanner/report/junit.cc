// JUnit XML, as the test-report panels of GitLab, Jenkins and Azure Pipelines read it: one
// <testsuite> per loaded rule, one failing <testcase> per finding of it (a skipped one for a
// suppressed finding), and one passing "no findings" case for a rule that found nothing, so a
// clean scan shows as green tests rather than as no tests. See report.h.
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "scanner/report/report.h"

namespace authshift::report {
namespace {

// Text for an XML 1.0 attribute or element: markup characters escaped; characters XML 1.0 cannot
// carry (C0 controls other than tab/LF/CR) and invalid UTF-8 bytes become U+FFFD.
std::string Xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;  // kept through attribute normalisation
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default: out += c < 0x20 || c == 0x7F ? std::string("\xEF\xBF\xBD") : std::string(1, static_cast<char>(c));
      }
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string Location(const core::Finding& f, const CiReportOptions& options) {
  return options.path_prefix + f.path + ':' + std::to_string(f.start.line) + ':' + std::to_string(f.start.column);
}

}  // namespace

void WriteJunit(const engine::ScanResult& result, const engine::RuleSet& rules, const CiReportOptions& options,
                std::ostream& out) {
  std::map<std::string, std::vector<const core::Finding*>> by_rule;
  for (const auto& r : rules.rules) by_rule[r->id];
  for (const auto& f : result.findings) by_rule[f.rule_id].push_back(&f);
  size_t tests = 0;
  size_t failures = 0;
  std::ostringstream suites;
  for (const auto& [rule_id, findings] : by_rule) {
    size_t suite_failures = 0;
    size_t suite_skipped = 0;
    std::ostringstream cases;
    for (const core::Finding* f : findings) {
      std::string loc = Location(*f, options);
      cases << "    <testcase classname=\"authshift." << Xml(rule_id) << "\" name=\"" << Xml(loc) << "\" file=\""
            << Xml(options.path_prefix + f->path) << "\" line=\"" << f->start.line << "\">\n";
      if (f->suppressed) {
        cases << "      <skipped message=\"suppressed in the source (authshift: ignore)\"/>\n";
        ++suite_skipped;
      } else {
        cases << "      <failure type=\"" << core::SeverityName(f->severity) << "\" message=\"" << Xml(f->message)
              << "\">" << Xml(loc + ": " + std::string(core::SeverityName(f->severity)) + ": [" + rule_id + "] " +
                              f->message + "\n" + f->snippet + "\nfingerprint: " + f->fingerprint)
              << "</failure>\n";
        ++suite_failures;
      }
      cases << "    </testcase>\n";
    }
    size_t suite_tests = findings.size();
    if (findings.empty()) {
      cases << "    <testcase classname=\"authshift." << Xml(rule_id) << "\" name=\"no findings\"/>\n";
      suite_tests = 1;
    }
    tests += suite_tests;
    failures += suite_failures;
    suites << "  <testsuite name=\"" << Xml(rule_id) << "\" tests=\"" << suite_tests << "\" failures=\""
           << suite_failures << "\" errors=\"0\" skipped=\"" << suite_skipped << "\">\n"
           << cases.str() << "  </testsuite>\n";
  }
  char time[32];
  std::snprintf(time, sizeof time, "%.3f", result.stats.duration_ms / 1000.0);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"authshift\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"0\" time=\"" << time << "\">\n"
      << suites.str() << "</testsuites>\n";
}

}  // namespace authshift::report
