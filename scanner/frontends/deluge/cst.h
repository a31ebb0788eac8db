#pragma once
// Deluge concrete syntax tree: every node has an exact byte span [begin, end) in the source.
// Nodes live in one arena (Tree::nodes) and refer to each other by index, so a tree is cheap to
// build, to move and to drop. A Tree is immutable after Parse and safe to read from many threads.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::frontends::deluge {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeKind : uint8_t {
  // --- structure
  kFile,            // children: top-level statements and function definitions
  kFunction,        // `<type> <category>.<name>(<params>) { … }`: text = qualified name
                    //   ("automation.sync"); children: kParam…, then one kBlock
  kParam,           // `string dealId`: text = name, op = type
  kBlock,           // `{ … }`: children: statements
  // --- statements (each spans its own text including the trailing ';' when present)
  kAssign,          // children: target (kIdentifier or kMember/kIndex expression), value; op = "=", "+=", …
  kExprStmt,        // children: the expression
  kInfo,            // `info <expr>;` children: expr
  kReturn,          // `return [expr];` children: expr or none
  kIf,              // children: condition, then-kBlock, then optionally one kElseIf… and one kElse
  kElseIf,          // children: condition, kBlock
  kElse,            // children: kBlock
  kForEach,         // `for each x in list {}`: text = variable name; children: iterable, kBlock
  kForEachIndex,    // `for each index i in list {}`: text = variable name; children: iterable, kBlock
  kBreak,
  kContinue,
  kError,           // an unparsable statement (prose line, unquoted placeholder): span = the skipped text
  // --- expressions
  kString,          // text = decoded value (escapes resolved; quotes of any style removed);
                    //   op = the quote used: "\"", "'", "“" (typographic)
  kDateTime,        // single-quoted date-time literal '01-Jan-2020 10:00:00': text = inner text
  kNumber,          // text = as written
  kBool,            // text = "true" / "false"
  kNull,
  kIdentifier,      // text = name
  kBinary,          // op = "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"
                    //   (also "and"/"or" if written that way); children: lhs, rhs
  kUnary,           // op = "!" or "-"; children: operand
  kParen,           // `( expr )`: children: expr
  kCall,            // `name(args)`: text = callee name as written ("getUrl", "if", "ifnull", "Map",
                    //   "List:String", "Collection", "zoho.crm.getRecordById"); children: arguments.
                    //   A dotted task name `zoho.crm.x(…)` is ONE kCall with the dotted text.
  kMemberCall,      // `recv.name(args)`: text = method name ("put", "get", "toString");
                    //   children: receiver, then arguments
  kMember,          // `recv.name` without call: text = name; children: receiver
  kIndex,           // `recv[expr]`: children: receiver, index
  kMap,             // `{"k": v, …}`: children: kMapEntry…
  kMapEntry,        // children: key, value
  kList,            // `{1, 2}` or `[1, 2]`: children: items
  kInvokeUrl,       // `invokeurl [ key: value … ]` (any case: invokeUrl): text = keyword as written;
                    //   children: kInvokeParam…
  kInvokeParam,     // text = key as written ("url", "type", "headers", "content-type", "connection",
                    //   …); children: value expression. `type: GET` parses GET as kIdentifier.
};

std::string_view NodeKindName(NodeKind k);  // "assign", "string", "invokeurl", … (for tests/debug)

struct Node {
  NodeKind kind = NodeKind::kError;
  uint32_t begin = 0;  // byte offsets in the source
  uint32_t end = 0;
  std::string text;    // meaning per kind, see above
  std::string op;      // meaning per kind, see above
  std::vector<NodeId> children;
};

struct ParseError {
  uint32_t offset = 0;
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, bytes
  std::string message;  // "expected ';' after statement", "unparsable statement", "nesting too deep"
};

struct Tree {
  std::vector<Node> nodes;
  NodeId root = kNoNode;  // a kFile node; always set, even for empty or garbage input
  std::vector<ParseError> errors;

  const Node& at(NodeId id) const { return nodes[id]; }
};

// Parses `source` (any bytes: invalid UTF-8, NULs, garbage never crash). Never throws for input
// reasons. Nesting deeper than kMaxDepth becomes an error node, so recursion is bounded.
inline constexpr int kMaxDepth = 200;
Tree Parse(std::string_view source);

// An S-expression dump for tests: (assign (identifier "x") (string "y")).
std::string Dump(const Tree& tree, NodeId id);

}  // namespace authshift::frontends::deluge
