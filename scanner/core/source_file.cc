#include "scanner/core/source_file.h"

#include <algorithm>

namespace authshift::core {

uint32_t Utf16Length(std::string_view text) {
  uint32_t units = 0;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC2 && c < 0xE0) {
      len = 2;
    }
    bool valid = len == 1 ? c < 0x80 : i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) {
      units += 1;  // an invalid byte stands for one unit (U+FFFD)
      i += 1;
      continue;
    }
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

void SourceFile::BuildIndex() const {
  if (!line_starts_.empty()) return;
  line_starts_.reserve(bytes_.size() / 32 + 1);
  // A UTF-8 byte-order mark is not part of line 1's text: columns start after it.
  line_starts_.push_back(bytes_.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  bool non_ascii = false;
  for (size_t i = 0; i < bytes_.size(); ++i) {
    char c = bytes_[i];
    if (c == '\n') {
      if (non_ascii) non_ascii_lines_.push_back(static_cast<uint32_t>(line_starts_.size() - 1));
      non_ascii = false;
      line_starts_.push_back(i + 1);
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      non_ascii = true;
    }
  }
  if (non_ascii) non_ascii_lines_.push_back(static_cast<uint32_t>(line_starts_.size() - 1));
}

uint32_t SourceFile::LineCount() const {
  BuildIndex();
  return static_cast<uint32_t>(line_starts_.size());
}

size_t SourceFile::LineStart(uint32_t line) const {
  BuildIndex();
  if (line == 0 || line > line_starts_.size()) return bytes_.size();
  return line_starts_[line - 1];
}

std::string_view SourceFile::Line(uint32_t line) const {
  BuildIndex();
  if (line == 0 || line > line_starts_.size()) return {};
  size_t begin = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : bytes_.size();
  if (end > begin && bytes_[end - 1] == '\r') --end;
  return std::string_view(bytes_).substr(begin, end - begin);
}

Position SourceFile::PositionAt(size_t offset) const {
  BuildIndex();
  offset = std::min(offset, bytes_.size());
  offset = std::max(offset, line_starts_[0]);
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t begin = line_starts_[line_index];
  Position p;
  p.line = static_cast<uint32_t>(line_index + 1);
  p.column = static_cast<uint32_t>(offset - begin + 1);
  bool ascii = !std::binary_search(non_ascii_lines_.begin(), non_ascii_lines_.end(), static_cast<uint32_t>(line_index));
  p.column_utf16 = ascii ? p.column : Utf16Length(std::string_view(bytes_).substr(begin, offset - begin)) + 1;
  return p;
}

}  // namespace authshift::core
