#include <catch2/catch.hpp>

#include "rewriters/edit.h"

using authshift::rewriters::Edit;
using authshift::rewriters::EditSet;

TEST_CASE("edits apply in order and exact duplicates merge", "[edit]") {
  EditSet set;
  set.Add({6, 5, "there", "b"});
  set.Add({0, 5, "HELLO", "a"});
  set.Add({6, 5, "there", "c"});  // same edit from another rule: merged
  std::string err;
  REQUIRE(set.Resolve(&err));
  CHECK(set.edits().size() == 2);
  CHECK(set.Apply("hello world!") == "HELLO there!");
}

TEST_CASE("overlapping edits are rejected naming both rules", "[edit]") {
  EditSet set;
  set.Add({0, 5, "x", "rule-a"});
  set.Add({3, 4, "y", "rule-b"});
  std::string err;
  CHECK_FALSE(set.Resolve(&err));
  CHECK(err == "edits of rule-a and rule-b overlap at bytes 3-7");
}

TEST_CASE("two different insertions at one offset conflict", "[edit]") {
  EditSet set;
  set.Add({4, 0, "x", "rule-a"});
  set.Add({4, 0, "y", "rule-b"});
  std::string err;
  CHECK_FALSE(set.Resolve(&err));
}
