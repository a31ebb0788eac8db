#pragma once
// The one parser of format templates, shared by the frontends (which lower a format call to a join
// of the template's literal runs and its arguments) and the rewriters (which find the placeholder
// of a token argument and check how the template takes its arguments).
//
// Two placeholder syntaxes:
//   kPercent  printf family, Python `%`, PHP sprintf, Ruby format, Go fmt, Java String.format:
//             `%%` is a percent sign; `%[flags][width][.precision][length]conversion` with flags from
//             "-+ #0'", width and precision digits or `*` (an argument each), length from "hljztLq",
//             and a letter for conversion. Argument selection: Python `%(name)s`, Ruby `%<name>s` and
//             `%{name}` (no conversion), POSIX `%2$s` and Go `%[2]s` (1-based in the source).
//   kBrace    Python str.format, C# string.Format, Java MessageFormat, std::format / fmt: `{{` and `}}`
//             are braces; `{[field][,alignment][!conversion][:spec]}` with a field that is empty
//             (the next argument), digits (an index) or a name (`.attr` / `[key]` after it ignored).
// A `%` or `{` that starts no well-formed placeholder is literal text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::ir {

enum class FormatSyntax : unsigned char { kPercent, kBrace };

struct FormatPlaceholder {
  size_t begin = 0;  // offsets in the template text: [begin, end) is the whole placeholder
  size_t end = 0;
  std::string_view name;        // a named argument (`%(name)s`, `%<name>s`, `%{name}`, `{name}`)
  std::optional<size_t> index;  // an explicit argument, 0-based (`{0}`, `%1$s`, `%[1]s`)
  int stars = 0;                // `*` width/precision: arguments taken before the value's
  std::string_view flags;       // percent: the flag characters
  std::string_view width;       // percent: width digits ("" when none or `*`)
  std::string_view precision;   // percent: precision digits after '.' ("" when none or `*`)
  std::string_view length;      // percent: the length modifier ("l", "ll", …)
  char conversion = 0;          // percent: the conversion letter; brace: the `!` conversion or 0
  bool aligned = false;         // brace: a `,alignment` part follows the field (C#, MessageFormat)
  std::string_view spec;        // brace: the text after ':'

  // The next argument, untouched: `%s` / `%v` (width and precision allowed, flags from "-+ #0",
  // no length, no `*`), or `{}` / `{!r}` / `{:spec}`.
  bool IsPlainNext(FormatSyntax syntax) const;
};

// One piece of a template: literal text (escapes undone) or a placeholder.
struct FormatPiece {
  bool placeholder = false;
  size_t begin = 0;  // offsets in the template text
  size_t end = 0;
  std::string text;      // literal: the decoded text (`%%` -> `%`, `{{` -> `{`)
  bool escaped = false;  // literal: it held an escape, so its text differs from the template's
  FormatPlaceholder ph;  // placeholder
};

// The placeholder starting at text[pos] ('%' or '{'), or nullopt when none starts there (an escape
// `%%` / `{{`, or a malformed one).
std::optional<FormatPlaceholder> ParsePlaceholder(std::string_view text, size_t pos, FormatSyntax syntax);

// The template as literal runs and placeholders, in order; adjacent literal text is one piece.
// The pieces' string_views point into `text`.
std::vector<FormatPiece> ParseFormatTemplate(std::string_view text, FormatSyntax syntax);

// Which argument a placeholder takes, given the running count of positional arguments used so far
// (`*next`, advanced past the placeholder's `*` arguments and its own when it takes the next one):
// its explicit index, or the next positional one. nullopt for a named placeholder.
std::optional<size_t> ArgumentIndex(const FormatPlaceholder& ph, size_t* next);

}  // namespace authshift::ir
