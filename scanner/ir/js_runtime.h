#pragma once
// Where a JavaScript/TypeScript file runs, told by evidence in its text: a browser (DOM, window,
// jQuery, kintone, React/Vue/Angular imports, JSX, localStorage, XMLHttpRequest) and none of
// Node.js's (require, process, module.exports, __dirname, Node built-in or server imports).
//
// A token in browser code is visible to every visitor, so the fixer withholds its requests and says
// the call must move server-side; `--verbose` prints what was decided per file. Pure, thread-safe.
#include <string_view>

namespace authshift::ir {

inline constexpr std::string_view kRuntimeBrowser = "browser (DOM, jQuery or JSX; no Node.js evidence)";
inline constexpr std::string_view kRuntimeNode = "Node.js or unknown";

// kRuntimeBrowser or kRuntimeNode: computed once per file by the analysis (FileAnalysis::frontend_path).
std::string_view JsRuntime(std::string_view src);

}  // namespace authshift::ir
