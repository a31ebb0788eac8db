#pragma once
// Reporters: one function per format, all reading the same ScanResult. Each writes the whole
// report to a stream; the caller decides where (stdout, or a temp file renamed into place).
#include <ostream>
#include <string>
#include <string_view>

#include "scanner/engine/scan.h"

namespace authshift::report {

inline constexpr int kJsonSchemaVersion = 1;

struct TextOptions {
  bool color = false;
  bool quiet = false;  // findings only, no snippet and no summary
};

void WriteText(const engine::ScanResult& result, const TextOptions& options, std::ostream& out);
// The JSON report, schema version kJsonSchemaVersion (documented in scanner/report/report.schema.json).
void WriteJson(const engine::ScanResult& result, std::string_view tool_version, std::ostream& out);

}  // namespace authshift::report
