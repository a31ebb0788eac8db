#pragma once
// A JSON document as spans: every value knows its bytes in the source, objects their members' keys
// and where each member starts, so a rewriter can edit the text in place (drop a list element, add a
// member) and keep every other byte. Accepts what the JSON frontend accepts: JSON with `//` and
// `/* */` comments (JSONC; fixtures hold annotation comments). No trailing commas. Pure, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::rewriters::postman {

enum class JsonKind { kObject, kArray, kString, kNumber, kLiteral };

struct JsonNode {
  JsonKind kind = JsonKind::kLiteral;
  size_t begin = 0;  // first byte of the value ('{', '[', '"', digit, 't'/'f'/'n')
  size_t end = 0;    // one past its last byte
  std::string text;  // strings: the decoded value; numbers and literals: their source text
  std::vector<size_t> children;   // object: member values; array: elements (node indices)
  std::vector<std::string> keys;  // object: decoded member names, parallel to children
  std::vector<size_t> key_begin;  // object: where each member's key starts, parallel to children
};

// One element of an object or array: for a member, from its key to the end of its value.
struct JsonItem {
  size_t begin = 0;
  size_t end = 0;
};

class JsonDoc {
 public:
  // nullopt when `text` is not one JSON value (with comments), or nests deeper than 256 levels.
  static std::optional<JsonDoc> Parse(std::string_view text);

  size_t root() const { return 0; }
  const JsonNode& node(size_t i) const { return nodes_[i]; }
  size_t size() const { return nodes_.size(); }
  // The value of member `key` of object `obj`, or nullopt (not an object, no such member).
  std::optional<size_t> Member(size_t obj, std::string_view key) const;
  // The decoded string of member `key` of object `obj`, or nullopt when it is not a string.
  std::optional<std::string> MemberString(size_t obj, std::string_view key) const;
  // The elements of an object (members) or an array, in order.
  std::vector<JsonItem> Items(size_t container) const;
  bool IsObject(std::optional<size_t> i) const { return i && nodes_[*i].kind == JsonKind::kObject; }
  bool IsArray(std::optional<size_t> i) const { return i && nodes_[*i].kind == JsonKind::kArray; }
  bool IsString(std::optional<size_t> i) const { return i && nodes_[*i].kind == JsonKind::kString; }

 private:
  std::vector<JsonNode> nodes_;
  friend class JsonParser;
};

}  // namespace authshift::rewriters::postman
