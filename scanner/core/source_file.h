#pragma once
// A file's bytes plus a lazily built line index. Immutable after construction except for the
// index cache; one SourceFile is used by one thread at a time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

struct Position {
  uint32_t line = 0;        // 1-based
  uint32_t column = 0;      // 1-based, in bytes
  uint32_t column_utf16 = 0;  // 1-based, in UTF-16 code units (invalid UTF-8 bytes count as one each)
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

  // Path as reported: relative to the scan root, '/'-separated.
  const std::string& path() const { return path_; }
  std::string_view bytes() const { return bytes_; }

  // Position of a byte offset (0 <= offset <= size). Builds the line index on first use.
  Position PositionAt(size_t offset) const;
  // Line `line` (1-based) without its terminator ("\n" or "\r\n"). Empty when out of range.
  std::string_view Line(uint32_t line) const;
  // Byte offset where line `line` starts.
  size_t LineStart(uint32_t line) const;
  uint32_t LineCount() const;

 private:
  void BuildIndex() const;
  std::string path_;
  std::string bytes_;
  mutable std::vector<size_t> line_starts_;  // empty until first use
  // Lines (0-based) holding a byte >= 0x80, sorted: on the others the UTF-16 column is the byte
  // column, so PositionAt stays O(log lines) on a long ASCII line (minified code) instead of
  // walking the line once per call.
  mutable std::vector<uint32_t> non_ascii_lines_;
};

// UTF-16 code units in `text` (UTF-8; an invalid byte counts as one unit).
uint32_t Utf16Length(std::string_view text);

}  // namespace authshift::core
