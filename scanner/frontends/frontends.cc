#include "scanner/frontends/frontends.h"

#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lower.h"
#include "scanner/frontends/treesitter/lower.h"

namespace authshift::frontends {
namespace {

std::optional<ir::Facts> Deluge(std::string_view source, size_t* parse_errors) {
  deluge::Tree tree = deluge::Parse(source);
  if (parse_errors != nullptr) *parse_errors = tree.errors.size();
  return deluge::Lower(tree, source);
}

struct Row {
  std::string_view language;
  std::optional<ir::Facts> (*build)(std::string_view, size_t*);
};

// Sorted by language id. Tree-sitter languages join here with their lowering queries.
constexpr Row kFrontends[] = {
    {"deluge", Deluge},
    {"go", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("go", s, e); }},
    {"javascript", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("javascript", s, e); }},
    {"php", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("php", s, e); }},
    {"python", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("python", s, e); }},
    {"ruby", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("ruby", s, e); }},
    {"tsx", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("tsx", s, e); }},
    {"typescript", [](std::string_view s, size_t* e) { return treesitter::LowerWithTreeSitter("typescript", s, e); }},
};

}  // namespace

bool HasFrontend(std::string_view language_id) {
  for (const Row& r : kFrontends) {
    if (r.language == language_id) return true;
  }
  return false;
}

std::optional<ir::Facts> BuildFacts(std::string_view language_id, std::string_view source, size_t* parse_errors) {
  for (const Row& r : kFrontends) {
    if (r.language == language_id) {
      std::optional<ir::Facts> facts = r.build(source, parse_errors);
      if (facts) facts->Index();
      return facts;
    }
  }
  return std::nullopt;
}

}  // namespace authshift::frontends
