// The shared format-template parser (scanner/ir/format_template.h): printf / Python `%` and brace
// templates, as the frontends and the OAuth rewriter read them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scanner/ir/format_template.h"

using authshift::ir::ArgumentIndex;
using authshift::ir::FormatPiece;
using authshift::ir::FormatSyntax;
using authshift::ir::ParseFormatTemplate;
using authshift::ir::ParsePlaceholder;

namespace {

// The pieces as "lit:<text>" / "ph:<source text>".
std::vector<std::string> Pieces(std::string_view text, FormatSyntax syntax) {
  std::vector<std::string> out;
  for (const FormatPiece& p : ParseFormatTemplate(text, syntax)) {
    out.push_back(p.placeholder ? "ph:" + std::string(text.substr(p.begin, p.end - p.begin)) : "lit:" + p.text);
  }
  return out;
}

}  // namespace

TEST_CASE("percent templates: conversions, escapes, selection", "[format-template]") {
  using V = std::vector<std::string>;
  CHECK(Pieces("https://x/?authtoken=%s&org=%-5.2d", FormatSyntax::kPercent) ==
        V{"lit:https://x/?authtoken=", "ph:%s", "lit:&org=", "ph:%-5.2d"});
  CHECK(Pieces("100%% of %(name)s", FormatSyntax::kPercent) == V{"lit:100% of ", "ph:%(name)s"});
  CHECK(Pieces("%lu %*d %.*s", FormatSyntax::kPercent) == V{"ph:%lu", "lit: ", "ph:%*d", "lit: ", "ph:%.*s"});
  CHECK(Pieces("%[2]v and %1$s and %<t>s and %{t}", FormatSyntax::kPercent) ==
        V{"ph:%[2]v", "lit: and ", "ph:%1$s", "lit: and ", "ph:%<t>s", "lit: and ", "ph:%{t}"});
  // A `%` that starts no placeholder is text.
  CHECK(Pieces("50% (off) %", FormatSyntax::kPercent) == V{"lit:50% (off) %"});
  const auto pieces = ParseFormatTemplate("a%%b", FormatSyntax::kPercent);
  REQUIRE(pieces.size() == 1);
  CHECK(pieces[0].escaped);
  CHECK(pieces[0].end == 4);
}

TEST_CASE("brace templates: fields, conversions, specs, escapes", "[format-template]") {
  using V = std::vector<std::string>;
  CHECK(Pieces("{{x}} {} {0} {name!r:>8} {1,10:N}", FormatSyntax::kBrace) ==
        V{"lit:{x} ", "ph:{}", "lit: ", "ph:{0}", "lit: ", "ph:{name!r:>8}", "lit: ", "ph:{1,10:N}"});
  CHECK(Pieces("open { only", FormatSyntax::kBrace) == V{"lit:open { only"});
  const auto ph = ParsePlaceholder("{user.name[0]:x}", 0, FormatSyntax::kBrace);
  REQUIRE(ph.has_value());
  CHECK(ph->name == "user");
  CHECK(ph->spec == "x");
}

TEST_CASE("argument selection follows the placeholders", "[format-template]") {
  size_t next = 0;
  auto index = [&](std::string_view text, FormatSyntax syntax) {
    const auto ph = ParsePlaceholder(text, 0, syntax);
    REQUIRE(ph.has_value());
    return ArgumentIndex(*ph, &next);
  };
  CHECK(index("%s", FormatSyntax::kPercent) == 0U);
  CHECK(index("%*d", FormatSyntax::kPercent) == 2U);  // the width takes argument 1
  CHECK(index("%2$s", FormatSyntax::kPercent) == 1U);
  CHECK(index("%[1]v", FormatSyntax::kPercent) == 0U);
  CHECK_FALSE(index("%(tok)s", FormatSyntax::kPercent).has_value());
  CHECK(index("{}", FormatSyntax::kBrace) == 3U);
  CHECK(index("{0}", FormatSyntax::kBrace) == 0U);
  CHECK(next == 4);
}

TEST_CASE("plain next-argument placeholders", "[format-template]") {
  auto plain = [](std::string_view text, FormatSyntax syntax) {
    const auto ph = ParsePlaceholder(text, 0, syntax);
    return ph.has_value() && ph->IsPlainNext(syntax);
  };
  CHECK(plain("%s", FormatSyntax::kPercent));
  CHECK(plain("%-10.3v", FormatSyntax::kPercent));
  CHECK_FALSE(plain("%d", FormatSyntax::kPercent));
  CHECK_FALSE(plain("%ls", FormatSyntax::kPercent));
  CHECK_FALSE(plain("%*s", FormatSyntax::kPercent));
  CHECK_FALSE(plain("%(t)s", FormatSyntax::kPercent));
  CHECK_FALSE(plain("%1$s", FormatSyntax::kPercent));
  CHECK(plain("{}", FormatSyntax::kBrace));
  CHECK(plain("{!r:>8}", FormatSyntax::kBrace));
  CHECK_FALSE(plain("{0}", FormatSyntax::kBrace));
  CHECK_FALSE(plain("{t}", FormatSyntax::kBrace));
  CHECK_FALSE(plain("{,10}", FormatSyntax::kBrace));
}
