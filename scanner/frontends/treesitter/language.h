#pragma once
// One row per tree-sitter language (lang/<id>.cc defines it; languages.cc lists the rows, sorted
// by id): the lowering query files (lang/*.scm, embedded in the binary), the string decoder, and
// the flags of the language's conventions (lower.h). The grammar is the one the language's row in
// scanner/languages names.
#include <array>
#include <span>
#include <string_view>

#include "scanner/frontends/treesitter/decode.h"
#include "scanner/frontends/treesitter/query.h"

namespace authshift::frontends::treesitter {

struct LanguageRow {
  std::string_view id;  // the language id of scanner/languages ("python", "tsx", …), whose row names
                        // the grammar (languages::Language::grammar, one of grammars.h's AllGrammars())
  std::array<std::string_view, 2> queries;  // embedded lang/*.scm files, concatenated; "" = unused
  StringDecoder decode;
  std::array<std::string_view, 2> self_names;  // receivers that denote the instance in methods
  bool options_object_args = false;            // see lower.h: options objects' properties are args
  bool header_line_items = false;              // see lang/php.cc: 'Name: value' list items are entries
  bool pick_by_names = false;                  // see lang/javascript.cc: `_.pick(obj, names)` builds a map
  std::string_view instance_sigil;             // see lang/ruby.cc: `@x` names the instance's x (Ruby)
};

// Every row, sorted by id (strictly ascending).
std::span<const LanguageRow* const> AllLanguageRows();

// The row of `id`, or nullptr.
const LanguageRow* FindLanguageRow(std::string_view id);

// The grammar of the row's language (scanner/languages), or nullptr when that names none that is
// linked (a build defect the language completeness test catches).
const TSLanguage* GrammarFor(const LanguageRow& row);

// The row's queries, compiled once on first use (thread-safe). Throws std::logic_error when a
// query file is missing or does not compile (a build defect).
const CompiledQuery& QueryFor(const LanguageRow& row);

// The concatenated text of the row's query files. Throws std::logic_error for a missing file.
std::string QueryText(const LanguageRow& row);

}  // namespace authshift::frontends::treesitter
