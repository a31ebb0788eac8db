#pragma once
// Deluge inside documents (Markdown): which parts of a README or a docs page are Deluge samples,
// found by content rather than by the fence's tag, because real documents tag Deluge as ```js,
// ```java, ```javascript or not at all, or paste it unfenced between paragraphs.
//
// A part is Deluge when it is
//   - a fenced block (``` or ~~~) tagged deluge/dg, or whose content looks like Deluge
//     (languages::LooksLikeDeluge) and, when tagged with another language, lacks that language's
//     own marks (languages::Detect's rule for .js/.java files);
//   - an untagged fenced block in a document where some other part is Deluge (the variables
//     block before the calls: `authtoken = "…";` alone has no Deluge mark);
//   - an unfenced paragraph (a run of non-blank lines outside fences) that looks like Deluge and
//     is not prose (most of its lines end with `;`, `{`, `}` or `]`, or start an invokeurl block).
// Samples of other languages (FencedSamplesInDocument) are the fenced blocks tagged for them.
// Pure functions, thread-safe.
#include <string>
#include <string_view>

namespace authshift::engine {

// The document with everything that is not Deluge blanked to spaces (newlines kept), so offsets
// and line numbers stay the document's own; "" when no part is Deluge.
std::string DelugeInDocument(std::string_view text);

// The document's fenced blocks tagged for `language` (javascript: ```js, ```javascript, ```jsx,
// ```node; typescript: ```ts, ```typescript; python: ```python, ```py; ruby: ```ruby, ```rb), with
// everything else blanked as above; a block whose content is Deluge (DelugeInDocument's) is not one.
// "" when there is none.
std::string FencedSamplesInDocument(std::string_view text, std::string_view language);

}  // namespace authshift::engine
