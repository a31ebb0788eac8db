#pragma once
// String literals of a C or C++ source, found on Clang's AST (LibTooling, Clang 14).
//
// Independent of scanner/core: plain strings in, plain structs out. The scan lowers C/C++ through
// lower.h (lower.cc) instead; this finder is the small, standalone check that Clang's AST and macro
// locations work (tests). Clang headers stay in the .cc files: they are slow to compile.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::frontends::clang_fe {

struct StringLiteralHit {
  // The literal exactly as spelled in `code`, quotes and prefix included (`"a"`, `u8"b"`,
  // `R"(c)"`); adjacent literals concatenated by the compiler (`"a" "b"`) form one hit spanning
  // all pieces and what lies between them. Invariant: code.substr(offset, text.size()) == text.
  std::string text;
  unsigned line;    // 1-based
  unsigned column;  // 1-based, in bytes
  size_t offset;    // 0-based byte offset of the first character of `text` in `code`
};

// Parses `code` as the file `file_name` (only its extension matters: ".c" is C, "-xc"; everything
// else is C++, "-xc++") with -fsyntax-only and Clang 14's resource directory, and appends to *out
// (after clearing it) every string-literal expression written in `code` itself, sorted by offset,
// one hit per offset. Literals that come from macro arguments (curl_easy_setopt is a macro) are
// reported where the argument is written; a literal in a macro body is reported at its spelling
// in the #define. Literals in included files, and literals made by the preprocessor (`#x`), are
// not reported. Headers are searched on the real file system (relative to the current directory)
// with the default include paths only: no compile database.
//
// Compile errors are not failures. Clang prints nothing: diagnostics are collected, and when
// any error occurred *err (if not null) is set to the first one as "line:col: message" (e.g.
// "2:10: 'nonexistent/x.h' file not found") while the function still returns true with the hits
// from the AST that was built. A missing header is downgraded from a fatal error to an error, so
// parsing goes on after it: literals that do not depend on the missing declarations are still
// found. Clang drops what it cannot make sense of, though: in C++ a call to an undeclared function
// (curl_easy_setopt without <curl/curl.h>) is discarded with its literal arguments, while C keeps
// it as an implicit declaration. Callers that must not miss such literals need a text fallback
// whenever *err is set.
//
// Returns false, with *err set, only when no AST was produced (e.g. Clang could not start).
// On success without errors, *err is cleared. `out` must not be null.
//
// Thread safety: each call builds its own compiler instance and shares no mutable state with
// other calls; it may be called concurrently. Does not throw except std::bad_alloc.
bool FindStringLiterals(std::string_view code, std::string_view file_name,
                        std::vector<StringLiteralHit>* out, std::string* err);

}  // namespace authshift::frontends::clang_fe
