// The Deluge constructs of docs/deluge-grammar.md as customers write them: exact trees, no errors,
// Creator application exports as containers with the file's own positions, recovery that keeps
// facts, and location names for findings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lower.h"
#include "scanner/languages/languages.h"
#include "tests/test_util.h"
#include "tests/unit/frontends/deluge_test_util.h"

namespace dg = authshift::frontends::deluge;
using dg::NodeKind;
using authshift::testing::deluge::Clean;
using authshift::testing::deluge::Errors;

namespace {

std::vector<dg::NodeId> AllOf(const dg::Tree& tree, NodeKind kind) {
  std::vector<dg::NodeId> out;
  for (dg::NodeId i = 0; i < tree.nodes.size(); ++i) {
    if (tree.at(i).kind == kind) out.push_back(i);
  }
  return out;
}

}  // namespace

TEST_CASE("deluge grammar: try/catch in Zoho's layout and in K&R layout", "[deluge][grammar]") {
  CHECK(Clean("try \n{\n\tr = getUrl(u);\n}\ncatch (e)\n{\n\tinfo e;\n}\n") ==
        "(try (block (assign (identifier \"r\") (call \"getUrl\" (identifier \"u\"))))"
        " (catch \"e\" (block (info (identifier \"e\")))))\n");
  CHECK(Clean("try { a = 1; } catch (err) { b = 2; }") ==
        "(try (block (assign (identifier \"a\") (number \"1\")))"
        " (catch \"err\" (block (assign (identifier \"b\") (number \"2\")))))\n");
  CHECK(Clean("try {\n a = 1;\n}\ncatch {\n b = 2;\n}") ==
        "(try (block (assign (identifier \"a\") (number \"1\")))"
        " (catch \"\" (block (assign (identifier \"b\") (number \"2\")))))\n");
}

TEST_CASE("deluge grammar: bracketed tasks, keys with spaces, typed values, optional ';'",
          "[deluge][grammar]") {
  CHECK(Clean("sendmail\n[\n\tfrom :zoho.adminuserid\n\tto :input.Email, \"a@b.c\"\n\treply to :\"r@b.c\"\n"
              "\tsubject :\"Hi \" + n\n\tAttachments :file:input.Doc\n]\ninfo 1;") ==
        "(exprstmt (task \"sendmail\""
        " (invokeparam \"from\" (member \"adminuserid\" (identifier \"zoho\")))"
        " (invokeparam \"to\" (member \"Email\" (identifier \"input\")) (string \"a@b.c\"))"
        " (invokeparam \"reply to\" (string \"r@b.c\"))"
        " (invokeparam \"subject\" (binary + (string \"Hi \") (identifier \"n\")))"
        " (invokeparam file \"Attachments\" (member \"Doc\" (identifier \"input\")))))\n"
        "(info (number \"1\"))\n");
}

TEST_CASE("deluge grammar: task values, invokeapi, insert into, invokefunction", "[deluge][grammar]") {
  CHECK(Clean("r = invokeapi\n[\n\tservice :zohobilling\n\tpath :\"/subscriptions/\" + id\n\ttype :GET\n]") ==
        "(assign (identifier \"r\") (task \"invokeapi\""
        " (invokeparam \"service\" (identifier \"zohobilling\"))"
        " (invokeparam \"path\" (binary + (string \"/subscriptions/\") (identifier \"id\")))"
        " (invokeparam \"type\" (identifier \"GET\"))))\n");
  CHECK(Clean("id = insert into Log\n[\n\tAdded_User = zoho.loginuser\n\tName.first_name = n\n];") ==
        "(assign (identifier \"id\") (task \"insert into Log\""
        " (invokeparam \"Added_User\" (member \"loginuser\" (identifier \"zoho\")))"
        " (invokeparam \"Name.first_name\" (identifier \"n\"))))\n");
  CHECK(Clean("sendmail [ from: a to: b subject: \"s\" message: template:T as PDF ];") ==
        "(exprstmt (task \"sendmail\" (invokeparam \"from\" (identifier \"a\"))"
        " (invokeparam \"to\" (identifier \"b\")) (invokeparam \"subject\" (string \"s\"))"
        " (invokeparam template \"message\" (identifier \"T\"))))\n");
  CHECK(Clean("invokefunction thisapp.ns.f(a);") ==
        "(exprstmt (task \"invokefunction\" (invokeparam \"function\""
        " (membercall \"f\" (member \"ns\" (identifier \"thisapp\")) (identifier \"a\")))))\n");
  CHECK(Clean("r = invokefunction thisapp.g with input { \"k\" : v };") ==
        "(assign (identifier \"r\") (task \"invokefunction\""
        " (invokeparam \"function\" (member \"g\" (identifier \"thisapp\")))"
        " (invokeparam \"input\" (map (mapentry (string \"k\") (identifier \"v\"))))))\n");
}

