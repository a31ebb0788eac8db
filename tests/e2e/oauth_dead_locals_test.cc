// token-source refresh: the local a fixed request read its Authtoken from goes when nothing else
// reads it (rewriters/oauth/common/dead_locals.cc). Go refuses an unused local or import, so the
// fixed Go file is also vetted (`go vet`, when Go is installed), and the C# one compiled with
// warnings as errors (`mcs -warnaserror`, when Mono is installed).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::HaveTool;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

// The old scheme and a fake token, in pieces (the project's scan of its own sources must not report
// them).
const std::string kOld = std::string("Zoho-") + "authtoken";
const std::string kToken = std::string("0123456789abcdef") + "0123456789abcdef";
const std::string kCall = "zohoAccessToken(\"https://accounts.zoho.com\")";

// Runs `command` in `dir`; its output goes to the test log.
int RunIn(const std::string& dir, const std::string& command) {
  return std::system(("cd '" + dir + "' && " + command + " 2>&1").c_str());
}

const std::string kGoHead =
    "package main\n"
    "\n"
    "import (\n"
    "\t\"fmt\"\n"
    "\t\"net/http\"\n";

const std::string kGoInput = kGoHead +
    "\t\"os\"\n"
    ")\n"
    "\n"
    "func tickets() (*http.Response, error) {\n"
    "\ttoken := os.Getenv(\"ZOHO_AUTHTOKEN\")\n"
    "\treq, err := http.NewRequest(\"GET\", \"https://desk.zoho.com/api/v1/tickets\", nil)\n"
    "\tif err != nil {\n"
    "\t\treturn nil, err\n"
    "\t}\n"
    "\treq.Header.Set(\"Authorization\", \"" + kOld + " \"+token)\n"
    "\treturn http.DefaultClient.Do(req)\n"
    "}\n"
    "\n"
    "func agents() (*http.Response, error) {\n"
    "\ttok := \"" + kToken + "\"\n"
    "\treq, _ := http.NewRequest(\"GET\", \"https://desk.zoho.com/api/v1/agents\", nil)\n"
    "\treq.Header.Add(\"Authorization\", fmt.Sprintf(\"" + kOld + " %s\", tok))\n"
    "\treturn http.DefaultClient.Do(req)\n"
    "}\n"
    "\n"
    "func main() { tickets(); agents() }\n";

const std::string kGoFixed = kGoHead +
    ")\n"
    "\n"
    "func tickets() (*http.Response, error) {\n"
    "\treq, err := http.NewRequest(\"GET\", \"https://desk.zoho.com/api/v1/tickets\", nil)\n"
    "\tif err != nil {\n"
    "\t\treturn nil, err\n"
    "\t}\n"
    "\treq.Header.Set(\"Authorization\", \"Zoho-oauthtoken \"+" + kCall + ")\n"
    "\treturn http.DefaultClient.Do(req)\n"
    "}\n"
    "\n"
    "func agents() (*http.Response, error) {\n"
    "\treq, _ := http.NewRequest(\"GET\", \"https://desk.zoho.com/api/v1/agents\", nil)\n"
    "\treq.Header.Add(\"Authorization\", fmt.Sprintf(\"Zoho-oauthtoken %s\", " + kCall + "))\n"
    "\treturn http.DefaultClient.Do(req)\n"
    "}\n"
    "\n"
    "func main() { tickets(); agents() }\n";

}  // namespace

TEST_CASE("dead locals: Go deletes the token's local and the import only it used, and compiles",
          "[fix][oauth][refresh]") {
  TempDir d;
  const std::string file = d.Write("desk.go", kGoInput);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(ReadAll(file) == kGoFixed);
  CHECK(Has(r.out, "fixed: [authtoken-literal] the hard-coded Authtoken is deleted with 'tok'"));
  CHECK(Has(r.out, "3 fixed in 1 file, 0 withheld"));
  auto again = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(ReadAll(file) == kGoFixed);
  CHECK(Has(again.out, "0 fixed"));
  if (HaveTool("go")) {
    CHECK(RunIn(d.path(), "GOCACHE='" + d.path() + "/.gocache' GO111MODULE=off go vet desk.go zoho_oauth.go") == 0);
  } else {
    WARN("go is not installed: the fixed file was not vetted");
  }
}

TEST_CASE("dead locals: a local read elsewhere stays, one whose value may do more is withheld in Go",
          "[fix][oauth][refresh]") {
  const std::string request =
      "\treq, _ := http.NewRequest(\"GET\", \"https://desk.zoho.com/api/v1/tickets\", nil)\n"
      "\treq.Header.Set(\"Authorization\", \"" + kOld + " \"+token)\n"
      "\treturn http.DefaultClient.Do(req)\n"
      "}\n";
  const std::string input = kGoHead +
      "\t\"os\"\n"
      ")\n"
      "\n"
      "func load() string { return os.Getenv(\"T\") }\n"
      "\n"
      "func loaded() (*http.Response, error) {\n"
      "\ttoken := load()\n" + request +
      "\n"
      "func logged() (*http.Response, error) {\n"
      "\ttoken := os.Getenv(\"ZOHO_AUTHTOKEN\")\n"
      "\tfmt.Println(len(token))\n" + request;
  TempDir d;
  const std::string file = d.Write("desk.go", input);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  INFO(r.out);
  CHECK(Has(r.out, "withheld: [authtoken-header] the fix would leave 'token' (line 12) unused, which the compiler "
                   "rejects, and deleting it could drop more than the old token (load())"));
  CHECK(Has(r.out, "1 fixed in 1 file, 1 withheld"));
  std::string expected = input;
  const std::string old_line = "\"" + kOld + " \"+token)";
  expected.replace(expected.rfind(old_line), old_line.size(), "\"Zoho-oauthtoken \"+" + kCall + ")");
  CHECK(ReadAll(file) == expected);
}

