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
  kWhile,           // `while (c) { … }`: children: condition, kBlock (read though Zoho documents only
                    //   `for each`; it occurs in real functions)
  kBreak,
  kContinue,
  kError,           // an unparsable statement (prose line, unquoted placeholder): span = the skipped
                    //   text; children: the expressions recovered inside it (calls, maps, strings,
                    //   `x = …` values as kAssign), so the facts of a broken statement stay visible
  kTry,             // `try { … } catch (e) { … }`: children: kBlock, then kCatch when present
  kCatch,           // `catch (e) { … }`: text = variable name (may be empty); children: kBlock
  kClientTask,      // Creator form and client tasks without brackets: `show F;`, `hide F;`,
                    //   `enable`/`disable`/`clear F;`, `alert "…";`, `success message "…";`, `cancel submit;`, `delete from
                    //   Form[c];`, `openUrl "…";`: text = the keyword(s) lower-cased ("cancel submit",
                    //   "delete from"); children: the operand expressions
  kSection,         // a Deluge body inside a Creator application export (.ds): a workflow's
                    //   `custom deluge script ( … )`, an `on user input { … }` event, a
                    //   `functions { Deluge { … } }` group; text = what it is named by, e.g.
                    //   "workflow Order_on_success (form Order)"; children: statements or kFunction
  // --- expressions
  kString,          // text = decoded value (escapes resolved; quotes of any style removed);
                    //   op = the quote used: "\"", "'", "“" (typographic)
  kDateTime,        // single-quoted date-time literal '01-Jan-2020 10:00:00': text = inner text
  kNumber,          // text = as written
  kBool,            // text = "true" / "false"
  kNull,
  kIdentifier,      // text = name
  kBinary,          // op = "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"
                    //   (also "and"/"or" if written that way); inside brackets and conditions also
                    //   "=" (comparison) and the criteria operators "contains", "not contains",
                    //   "starts with", "ends with", "in", "not in", "is", "is not" (`F is null`);
                    //   children: lhs, rhs
  kUnary,           // op = "!" or "-"; children: operand
  kParen,           // `( expr )`: children: expr
  kCall,            // `name(args)`: text = callee name as written ("getUrl", "if", "ifnull", "Map",
                    //   "List:String", "Collection", "zoho.crm.getRecordById"); children: arguments.
                    //   A dotted task name `zoho.crm.x(…)` is ONE kCall with the dotted text.
  kMemberCall,      // `recv.name(args)`: text = method name ("put", "get", "toString");
                    //   children: receiver, then arguments
  kMember,          // `recv.name` without call: text = name; children: receiver
  kIndex,           // `recv[expr]`: children: receiver, index. A record fetch `Form[criteria]` (or a
                    //   field of one) followed by `sort by X [asc|desc]` / `range from a to b` is
                    //   wrapped in a kIndex with op "sort", "range" or "sort range": children: the
                    //   fetch, the sort key, the range bounds
  kMap,             // `{"k": v, …}`: children: kMapEntry…
  kMapEntry,        // children: key, value
  kList,            // `{1, 2}` or `[1, 2]`: children: items
  kInvokeUrl,       // `invokeurl [ key: value … ]` (any case: invokeUrl): text = keyword as written;
                    //   children: kInvokeParam…
  kInvokeParam,     // text = key as written ("url", "type", "headers", "content-type", "connection",
                    //   "reply to", …); children: value expression. `type: GET` parses GET as
                    //   kIdentifier. A typed value `file: input.F` / `template: T as PDF` keeps the
                    //   type in op ("file", "template") and drops the `as PDF` format word.
                    //   `to: a, b` gives one child per value.
  kTask,            // any other bracketed task: `sendmail [ … ]`, `invokeapi [ … ]`, `sendsms [ … ]`,
                    //   `insert into Form [ F = v … ]`, …: text = the task as written ("sendmail",
                    //   "insert into Order"); children: kInvokeParam… (`F = v` entries too)
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
