#include "rewriters/postman/json_tree.h"

#include <cstdint>

#include "scanner/core/utf8.h"

namespace authshift::rewriters::postman {

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  bool Run(std::vector<JsonNode>* nodes) {
    nodes_ = nodes;
    if (!Value(0)) return false;
    SkipSpace();
    return ok_ && i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 256;

  void SkipSpace() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
      } else if (s_.compare(i_, 2, "//") == 0) {
        const size_t nl = s_.find('\n', i_);
        i_ = nl == std::string_view::npos ? s_.size() : nl + 1;
      } else if (s_.compare(i_, 2, "/*") == 0) {
        const size_t close = s_.find("*/", i_ + 2);
        if (close == std::string_view::npos) {
          ok_ = false;
          i_ = s_.size();
          return;
        }
        i_ = close + 2;
      } else {
        return;
      }
    }
  }



  bool Hex4(uint32_t* cp) {
    if (i_ + 4 > s_.size()) return false;
    *cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      *cp <<= 4;
      if (c >= '0' && c <= '9') {
        *cp |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        *cp |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        *cp |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  bool Escape(std::string* out) {
    if (i_ >= s_.size()) return false;
    const char c = s_[i_++];
    switch (c) {
      case '"': case '\\': case '/': out->push_back(c); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(&cp)) return false;
        if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {
          const size_t save = i_;
          i_ += 2;
          uint32_t low = 0;
          if (Hex4(&low) && low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            i_ = save;
          }
        }
        core::AppendUtf8(cp, out);
        return true;
      }
      default: return false;
    }
  }

  // At '"': reads the string, its decoded text into `out`.
  bool String(std::string* out) {
    ++i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        ++i_;
        if (!Escape(out)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      out->push_back(c);
      ++i_;
    }
    return false;
  }

  size_t NewNode(JsonKind kind) {
    nodes_->push_back(JsonNode{});
    JsonNode& n = nodes_->back();
    n.kind = kind;
    n.begin = i_;
    return nodes_->size() - 1;
  }

  bool Object(size_t self, int depth) {
    ++i_;
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    while (ok_ && i_ < s_.size()) {
      if (s_[i_] != '"') return false;
      const size_t key_begin = i_;
      std::string key;
      if (!String(&key)) return false;
      SkipSpace();
      if (i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      const size_t child = nodes_->size();
      if (!Value(depth + 1)) return false;
      JsonNode& n = (*nodes_)[self];
      n.children.push_back(child);
      n.keys.push_back(std::move(key));
      n.key_begin.push_back(key_begin);
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        SkipSpace();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return true;
      }
      return false;
    }
    return false;
  }

  bool Array(size_t self, int depth) {
    ++i_;
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    while (ok_ && i_ < s_.size()) {
      const size_t child = nodes_->size();
      if (!Value(depth + 1)) return false;
      (*nodes_)[self].children.push_back(child);
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return true;
      }
      return false;
    }
    return false;
  }

  bool Scalar(size_t self) {
    const size_t from = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      const bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        c == '-' || c == '+' || c == '.';
      if (!word) break;
      ++i_;
    }
    const std::string_view w = s_.substr(from, i_ - from);
    if (w.empty()) return false;
    JsonNode& n = (*nodes_)[self];
    n.text = std::string(w);
    if (w == "true" || w == "false" || w == "null") return true;
    n.kind = JsonKind::kNumber;
    return (w[0] >= '0' && w[0] <= '9') || w[0] == '-';
  }

  bool Value(int depth) {
    if (depth > kMaxDepth) return false;
    SkipSpace();
    if (!ok_ || i_ >= s_.size()) return false;
    const char c = s_[i_];
    bool good = false;
    size_t self = 0;
    if (c == '{') {
      self = NewNode(JsonKind::kObject);
      good = Object(self, depth);
    } else if (c == '[') {
      self = NewNode(JsonKind::kArray);
      good = Array(self, depth);
    } else if (c == '"') {
      self = NewNode(JsonKind::kString);
      std::string text;
      good = String(&text);
      (*nodes_)[self].text = std::move(text);
    } else {
      self = NewNode(JsonKind::kLiteral);
      good = Scalar(self);
    }
    (*nodes_)[self].end = i_;
    return good && ok_;
  }

  std::string_view s_;
  size_t i_ = 0;
  bool ok_ = true;
  std::vector<JsonNode>* nodes_ = nullptr;
};

std::optional<JsonDoc> JsonDoc::Parse(std::string_view text) {
  JsonDoc doc;
  JsonParser p(text);
  if (!p.Run(&doc.nodes_) || doc.nodes_.empty()) return std::nullopt;
  return doc;
}

std::optional<size_t> JsonDoc::Member(size_t obj, std::string_view key) const {
  const JsonNode& n = nodes_[obj];
  if (n.kind != JsonKind::kObject) return std::nullopt;
  for (size_t k = 0; k < n.keys.size(); ++k) {
    if (n.keys[k] == key) return n.children[k];
  }
  return std::nullopt;
}

std::optional<std::string> JsonDoc::MemberString(size_t obj, std::string_view key) const {
  std::optional<size_t> v = Member(obj, key);
  if (!IsString(v)) return std::nullopt;
  return nodes_[*v].text;
}

std::vector<JsonItem> JsonDoc::Items(size_t container) const {
  const JsonNode& n = nodes_[container];
  std::vector<JsonItem> out;
  for (size_t k = 0; k < n.children.size(); ++k) {
    const size_t begin = n.kind == JsonKind::kObject ? n.key_begin[k] : nodes_[n.children[k]].begin;
    out.push_back({begin, nodes_[n.children[k]].end});
  }
  return out;
}

}  // namespace authshift::rewriters::postman