TEST_CASE("deluge grammar: '=' and criteria operators compare inside brackets and conditions",
          "[deluge][grammar]") {
  CHECK(Clean("if(R.get(\"item_id\") = itemId) { x = 1; }") ==
        "(if (binary = (membercall \"get\" (identifier \"R\") (string \"item_id\")) (identifier \"itemId\"))"
        " (block (assign (identifier \"x\") (number \"1\"))))\n");
  CHECK(Clean("v = if(a = \"b\", 1, 2);") ==
        "(assign (identifier \"v\") (call \"if\" (binary = (identifier \"a\") (string \"b\"))"
        " (number \"1\") (number \"2\")))\n");
  CHECK(Clean("for each r in Orders[Status = \"Open\" && Email is not null && Name contains \"Ltd\"] { }") ==
        "(foreach \"r\" (index (identifier \"Orders\") (binary && (binary && (binary = (identifier \"Status\")"
        " (string \"Open\")) (binary is not (identifier \"Email\") (null))) (binary contains (identifier \"Name\")"
        " (string \"Ltd\")))) (block))\n");
  CHECK(Clean("x = F[A not in {1, 2} || B starts with \"x\"];") ==
        "(assign (identifier \"x\") (index (identifier \"F\") (binary || (binary not in (identifier \"A\")"
        " (list (number \"1\") (number \"2\"))) (binary starts with (identifier \"B\") (string \"x\")))))\n");
}

TEST_CASE("deluge grammar: record fetches with sort by and range, :ui. calls", "[deluge][grammar]") {
  CHECK(Clean("n = Form[ID != 0].No sort by No desc;") ==
        "(assign (identifier \"n\") (index sort (member \"No\" (index (identifier \"Form\") (binary !="
        " (identifier \"ID\") (number \"0\")))) (identifier \"No\")))\n");
  CHECK(Clean("b = C[Email is null] range from 1 to 10;") ==
        "(assign (identifier \"b\") (index range (index (identifier \"C\") (binary is (identifier \"Email\")"
        " (null))) (number \"1\") (number \"10\")))\n");
  CHECK(Clean("input.Plan:ui.add(p);") ==
        "(exprstmt (membercall \"ui.add\" (member \"Plan\" (identifier \"input\")) (identifier \"p\")))\n");
}

TEST_CASE("deluge grammar: Creator client tasks, keywords as names, literals, while",
          "[deluge][grammar]") {
  CHECK(Clean("show F;\nhide input.G;\nalert \"x\" + y;\ncancel submit;\nsuccess message \"ok\";\n"
              "delete from Orders[ID == i];") ==
        "(clienttask \"show\" (identifier \"F\"))\n"
        "(clienttask \"hide\" (member \"G\" (identifier \"input\")))\n"
        "(clienttask \"alert\" (binary + (string \"x\") (identifier \"y\")))\n"
        "(clienttask \"cancel submit\")\n"
        "(clienttask \"success message\" (string \"ok\"))\n"
        "(clienttask \"delete from\" (index (identifier \"Orders\") (binary == (identifier \"ID\")"
        " (identifier \"i\"))))\n");
  CHECK(Clean("info = Map();\ninfo.put(\"k\", 1);\ninfo info;") ==
        "(assign (identifier \"info\") (call \"Map\"))\n"
        "(exprstmt (membercall \"put\" (identifier \"info\") (string \"k\") (number \"1\")))\n"
        "(info (identifier \"info\"))\n");
  CHECK(Clean("t = s * .18 + a.b - '01-Jan-2020';") ==
        "(assign (identifier \"t\") (binary - (binary + (binary * (identifier \"s\") (number \".18\"))"
        " (member \"b\" (identifier \"a\"))) (datetime \"01-Jan-2020\")))\n");
  CHECK(Clean("while (more) { more = false; }") ==
        "(while (identifier \"more\") (block (assign (identifier \"more\") (bool \"false\"))))\n");
}

TEST_CASE("deluge grammar: a missing ';' is still an error; typed declarations are not Deluge",
          "[deluge][grammar]") {
  CHECK(Errors(dg::Parse("a = 1\nb = 2;")) == "1:6 expected ';' after statement\n");
  CHECK(Errors(dg::Parse("map m = Map();")) == "1:5 unparsable statement\n");
  CHECK(Errors(dg::Parse("else if (a) { b = 1; }")) == "1:1 unparsable statement\n");
}

TEST_CASE("deluge grammar: a broken statement keeps its call, map and token for the rules",
          "[deluge][grammar]") {
  const std::string src =
      "t = \"0123456789abcdef0123456789abcdef\";\n"
      "r = getUrl(\"https://books.zoho.com/api/v3/items?authtoken=\" + t \"&x=1\");\n";
  const dg::Tree tree = dg::Parse(src);
  CHECK(Errors(tree) == "2:65 unparsable statement\n");
  const authshift::ir::Facts facts = dg::Lower(tree, src);
  REQUIRE(facts.calls.size() == 1);
  CHECK(facts.calls[0].callee == "getUrl");
  REQUIRE(facts.calls[0].args.size() == 1);
  CHECK(facts.exprs[facts.calls[0].args[0].value].kind == authshift::ir::ExprKind::kConcat);
  bool bound = false;
  for (const auto& b : facts.bindings) bound = bound || b.name == "r";
  CHECK(bound);  // `r = …` survives as an assignment
}

