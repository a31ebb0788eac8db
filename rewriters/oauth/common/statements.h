#pragma once
// Statement and argument edits shared by the language files (internal to rewriters/oauth). Each
// throws Withhold when the code around the place does not allow a clean edit.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "rewriters/oauth/common/context.h"

namespace authshift::rewriters::oauth {

// The end of the line that a statement ending at `end` ends (before its line break); throws
// Withhold when more code follows on that line.
size_t StatementLineEnd(const Context& ctx, size_t end);
// Inserts `line` as a new line after the statement [begin, end), with the statement's indentation.
void InsertLineAfter(Context& ctx, size_t stmt_begin, size_t stmt_end, const std::string& line);
// Inserts `stmt` as a statement of its own after the statement that contains [begin, end) (up to
// its `;`), indented like it; throws Withhold when more code follows on that line.
void InsertStatementAfter(Context& ctx, size_t begin, size_t end, const std::string& stmt);
// Inserts `stmt` as a statement of its own before the statement whose line holds offset `at`; the
// line must begin that statement (the previous code ends in `;`, `{` or `}`), else Withhold.
void InsertStatementBefore(Context& ctx, size_t at, const std::string& stmt);
// Chains `link` (`.header("Authorization", …)`) right after call `c`: on a line of its own when
// the chain is written one link per line.
void ChainAfter(Context& ctx, const ir::Call& c, const std::string& link);
// Appends `text` (starting with ", ") after the last written argument, or inside empty parentheses.
void AppendArgument(Context& ctx, const ir::Call& call, const std::string& text);
// In a builder chain (`sb.Append("&authtoken=").Append(t).Append(…)`): the span from the `.` of
// the link that opens before `lit` to the `)` closing the link that holds `hole`; nullopt when the
// code between `prev` and `lit` is not a `.append(` / `.Append(` link opening.
std::optional<ir::Span> AppendLinks(std::string_view src, ir::Span prev, ir::Span lit, ir::Span hole);

}  // namespace authshift::rewriters::oauth
