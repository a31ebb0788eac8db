#pragma once
// YAML with the shell scripts of CI files lowered as Bash (GitHub Actions `run:`, GitLab CI
// `script:` / `before_script:` / `after_script:`, Azure Pipelines `script:` / `bash:`, CircleCI
// `run: {command: …}`).
//
// The YAML is lowered first (scanner/frontends/treesitter/lower.h: maps, lists, dotted key-path
// bindings). Each script scalar (a value of one of those keys, or a string item of a list under
// one) is then parsed by the Bash grammar over tree-sitter included ranges that cover exactly its
// script text inside the YAML file — a `|`/`>` block scalar line by line without the YAML
// indentation, a one-line plain, 'single' (without '') or "double" (without escapes) scalar
// whole — so every Bash fact keeps offsets into the YAML file. The Bash facts are appended to the
// YAML facts, each script in a scope of its own (each step is its own shell) under the file scope.
// Details:
// - `${{ expr }}` (GitHub Actions expressions) is read as a shell expansion of the same length
//   (`${{ secrets.T }}` is parsed as `${__secrets_T__}`, a hole), so it does not break the script.
// - A key under an `env:` / `variables:` mapping is also bound by its bare name in the file scope
//   (`env: {ORG: "…"}` makes `$ORG` resolve in the scripts that follow it); a `${{ … }}` value
//   is not a value (the name stays a hole).
// - `>` scripts are read line by line too (folded lines become separate commands: URLs are still
//   found in them); multi-line flow scalars and escaped "double" scalars are not read as scripts.
// - Syntax errors inside scripts are not counted (the file's syntax is the YAML's).
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "scanner/ir/facts.h"

namespace authshift::frontends {

// The YAML facts of `source` plus its CI scripts lowered as Bash (see above). `windows` (sorted,
// disjoint; none = all) restricts parsing like LowerWithTreeSitter's ranges.
std::optional<ir::Facts> LowerYamlWithScripts(std::string_view source, size_t* parse_errors = nullptr,
                                              std::span<const ir::Span> windows = {});

// The script ranges of one YAML scalar expression `e` of `facts` (built from `source`): the
// included ranges its Bash parse uses, empty when the scalar is not read as a script. For tests.
std::vector<ir::Span> ScriptRanges(const ir::Facts& facts, ir::ExprId e, std::string_view source);

}  // namespace authshift::frontends
