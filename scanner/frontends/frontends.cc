#include "scanner/frontends/frontends.h"

#include <algorithm>
#include <string>

#include "scanner/frontends/clang/lower.h"
#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lower.h"
#include "scanner/frontends/text/sections.h"
#include "scanner/frontends/treesitter/lower.h"
#include "scanner/frontends/yaml_scripts.h"
#include "scanner/ir/form_body.h"

namespace authshift::frontends {
namespace {

std::optional<ir::Facts> Deluge(std::string_view source, size_t* parse_errors, std::string* first_error = nullptr) {
  deluge::Tree tree = deluge::Parse(source);
  if (parse_errors != nullptr) *parse_errors = tree.errors.size();
  if (first_error != nullptr && !tree.errors.empty()) {
    const auto first = std::min_element(tree.errors.begin(), tree.errors.end(),
                                        [](const auto& a, const auto& b) { return a.offset < b.offset; });
    *first_error = std::to_string(first->line) + ":" + std::to_string(first->column) + ": " + first->message;
  }
  return deluge::Lower(tree, source);
}

// C and C++ through Clang, or tree-sitter (scanner/frontends/clang/lower.h); `path` locates
// #include files.
std::optional<ir::Facts> CFamily(std::string_view language, std::string_view source, size_t* parse_errors,
                                 std::string_view path, BuildContext* context) {
  clang_fe::CFamilyResult r = clang_fe::LowerCFamily(language, source, path);
  if (parse_errors != nullptr) *parse_errors = r.errors;
  if (context != nullptr) {
    context->degraded = r.degraded;
    context->frontend_path = r.path;
  }
  return std::move(r.facts);
}

struct Row {
  std::string_view language;
  std::optional<ir::Facts> (*build)(std::string_view, size_t*);
};

// Sorted by language id: the frontends that are not a plain tree-sitter lowering. Every other
// language with a tree-sitter row (treesitter/languages.cc) lowers with it; a row here overrides it.
constexpr Row kFrontends[] = {
    {"c", [](std::string_view s, size_t* e) { return CFamily("c", s, e, {}, nullptr); }},
    {"cpp", [](std::string_view s, size_t* e) { return CFamily("cpp", s, e, {}, nullptr); }},
    {"deluge", [](std::string_view s, size_t* e) { return Deluge(s, e); }},
    {"ini", [](std::string_view s, size_t* e) { return std::optional(text::LowerSections(s, text::SectionDialect::kIni, e)); }},
    {"toml", [](std::string_view s, size_t* e) { return std::optional(text::LowerSections(s, text::SectionDialect::kToml, e)); }},
    {"yaml", [](std::string_view s, size_t* e) { return LowerYamlWithScripts(s, e); }},  // + CI scripts as Bash
};

const Row* FindRow(std::string_view language_id) {
  for (const Row& r : kFrontends) {
    if (r.language == language_id) return &r;
  }
  return nullptr;
}

// What a tree-sitter lowering leaves to the shared IR passes: PHP's curl form bodies (C's are the
// C/C++ library semantics'), then the lookup indexes.
void Finish(std::string_view language_id, std::string_view source, ir::Facts* facts) {
  if (language_id == "php") ir::AddCurlFormBodies(source, facts);
  facts->Index();
}

}  // namespace

bool HasFrontend(std::string_view language_id) {
  return FindRow(language_id) != nullptr || treesitter::HasLowering(language_id);
}

std::optional<ir::Facts> BuildFacts(std::string_view language_id, std::string_view source, size_t* parse_errors) {
  std::optional<ir::Facts> facts;
  if (const Row* r = FindRow(language_id)) {
    facts = r->build(source, parse_errors);
  } else {
    facts = treesitter::LowerWithTreeSitter(language_id, source, parse_errors);  // nullopt: none
  }
  if (facts) Finish(language_id, source, &*facts);
  return facts;
}

std::optional<ir::Facts> BuildFacts(std::string_view language_id, std::string_view source, size_t* parse_errors,
                                    BuildContext* context) {
  if (context != nullptr && language_id == "deluge") {
    std::optional<ir::Facts> facts = Deluge(source, parse_errors, &context->first_error);
    if (facts) facts->Index();
    return facts;
  }
  if (context != nullptr && (language_id == "c" || language_id == "cpp")) {
    std::optional<ir::Facts> facts = CFamily(language_id, source, parse_errors, context->path, context);
    if (facts) facts->Index();
    return facts;
  }
  return BuildFacts(language_id, source, parse_errors);
}

std::optional<ir::Facts> BuildFactsInWindows(std::string_view language_id, std::string_view source,
                                             std::span<const ir::Span> windows, size_t* parse_errors) {
  // C/C++ always go through LowerCFamily (it adds the library semantics to either path's facts).
  if (treesitter::HasLowering(language_id) && language_id != "c" && language_id != "cpp") {
    std::optional<ir::Facts> facts = language_id == "yaml"
                                         ? LowerYamlWithScripts(source, parse_errors, windows)
                                         : treesitter::LowerWithTreeSitter(language_id, source, parse_errors, windows);
    if (facts) Finish(language_id, source, &*facts);
    return facts;
  }
  // A frontend without ranges reads a copy with every byte outside the windows blanked (line
  // breaks kept, so offsets and lines stay the file's own).
  std::string blanked(source.size(), ' ');
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\n' || source[i] == '\r') blanked[i] = source[i];
  }
  for (const ir::Span& w : windows) {
    std::copy(source.begin() + w.begin, source.begin() + w.end, blanked.begin() + w.begin);
  }
  return BuildFacts(language_id, blanked, parse_errors);
}

long CountSyntaxErrors(std::string_view language_id, std::string_view source) {
  if (language_id == "deluge") return static_cast<long>(deluge::Parse(source).errors.size());
  // Tree-sitter languages, C and C++ included: a parse and a count, no lowering (for C/C++ a syntax
  // check, not a compile: no headers, no types).
  if (treesitter::HasLowering(language_id)) return treesitter::CountSyntaxErrors(language_id, source);
  size_t errors = 0;
  if (HasFrontend(language_id) && BuildFacts(language_id, source, &errors)) return static_cast<long>(errors);
  return -1;
}

}  // namespace authshift::frontends
