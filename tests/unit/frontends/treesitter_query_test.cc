// The lowering queries' field predicates and paths (query.h): what lets a pattern name only its
// node and read its fields in C++ (docs/performance.md, "Query compilation").
#include "scanner/frontends/treesitter/query.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/treesitter/grammars.h"
#include "scanner/frontends/treesitter/node.h"

namespace ts = authshift::frontends::treesitter;

namespace {

// The text of every match of `query` on `source` whose predicates hold, with its `#part!` parts
// ("role|part=text|…").
std::vector<std::string> Matches(std::string_view grammar, const std::string& query, std::string_view source) {
  const TSLanguage* language = ts::GrammarByName(grammar);
  const ts::CompiledQuery q = ts::CompileQuery(language, query, "test query");
  const ts::ParsedTree tree = ts::ParsedTree::Parse(language, source);
  TSQueryCursor* cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, q.query, tree.Root());
  std::vector<std::string> out;
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor, &match)) {
    if (!ts::PredicatesHold(q, match, source)) continue;
    std::string s(ts::TextOf(match.captures[0].node, source));
    for (const ts::Predicate& p : q.predicates[match.pattern_index]) {
      if (p.kind != ts::Predicate::Kind::kPart) continue;
      s += "|" + p.literal + "=" + std::string(ts::TextOf(ts::FieldPath(match.captures[0].node, p.field), source));
    }
    out.push_back(s);
  }
  ts_query_cursor_delete(cursor);
  ts_query_delete(q.query);
  return out;
}

}  // namespace

TEST_CASE("FieldPath follows fields, named-child indices and parents") {
  const std::string_view src = "a.get(x, y);\n";
  const ts::ParsedTree tree = ts::ParsedTree::Parse(ts::GrammarByName("javascript"), src);
  const TSNode call = ts_node_named_child(ts_node_named_child(tree.Root(), 0), 0);
  REQUIRE(std::string_view(ts_node_type(call)) == "call_expression");
  CHECK(ts::TextOf(ts::FieldPath(call, "function.object"), src) == "a");
  CHECK(ts::TextOf(ts::FieldPath(call, "function.property"), src) == "get");
  CHECK(ts::TextOf(ts::FieldPath(call, "arguments.1"), src) == "y");
  CHECK(ts::TextOf(ts::FieldPath(call, ""), src) == "a.get(x, y)");
  CHECK(std::string_view(ts_node_type(ts::FieldPath(call, "^"))) == "expression_statement");
  CHECK(ts::TextOf(ts::FieldPath(call, "arguments.0.^.^.function"), src) == "a.get");
  CHECK(ts_node_is_null(ts::FieldPath(call, "arguments.2")));
  CHECK(ts_node_is_null(ts::FieldPath(call, "nope.object")));
  CHECK(ts_node_is_null(ts::FieldPath(call, "arguments.0.0")));
}

TEST_CASE("Field predicates select matches as the child steps they replace would") {
  const std::string_view src = "a.get(x, y);\na.get(x);\nb.put(x, y);\nf(x, y);\na.set(x, y);\n";
  const std::string query =
      "((call_expression) @c (#field-type? @c \"function\" \"member_expression\")"
      " (#field-match? @c \"function.property\" \"^(get|set)$\") (#field-not-match? @c \"function.property\" \"^set$\")"
      " (#named-count? @c \"arguments\" \"2\") (#field? @c \"arguments\") (#no-field? @c \"nope\")"
      " (#field-eq? @c \"function.object\" \"a\") (#part! @c \"key\" \"arguments.0\") (#part! @c \"value\" \"arguments.1\"))";
  CHECK(Matches("javascript", query, src) == std::vector<std::string>{"a.get(x, y)|key=x|value=y"});
  // #field-type? takes several types; #part! fails the match when the node is absent.
  const std::string any_callee =
      "((call_expression) @c (#field-type? @c \"function\" \"identifier\" \"member_expression\")"
      " (#part! @c \"second\" \"arguments.1\"))";
  CHECK(Matches("javascript", any_callee, src) ==
        std::vector<std::string>{"a.get(x, y)|second=y", "b.put(x, y)|second=y", "f(x, y)|second=y",
                                 "a.set(x, y)|second=y"});
  // Ruby: `!receiver` / `block: (_)` as predicates.
  const std::string ruby = "((call) @c (#no-field? @c \"receiver\") (#field? @c \"block\") (#part! @c \"m\" \"method\"))";
  CHECK(Matches("ruby", ruby, "get(1)\nlist.each { |x| x }\nloop { 1 }\n") == std::vector<std::string>{"loop { 1 }|m=loop"});
}

TEST_CASE("Field predicates with the wrong arguments do not compile") {
  const TSLanguage* js = ts::GrammarByName("javascript");
  CHECK_THROWS_AS(ts::CompileQuery(js, "((identifier) @c (#field? @c))", "q"), std::logic_error);
  CHECK_THROWS_AS(ts::CompileQuery(js, "((identifier) @c (#field? @c \"a\" \"b\"))", "q"), std::logic_error);
  CHECK_THROWS_AS(ts::CompileQuery(js, "((identifier) @c (#field-type? @c \"a\"))", "q"), std::logic_error);
  CHECK_THROWS_AS(ts::CompileQuery(js, "((identifier) @c (#named-count? @c \"a\"))", "q"), std::logic_error);
  CHECK_THROWS_AS(ts::CompileQuery(js, "((identifier) @c (#field-match? @c \"a\" \"(\"))", "q"), std::logic_error);
}
