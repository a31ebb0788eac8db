#pragma once
// C and C++ function heads and parameters, shared by the generation (lifecycle_cfamily.cc) and
// revocation (lifecycle_revocation_cfamily.cc) rewriters: the masked source, a parameter list's
// names, the enclosing function of an offset, and the `(void)name;` lines that keep a parameter
// the new code no longer reads from failing -Wunused-parameter. Internal to rewriters/oauth.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::rewriters::oauth {

// The source with the insides of comments, string and character literals blanked (line breaks
// and the quotes kept), so that braces, semicolons and names are the code's own.
std::string Masked(std::string_view src);

// A parameter: its text and its name ("" when unnamed).
struct Param {
  std::string text;
  std::string name;
};
std::vector<Param> Params(std::string_view list);

// The function definition whose body holds `at` in masked source `m`: the outermost enclosing
// `{…}` whose head ends in a parameter list `(…)` (namespaces and classes are passed through).
struct FunctionSpan {
  size_t list_open = 0;  // its parameter list's `(` and `)`
  size_t list_close = 0;
  size_t open = 0;  // its body's `{` and `}`
  size_t close = 0;
};
bool EnclosingFunction(const std::string& m, size_t at, FunctionSpan* out);

// True when masked text `m` reads `name` in [from, to) outside [skip_from, skip_to) (a member
// `x.name`, `x->name` is not the name).
bool Reads(const std::string& m, const std::string& name, size_t from, size_t to, size_t skip_from = 0,
           size_t skip_to = 0);

// `(void)name;` on a line of its own, for each name.
std::string VoidLines(const std::vector<std::string>& names, const std::string& indent, std::string_view eol);

// The outcome's clause for parameters kept in the signature and marked (void): "a is no longer read
// (kept in the signature, marked (void)" — the caller closes the parenthesis, "" for no names.
std::string UnreadClause(const std::vector<std::string>& names);

}  // namespace authshift::rewriters::oauth