TEST_CASE("deluge grammar: a Creator application export is a container of named Deluge sections",
          "[deluge][grammar]") {
  const std::string src =
      "/* export */\n"
      "application \"Shop\"\n"
      "{\n"
      "  forms\n"
      "  {\n"
      "    form Order\n"
      "    {\n"
      "      Qty\n"
      "      (\n"
      "        type = number\n"
      "        width = 200px\n"
      "        on user input\n"
      "        {\n"
      "          input.Total = input.Qty * 2;\n"
      "        }\n"
      "      )\n"
      "      actions\n"
      "      {\n"
      "        on add\n"
      "        {\n"
      "          submit\n"
      "          (\n"
      "            type = submit\n"
      "          )\n"
      "        }\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "  workflow\n"
      "  {\n"
      "    form\n"
      "    {\n"
      "      Order_on_success as \"Push\"\n"
      "      {\n"
      "        type = form\n"
      "        form = Order\n"
      "        on success\n"
      "        {\n"
      "          actions\n"
      "          {\n"
      "            custom deluge script\n"
      "            (\n"
      "              r = getUrl(u);\n"
      "            )\n"
      "          }\n"
      "        }\n"
      "      }\n"
      "    }\n"
      "    schedule\n"
      "    {\n"
      "      nightly as \"Nightly\"\n"
      "      {\n"
      "        form = Order\n"
      "        on start\n"
      "        {\n"
      "          actions\n"
      "          {\n"
      "            on load\n"
      "            (\n"
      "              n = 1;\n"
      "            )\n"
      "          }\n"
      "        }\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "  functions\n"
      "  {\n"
      "    Deluge\n"
      "    {\n"
      "      void Crm.pushContact(string e)\n"
      "      {\n"
      "        info e;\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "}\n";
  const dg::Tree tree = dg::Parse(src);
  REQUIRE(Errors(tree).empty());
  std::vector<std::string> names;
  for (const dg::NodeId id : AllOf(tree, NodeKind::kSection)) names.push_back(tree.at(id).text);
  CHECK(names == std::vector<std::string>{"form Order, field Qty, on user input", "workflow Order_on_success in form Order",
                                          "schedule workflow nightly in form Order", "functions"});
  // The sections hold the statements, at the file's own offsets.
  const dg::NodeId call = AllOf(tree, NodeKind::kCall).front();
  CHECK(src.substr(tree.at(call).begin, tree.at(call).end - tree.at(call).begin) == "getUrl(u)");
  const authshift::ir::Facts facts = dg::Lower(tree, src);
  CHECK(facts.LocationName(static_cast<uint32_t>(src.find("getUrl"))) == "workflow Order_on_success in form Order");
  CHECK(facts.LocationName(static_cast<uint32_t>(src.find("info e"))) == "function Crm.pushContact");
  CHECK(facts.LocationName(static_cast<uint32_t>(src.find("type = submit"))).empty());
}

TEST_CASE("deluge grammar: an error inside a .ds body has the .ds file's line and column", "[deluge][grammar]") {
  const std::string src =
      "application \"A\"\n{\n  workflow\n  {\n    form\n    {\n      W as \"w\"\n      {\n"
      "        on success\n        {\n          actions\n          {\n            custom deluge script\n"
      "            (\n              x = ;\n            )\n          }\n        }\n      }\n    }\n  }\n}\n";
  CHECK(Errors(dg::Parse(src)) == "15:19 unparsable statement\n");
}

TEST_CASE("deluge grammar: every Deluge rule fixture parses without a syntax error", "[deluge][grammar]") {
  // Fixtures that hold a deliberate syntax error, to show the recovery keeps the finding.
  const std::vector<std::string> deliberate = {"crm_typo_statement_recovered.dg", "crm_placeholder_recovered.deluge"};
  const std::filesystem::path root = std::filesystem::path(authshift::testing::SourceDir()) / "fixtures";
  size_t seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string path = entry.path().string();
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || path.find(".fixed.") != std::string::npos ||
        (ext != ".dg" && ext != ".ds" && ext != ".deluge")) {
      continue;
    }
    const std::string text = authshift::testing::ReadAll(path);
    ++seen;
    const bool expect_error = std::find(deliberate.begin(), deliberate.end(), entry.path().filename()) != deliberate.end();
    INFO(path);
    CHECK(dg::Parse(text).errors.empty() != expect_error);
  }
  CHECK(seen >= 90);
}

TEST_CASE("deluge detection: a .txt holding one JSON string of a script is not Deluge", "[deluge][grammar]") {
  using authshift::languages::Detect;
  CHECK(Detect("f.txt", "\"string a.b()\\n{\\n\\tr = getUrl(u);\\n}\"\n").id == "text");
  CHECK(Detect("f.txt", "string a.b()\n{\n\tr = getUrl(u);\n}\n").id == "deluge");
}
