#pragma once
// Unified diffs in git's format (docs/architecture.md: `--format diff`, `fix --dry-run`), accepted by
// `git apply` run at the repository root.
//
// The diff is line-based (Myers' O((N+M)D) algorithm in linear space, after trimming the common
// prefix and suffix and setting aside lines that occur on one side only), and byte-exact: a line is
// everything up to and including its '\n', so a CRLF line keeps its '\r' as content, and a last line
// without '\n' is followed by git's `\ No newline at end of file` marker. Output per file:
//
//   diff --git a/<path> b/<path>
//   --- a/<path>
//   +++ b/<path>
//   @@ -<start>,<count> +<start>,<count> @@
//
// Hunk headers follow git and GNU diff exactly: ",<count>" is omitted when the count is 1, and a side
// with count 0 names the line *before* the hunk (`-0,0` for an empty file). Changes whose gap of
// unchanged lines is at most 2*context share one hunk. Paths are written like git with
// core.quotepath=true: a path holding '"', '\\', a control character or a non-ASCII byte is
// C-quoted as a whole including its a/ or b/ prefix ("a/caf\303\251.py"); a path holding a space
// but nothing that needs quoting gets git's trailing tab on its ---/+++ lines.
//
// A change marked `created` (UnifiedDiffSet) gets git's creation header (`new file mode 100644`,
// `--- /dev/null`). Limitations: no mode, rename or deletion headers, no
// `index` line, no function-name context after `@@`; binary content is diffed as text. For very
// different inputs the search is capped (like git's xdiff) and the diff may be longer than minimal,
// but it is always correct.
//
// Thread safety: pure functions, safe to call concurrently. They do not fail.
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

// `path` is repository-relative with '/' separators, as git shows it. Returns "" when
// before == after. `context` < 0 is treated as 0.
std::string UnifiedDiff(std::string_view path, std::string_view before, std::string_view after,
                        int context = 3);

struct FileChange {
  std::string path;    // repository-relative, '/' separators
  std::string before;  // the file's bytes now
  std::string after;   // the file's bytes after the change
  bool created = false;  // a new file (`before` empty): its diff has git's creation header
};

// The diffs of all `changes` concatenated in byte order of path (unchanged files contribute
// nothing); one `git apply` applies them all. Paths are expected to be distinct.
std::string UnifiedDiffSet(const std::vector<FileChange>& changes, int context = 3);

}  // namespace authshift::core
