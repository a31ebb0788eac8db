// Creator application exports (.ds): `application "Name" { … }` holds forms, fields, reports, pages
// and workflows as declarations (`type = text`, `width = 200px`, buttons) around Deluge bodies:
//   - `custom deluge script ( … )` and `on click ( … )` / `on load ( … )` inside a workflow's
//     `actions { … }` (current exports);
//   - `on user input { … }`, `on validate { … }`, `on success { … }`, … under a form or field (older
//     exports), unless the block holds declarations (`on add { submit ( … ) }`, `actions`, `on …`);
//   - `functions { Deluge { <function definitions> } }`.
// The declarations are walked without being parsed (they are never syntax errors); each Deluge body
// is parsed with the statement parser, bounded by its closing bracket, and becomes a kSection named
// after where it sits ("workflow Order_on_success in form Order", "form Order, field Qty, on user
// input", "functions"), with the positions of the .ds file itself.
#include "scanner/frontends/deluge/parser_internal.h"

namespace authshift::frontends::deluge::detail {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// `Name as "Title"` → Name; otherwise empty.
std::string_view AsName(std::string_view label) {
  const size_t sp = label.find(' ');
  if (sp == std::string_view::npos || !StartsWith(label.substr(sp), " as \"")) return {};
  return label.substr(0, sp);
}

}  // namespace

bool Parser::IsContainerStart() const {
  return IsWord(Cur(), "application") &&
         (Ahead(1).kind == TK::kString || Ahead(1).kind == TK::kIdentifier) && Ahead(2).kind == TK::kLBrace;
}

// The label of an opener at token `open`: the words of the line it ends, or of the line before it
// when it stands alone, normalised to single spaces ("on user input of Qty", "form Order").
std::string Parser::LabelBefore(size_t open) const {
  if (open == 0) return {};
  size_t last = open - 1;
  size_t first = last;
  while (first > 0 && !At(first).newline_before) --first;
  std::string label;
  for (size_t i = first; i <= last; ++i) {
    const Token& t = At(i);
    if (t.kind == TK::kLParen && i > first) break;  // `page P(int a)`: the name only
    if (!label.empty() && (t.begin > At(i - 1).end)) label += ' ';
    label += Text(t);
  }
  return label;
}

// The token index of the bracket closing the one at `open`, or the end token's index.
size_t Parser::MatchingClose(size_t open) const {
  size_t depth = 0;
  for (size_t i = open; i < limit_; ++i) {
    const TK k = At(i).kind;
    if (IsOpener(k)) ++depth;
    if (IsCloser(k) && --depth == 0) return i;
  }
  return limit_;
}

std::string Parser::SectionName(const std::vector<ContainerFrame>& frames) const {
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    const std::string_view name = AsName(it->label);
    if (name.empty()) continue;
    std::string out = "workflow " + std::string(name);
    const auto category = it + 1;
    if (category != frames.rend() &&
        (category->label == "schedule" || category->label == "approval" || category->label == "payment")) {
      out = category->label + " " + out;
    }
    if (!it->form.empty()) out += " in form " + it->form;
    return out;
  }
  std::string out;
  for (const ContainerFrame& f : frames) {
    if (StartsWith(f.label, "form ")) {
      out = f.label;
    } else if (!out.empty() && f.label.find(' ') == std::string::npos && f.label != "actions") {
      out += ", field " + f.label;
    }
  }
  if (!frames.empty() && StartsWith(frames.back().label, "on ")) {
    out += (out.empty() ? "" : ", ") + frames.back().label;
  }
  return out.empty() ? std::string("application") : out;
}

// One Deluge body between the bracket at token `open` and its match; pos_ ends past the match.
NodeId Parser::ParseSection(size_t open, std::string name, bool functions) {
  const size_t close = MatchingClose(open);
  const uint32_t begin = At(open).begin;
  const uint32_t end = close < limit_ ? At(close).end : At(close).begin;
  std::vector<NodeId> items;
  {
    LimitScope limit(*this, close);
    pos_ = open + 1;
    while (!Is(TK::kEnd)) {
      if (Is(TK::kSemicolon)) {
        Advance();
        continue;
      }
      items.push_back(StatementOrRecover(functions && IsFunctionHeader()));
    }
  }
  pos_ = std::min(close + 1, limit_);
  return NewNode(NodeKind::kSection, begin, end, std::move(items), std::move(name));
}

// Walks the declarations iteratively (a stack of open brackets), parsing the Deluge bodies.
void Parser::ParseContainer(std::vector<NodeId>& items) {
  std::vector<ContainerFrame> frames;
  while (!Is(TK::kEnd)) {
    const TK k = Cur().kind;
    if (Is(TK::kIdentifier) && IsWord(Cur(), "form") && Ahead(1).kind == TK::kAssign &&
        Ahead(2).kind == TK::kIdentifier && !frames.empty()) {
      frames.back().form = Text(Ahead(2));  // a workflow's `form = Order`
    }
    if (IsCloser(k)) {
      if (!frames.empty()) frames.pop_back();
      Advance();
      continue;
    }
    if (!IsOpener(k) || k == TK::kLBracket) {
      Advance();
      continue;
    }
    const size_t open = pos_;
    const std::string label = LabelBefore(open);
    const std::string parent = frames.empty() ? std::string() : frames.back().label;
    const bool event = StartsWith(label, "on ");
    bool deluge = false;
    bool functions = false;
    if (k == TK::kLParen) {
      deluge = label == "custom deluge script" || (event && parent == "actions");
    } else if (label == "Deluge" && parent == "functions") {
      deluge = functions = true;
    } else if (event && parent != "actions") {
      const Token& first = Ahead(1);
      deluge = !(IsWord(first, "actions") || IsWord(first, "on") ||
                 (first.kind == TK::kIdentifier && Ahead(2).kind == TK::kLParen && Ahead(3).kind == TK::kIdentifier &&
                  Ahead(4).kind == TK::kAssign));
    }
    if (!deluge) {
      frames.push_back({label, {}});
      Advance();
      continue;
    }
    std::vector<ContainerFrame> named = frames;
    named.push_back({label, {}});
    items.push_back(ParseSection(open, functions ? std::string("functions") : SectionName(named), functions));
  }
}

}  // namespace authshift::frontends::deluge::detail
