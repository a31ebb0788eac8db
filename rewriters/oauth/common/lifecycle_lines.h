#pragma once
// The statement model of the life-cycle rewriters (lifecycle.h): a file's lines, and statements
// as a line with the lines indented under it (plus a closing `}`, `)`, `]`, `fi`, `done` at its own
// indentation). Internal to rewriters/oauth.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::rewriters::oauth {

class Lines {
 public:
  explicit Lines(std::string_view src);

  size_t Count() const { return begin_.size(); }
  size_t Begin(size_t line) const { return begin_[line]; }
  // The offset after the line's line break.
  size_t End(size_t line) const { return line + 1 < begin_.size() ? begin_[line + 1] : src_.size(); }
  // The line's text without its line break.
  std::string_view Text(size_t line) const;
  bool Blank(size_t line) const;
  // A line holding only a comment (`//`, `#`): Next and Previous pass over it like a blank line.
  bool Comment(size_t line) const;
  size_t Indent(size_t line) const;  // columns of leading blanks (a tab counts one)
  size_t LineOf(size_t offset) const;

  // The last line of the statement that starts at `line`.
  size_t StatementEnd(size_t line) const;
  // The first line of the innermost statement that holds `line` as a statement of a block (a line
  // inside a multi-line literal or call belongs to the statement that opened it).
  size_t StatementStart(size_t line) const;
  // The statement after / before the one starting at `line` in the same block, by first line
  // (comment lines are not statements).
  std::optional<size_t> Next(size_t line) const;
  std::optional<size_t> Previous(size_t line) const;
  // The first line after the block that holds the statement starting at `line`.
  size_t BlockEnd(size_t line) const;
  // The line that opens the block holding `line` (a `def`, `function`), or nullopt at top level.
  std::optional<size_t> Opener(size_t line) const;
  // The statement's text, its lines joined.
  std::string_view Statement(size_t line) const;

 private:
  bool Closes(size_t line) const;     // a `}`/`)`/`]`/`fi`/`done`/`esac`/`end` line, or a lone `{`
  bool Continues(size_t line) const;  // the line opens a literal or call continued below
  std::string_view src_;
  std::vector<size_t> begin_;
};

// True when `word` occurs in `text` as a whole identifier (PHP variables with their `$`).
bool HasWord(std::string_view text, std::string_view word);

}  // namespace authshift::rewriters::oauth
