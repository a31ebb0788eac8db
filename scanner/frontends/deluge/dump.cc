// Deluge trees as text: node kind names and the S-expression dump of cst.h.
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/deluge/cst.h"

namespace authshift::frontends::deluge {
namespace {

// ---------------------------------------------------------------- Dump
bool DumpsText(NodeKind k) {
  switch (k) {
    case NodeKind::kFunction:
    case NodeKind::kParam:
    case NodeKind::kForEach:
    case NodeKind::kForEachIndex:
    case NodeKind::kString:
    case NodeKind::kDateTime:
    case NodeKind::kNumber:
    case NodeKind::kBool:
    case NodeKind::kIdentifier:
    case NodeKind::kCall:
    case NodeKind::kMemberCall:
    case NodeKind::kMember:
    case NodeKind::kInvokeUrl:
    case NodeKind::kInvokeParam:
    case NodeKind::kCatch:
    case NodeKind::kClientTask:
    case NodeKind::kSection:
    case NodeKind::kTask:
      return true;
    default:
      return false;
  }
}

// The op shown in a dump: binary/unary/param always; assign unless "="; string unless '"'.
std::string_view DumpedOp(const Node& n) {
  switch (n.kind) {
    case NodeKind::kBinary:
    case NodeKind::kUnary:
    case NodeKind::kParam:
    case NodeKind::kInvokeParam:
    case NodeKind::kIndex:
      return n.op;
    case NodeKind::kAssign:
      return n.op == "=" ? std::string_view() : std::string_view(n.op);
    case NodeKind::kString:
      return n.op == "\"" ? std::string_view() : std::string_view(n.op);
    default:
      return {};
  }
}

void AppendQuoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += "\\x";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string_view NodeKindName(NodeKind k) {
  switch (k) {
    case NodeKind::kFile:
      return "file";
    case NodeKind::kFunction:
      return "function";
    case NodeKind::kParam:
      return "param";
    case NodeKind::kBlock:
      return "block";
    case NodeKind::kAssign:
      return "assign";
    case NodeKind::kExprStmt:
      return "exprstmt";
    case NodeKind::kInfo:
      return "info";
    case NodeKind::kReturn:
      return "return";
    case NodeKind::kIf:
      return "if";
    case NodeKind::kElseIf:
      return "elseif";
    case NodeKind::kElse:
      return "else";
    case NodeKind::kForEach:
      return "foreach";
    case NodeKind::kForEachIndex:
      return "foreachindex";
    case NodeKind::kWhile:
      return "while";
    case NodeKind::kBreak:
      return "break";
    case NodeKind::kContinue:
      return "continue";
    case NodeKind::kError:
      return "error";
    case NodeKind::kString:
      return "string";
    case NodeKind::kDateTime:
      return "datetime";
    case NodeKind::kNumber:
      return "number";
    case NodeKind::kBool:
      return "bool";
    case NodeKind::kNull:
      return "null";
    case NodeKind::kIdentifier:
      return "identifier";
    case NodeKind::kBinary:
      return "binary";
    case NodeKind::kUnary:
      return "unary";
    case NodeKind::kParen:
      return "paren";
    case NodeKind::kCall:
      return "call";
    case NodeKind::kMemberCall:
      return "membercall";
    case NodeKind::kMember:
      return "member";
    case NodeKind::kIndex:
      return "index";
    case NodeKind::kMap:
      return "map";
    case NodeKind::kMapEntry:
      return "mapentry";
    case NodeKind::kList:
      return "list";
    case NodeKind::kInvokeUrl:
      return "invokeurl";
    case NodeKind::kInvokeParam:
      return "invokeparam";
    case NodeKind::kTry:
      return "try";
    case NodeKind::kCatch:
      return "catch";
    case NodeKind::kClientTask:
      return "clienttask";
    case NodeKind::kSection:
      return "section";
    case NodeKind::kTask:
      return "task";
  }
  return "unknown";
}


// Iterative (trees of long binary or call chains are deep): `(kind[ op][ "text"] children…)`.
std::string Dump(const Tree& tree, NodeId id) {
  std::string out;
  struct Frame {
    NodeId id;
    size_t next;
  };
  std::vector<Frame> stack;
  auto open = [&](NodeId n) {
    if (n >= tree.nodes.size()) {
      out += "(invalid)";
      return;
    }
    const Node& node = tree.nodes[n];
    out += '(';
    out += NodeKindName(node.kind);
    if (const std::string_view op = DumpedOp(node); !op.empty()) {
      out += ' ';
      out += op;
    }
    if (DumpsText(node.kind)) {
      out += ' ';
      AppendQuoted(out, node.text);
    }
    stack.push_back({n, 0});
  };
  open(id);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const Node& node = tree.nodes[frame.id];
    if (frame.next < node.children.size()) {
      const NodeId child = node.children[frame.next++];
      out += ' ';
      open(child);  // may invalidate `frame`
    } else {
      out += ')';
      stack.pop_back();
    }
  }
  return out;
}

}  // namespace authshift::frontends::deluge
