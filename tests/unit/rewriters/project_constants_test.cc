#include "rewriters/project_constants.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/test_util.h"

using authshift::rewriters::ProjectConstant;
using authshift::rewriters::ProjectConstants;

TEST_CASE("project constants: a Java file's static final Strings, under its one type's name", "[rewriters]") {
  std::map<std::string, std::vector<ProjectConstant>> out;
  ProjectConstants::ReadJava("src/a/Keys.java",
                             "package a;\n"
                             "public class Keys {\n"
                             "  public static final String SCOPE = \"scope\";\n"
                             "  final static String URL = \"https://x\";\n"
                             "  public static String MUTABLE = \"no\";\n"
                             "  static final String JOINED = \"a\" + B;\n"
                             "}\n",
                             &out);
  REQUIRE(out.size() == 2);
  CHECK(out["Keys.SCOPE"].at(0).value == "scope");
  CHECK(out["Keys.SCOPE"].at(0).line == 3);
  CHECK(out["Keys.SCOPE"].at(0).path == "src/a/Keys.java");
  CHECK(out["Keys.SCOPE"].at(0).package == "a");
  CHECK(out["Keys.URL"].at(0).value == "https://x");
}

TEST_CASE("project constants: a file with a nested type, or named for another type, gives none", "[rewriters]") {
  std::map<std::string, std::vector<ProjectConstant>> out;
  ProjectConstants::ReadJava("Keys.java",
                             "public class Keys {\n"
                             "  static class Inner { static final String SCOPE = \"scope\"; }\n"
                             "}\n",
                             &out);
  ProjectConstants::ReadJava("Other.java", "public class Keys { static final String SCOPE = \"scope\"; }\n", &out);
  ProjectConstants::ReadJava("Keys.kt", "object Keys { const val SCOPE = \"scope\" }\n", &out);
  CHECK(out.empty());
}

TEST_CASE("project constants: an interface's constants, and a commented-out type is no second type", "[rewriters]") {
  std::map<std::string, std::vector<ProjectConstant>> out;
  ProjectConstants::ReadJava("Constants.java",
                             "public interface Constants {\n"
                             "//  public static enum Keys {A, B};\n"
                             "  /* class Old { static final String SCOPE = \"x\"; } */\n"
                             "  public static final String URL = \"https://a//b\"; // not a comment start\n"
                             "  public static final String SCOPE=\"scope\";\n"
                             "}\n",
                             &out);
  REQUIRE(out.size() == 2);
  CHECK(out["Constants.SCOPE"].at(0).value == "scope");
  CHECK(out["Constants.SCOPE"].at(0).line == 5);
  CHECK(out["Constants.URL"].at(0).value == "https://a//b");
}

TEST_CASE("project constants: the texts of one kind of file are read once and kept for the run", "[rewriters]") {
  authshift::testing::TempDir dir;
  dir.Write("a.go", "package a\n");
  dir.Write("sub/b.go", "package b\n");
  dir.Write("c.py", "x = 1\n");
  const ProjectConstants project({dir.path()}, authshift::core::WalkOptions{});
  const std::vector<authshift::rewriters::ProjectFile>* go = project.TextsEndingWith(".go");
  REQUIRE(go != nullptr);
  REQUIRE(go->size() == 2);
  std::map<std::string, std::string> texts;
  for (const auto& f : *go) texts[std::filesystem::path(f.path).filename().string()] = f.text;
  CHECK(texts["a.go"] == "package a\n");
  CHECK(texts["b.go"] == "package b\n");
  // Kept: a second check of the same kind does not read the disk again.
  std::filesystem::remove(std::filesystem::path(dir.path()) / "sub/b.go");
  CHECK(project.TextsEndingWith(".go") == go);
  CHECK(go->size() == 2);
  const auto* py = project.TextsEndingWith(".py");
  REQUIRE(py != nullptr);
  CHECK(py->size() == 1);
}
