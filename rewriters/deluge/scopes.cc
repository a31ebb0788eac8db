#include "rewriters/deluge/scopes.h"

#include <re2/re2.h>

#include <map>
#include <string>

#include "scanner/core/embedded.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters::deluge {

const std::vector<core::EmbeddedFile>& ScopeTables();  // generated (cmake/EmbedFiles.cmake)

namespace {

struct Product {
  std::string_view host_word;  // first host label or zohoapis path segment
  std::string_view link;       // connection link name
  std::string_view name;
  std::string_view service;    // scope prefix
  bool books_families;         // Books and Invoice share the Books scope families
};

constexpr Product kProducts[] = {
    {"billing", "zohosubscriptions", "Zoho Subscriptions", "ZohoSubscriptions", false},
    {"books", "zohobooks", "Zoho Books", "ZohoBooks", true},
    {"creator", "zohocreator", "Zoho Creator", "ZohoCreator", false},
    {"crm", "zohocrm", "Zoho CRM", "ZohoCRM", false},
    {"desk", "zohodesk", "Zoho Desk", "Desk", false},
    {"inventory", "zohoinventory", "Zoho Inventory", "ZohoInventory", false},
    {"invoice", "zohoinvoice", "Zoho Invoice", "ZohoInvoice", true},
    {"subscriptions", "zohosubscriptions", "Zoho Subscriptions", "ZohoSubscriptions", false},
    {"support", "zohodesk", "Zoho Desk", "Desk", false},
};

// First path segment -> scope family, the most common family among that segment's operations.
const std::map<std::string, std::string>& BooksFamilies() {
  static const std::map<std::string, std::string> kFamilies = [] {
    std::map<std::string, std::map<std::string, int>> counts;
    for (const auto& f : ScopeTables()) {
      core::ForEachLine(f.data, [&](std::string_view line) {
        if (line.empty() || line[0] == '#') return true;
        size_t t1 = line.find('\t');
        size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) return true;
        std::string_view path = line.substr(t1 + 1, t2 - t1 - 1);
        std::string_view scope = line.substr(t2 + 1);
        if (path.size() < 2 || path[0] != '/') return true;
        std::string segment(path.substr(1, path.find('/', 1) == std::string_view::npos ? std::string_view::npos : path.find('/', 1) - 1));
        size_t d1 = scope.find('.');
        size_t d2 = d1 == std::string_view::npos ? d1 : scope.find('.', d1 + 1);
        if (d2 != std::string_view::npos) ++counts[segment][std::string(scope.substr(d1 + 1, d2 - d1 - 1))];
        return true;
      });
    }
    std::map<std::string, std::string> out;
    for (const auto& [segment, fams] : counts) {
      auto best = fams.begin();
      for (auto it = fams.begin(); it != fams.end(); ++it) {
        if (it->second > best->second) best = it;
      }
      out[segment] = best->first;
    }
    return out;
  }();
  return kFamilies;
}

std::string Operation(std::string_view method) {
  if (method == "GET") return "READ";
  if (method == "POST") return "CREATE";
  if (method == "PUT" || method == "PATCH") return "UPDATE";
  if (method == "DELETE") return "DELETE";
  return "ALL";
}

}  // namespace

ConnectionAdvice AdviseConnection(std::string_view host, std::string_view path, std::string_view method) {
  ConnectionAdvice adv;
  static const RE2 kOldHost(R"(([a-z]+)\.zoho(cloud)?\.[a-z.]+)");
  static const RE2 kApiHost(R"(www\.zohoapis\.[a-z.]+)");
  static const RE2 kApiPath(R"(/([a-z]+)/v\d+(/.*)?)");
  std::string word;
  std::string rest;
  re2::StringPiece h(host.data(), host.size());
  re2::StringPiece p(path.data(), path.size());
  if (RE2::FullMatch(h, kApiHost)) {
    RE2::FullMatch(p, kApiPath, &word, &rest);
  } else if (RE2::FullMatch(h, kOldHost, &word)) {
    static const RE2 kOldPath(R"((?:/api)?/v\d+(/.*)?)");
    RE2::FullMatch(p, kOldPath, &rest);
  }
  for (const Product& prod : kProducts) {
    if (prod.host_word != word) continue;
    adv.name = std::string(prod.link);
    adv.link = adv.name;
    adv.product = std::string(prod.name);
    std::string op = Operation(method);
    if (prod.books_families && rest.size() > 1) {
      std::string segment = rest.substr(1, rest.find('/', 1) == std::string::npos ? std::string::npos : rest.find('/', 1) - 1);
      segment = segment.substr(0, segment.find('?'));
      auto it = BooksFamilies().find(segment);
      if (it != BooksFamilies().end()) adv.scope = std::string(prod.service) + "." + it->second + "." + op;
    }
    if (adv.scope.empty() && word == "crm") adv.scope = "ZohoCRM.modules.ALL";
    break;
  }
  return adv;
}

}  // namespace authshift::rewriters::deluge
