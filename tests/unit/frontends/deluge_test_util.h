#pragma once
// Helpers the Deluge parser tests share: the tree invariants, dumps of the top-level items and the
// parse errors as text.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/deluge/cst.h"

namespace authshift::testing::deluge {

namespace dg = authshift::frontends::deluge;
using dg::NodeKind;

// Checks the tree invariants every parse must hold and returns "" or a description of a violation:
// root is a kFile spanning the source; every child id is valid; spans lie within the source and
// within their parent's; every node but the root has exactly one parent; errors have 1-based
// positions inside the source.
inline std::string CheckTree(const dg::Tree& tree, std::string_view source) {
  if (tree.root == dg::kNoNode || tree.root >= tree.nodes.size()) return "no root";
  const dg::Node& root = tree.at(tree.root);
  if (root.kind != NodeKind::kFile || root.begin != 0 || root.end != source.size()) {
    return "bad root";
  }
  std::vector<int> parents(tree.nodes.size(), 0);
  std::vector<dg::NodeId> stack{tree.root};
  while (!stack.empty()) {
    const dg::NodeId id = stack.back();
    stack.pop_back();
    const dg::Node& n = tree.at(id);
    if (n.begin > n.end || n.end > source.size()) return "span out of source";
    for (const dg::NodeId c : n.children) {
      if (c >= tree.nodes.size()) return "bad child id";
      const dg::Node& child = tree.at(c);
      if (child.begin < n.begin || child.end > n.end) {
        return "child span outside parent: " + std::string(dg::NodeKindName(child.kind)) + " in " +
               std::string(dg::NodeKindName(n.kind));
      }
      if (++parents[c] > 1) return "node with two parents";
      stack.push_back(c);
    }
  }
  for (size_t i = 0; i < parents.size(); ++i) {
    if (i != tree.root && parents[i] != 1) return "orphan node";
  }
  for (const dg::ParseError& e : tree.errors) {
    if (e.line < 1 || e.column < 1 || e.offset > source.size() || e.message.empty()) {
      return "bad error";
    }
  }
  return "";
}

// The dump of every top-level item, one per line.
inline std::string DumpItems(const dg::Tree& tree) {
  std::string out;
  for (const dg::NodeId id : tree.at(tree.root).children) {
    out += dg::Dump(tree, id);
    out += '\n';
  }
  return out;
}

// The parse errors, "line:column message" one a line.
inline std::string Errors(const dg::Tree& tree) {
  std::string out;
  for (const dg::ParseError& e : tree.errors) {
    out += std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.message + "\n";
  }
  return out;
}

// The dump of every top-level item of `source`, one a line; the tree must hold its invariants and
// the parse must have no errors.
inline std::string Clean(std::string_view source) {
  const dg::Tree tree = dg::Parse(source);
  INFO(source);
  REQUIRE(CheckTree(tree, source).empty());
  REQUIRE(Errors(tree).empty());
  return DumpItems(tree);
}

}  // namespace authshift::testing::deluge
