#pragma once
// Writing fixes back (docs/architecture.md; `authshift fix`): atomically, byte-exact, keeping the file's mode.
//
// Thread safety: safe to call concurrently for different paths; two concurrent writers of one path
// each leave a complete file (the last rename wins). Failure: a `false` return with a message in
// `*err` that names the path; the original file is then untouched and no temporary file is left
// behind.
#include <string>
#include <string_view>

#include "rewriters/edit.h"

namespace authshift::rewriters {

// Replaces the contents of `path` with `data`: writes a temporary file ".<name>.authshift-XXXXXX"
// (mkstemp) in the same directory, writes everything, fsyncs it, gives it the original's permission
// bits (and, best-effort, its owner and group — effective when running as root), renames it over
// `path` and fsyncs the directory (best-effort). A reader sees either the old or the new file,
// never a mix. If `path` is a symlink the file it points to is replaced and the link kept. If `path`
// does not exist it is created with mode 0666 & ~umask. A `path` that exists but is not a regular
// file (a directory, a FIFO, …) is an error.
// Limitations: hard links to the old file keep the old contents (rename makes a new inode); ACLs,
// extended attributes and the file's timestamps are not carried over.
bool WriteFileAtomically(const std::string& path, std::string_view data, std::string* err);

// Reads `path`, resolves `edits` (EditSet::Resolve; a conflict is returned as the error), checks
// that every edit lies within the file, applies them to the original bytes and writes the result
// with WriteFileAtomically. Edits are byte-level, so a BOM, CRLF line endings and the presence or
// absence of a final newline survive as they are. With no edits, or when the edits leave the bytes
// unchanged, nothing is written (the file's mtime does not move) and the call succeeds.
// Not atomic against a concurrent writer of the same file between the read and the rename.
bool ApplyEditsToFile(const std::string& path, EditSet& edits, std::string* err);

}  // namespace authshift::rewriters