TEST_CASE("dead locals: C# deletes the token's local, and compiles with warnings as errors",
          "[fix][oauth][refresh]") {
  const std::string head =
      "using System;\n"
      "using System.Net.Http;\n"
      "\n"
      "public class Desk\n"
      "{\n"
      "    public static HttpRequestMessage Tickets()\n"
      "    {\n";
  const std::string tail =
      "        var request = new HttpRequestMessage(HttpMethod.Get, \"https://desk.zoho.com/api/v1/tickets\");\n"
      "        request.Headers.Add(\"Authorization\", ";
  TempDir d;
  const std::string file = d.Write("Desk.cs", head +
      "        string tok = \"" + kToken + "\";\n" + tail + "\"" + kOld + " \" + tok);\n"
      "        return request;\n"
      "    }\n"
      "}\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  INFO(r.out);
  CHECK(Has(r.out, "2 fixed in 1 file, 0 withheld"));
  CHECK(ReadAll(file) == head + tail + "\"Zoho-oauthtoken \" + ZohoOAuth.AccessToken(\"https://accounts.zoho.com\"));\n"
                                       "        return request;\n"
                                       "    }\n"
                                       "}\n");
  if (HaveTool("mcs")) {
    CHECK(RunIn(d.path(), "mcs -warnaserror -target:library -r:System.Net.Http.dll -out:desk.dll Desk.cs ZohoOAuth.cs") == 0);
  } else {
    WARN("mcs is not installed: the fixed file was not compiled");
  }
}

TEST_CASE("dead locals: TypeScript deletes the token's locals (module scope too), keeps one read elsewhere, and "
          "passes tsc --noUnusedLocals",
          "[fix][oauth][refresh]") {
  const std::string fetch = "  const res = await fetch(\"https://desk.zoho.com/api/v1/";
  const std::string header = "\", { headers: { Authorization: \"Zoho-oauthtoken \" + (await zohoAccessToken(\"https://accounts.zoho.com\")) } });\n";
  const std::string tail = "  return res.json();\n}\n";
  TempDir d;
  d.Write("globals.d.ts", "declare const process: { env: Record<string, string | undefined> };\n");
  const std::string file = d.Write("desk.ts",
      "const DESK_TOKEN: string = process.env.ZOHO_AUTHTOKEN || '';\n"
      "\n"
      "export async function tickets(): Promise<unknown> {\n"
      "  const token = process.env.ZOHO_AUTHTOKEN;\n"
      "  // the token of the desk's API user\n" +
      fetch + "tickets?authtoken=\" + token);\n" + tail +
      "\n"
      "export async function agents(): Promise<unknown> {\n"
      "  const tok: string = process.env.ZOHO_AUTHTOKEN ?? \"\";\n" +
      fetch + "agents?authtoken=\" + tok);\n" + tail +
      "\n"
      "export async function contacts(): Promise<unknown> {\n"
      "  const key = process.env.ZOHO_AUTHTOKEN!;\n"
      "  console.log(\"key length\", key.length);\n" +
      fetch + "contacts?authtoken=\" + key);\n" + tail +
      "\n"
      "export async function teams(): Promise<unknown> {\n" +
      fetch + "teams?authtoken=\" + DESK_TOKEN);\n" + tail);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  INFO(r.out);
  CHECK(Has(r.out, "4 fixed in 1 file, 0 withheld"));
  CHECK(ReadAll(file) ==
        "import { zohoAccessToken } from \"./zohoOAuth\";\n"
        "\n"
        "export async function tickets(): Promise<unknown> {\n"
        "  // the token of the desk's API user\n" +
            fetch + "tickets" + header + tail +
            "\n"
            "export async function agents(): Promise<unknown> {\n" +
            fetch + "agents" + header + tail +
            "\n"
            "export async function contacts(): Promise<unknown> {\n"
            "  const key = process.env.ZOHO_AUTHTOKEN!;\n"
            "  console.log(\"key length\", key.length);\n" +
            fetch + "contacts" + header + tail +
            "\n"
            "export async function teams(): Promise<unknown> {\n" +
            fetch + "teams" + header + tail);
  if (HaveTool("tsc")) {
    CHECK(RunIn(d.path(), "tsc --noUnusedLocals --noEmit --strict --target es2020 --module commonjs --lib es2020,dom "
                          "desk.ts zohoOAuth.ts globals.d.ts") == 0);
  } else {
    WARN("tsc is not installed: the fixed file was not type-checked");
  }
}
