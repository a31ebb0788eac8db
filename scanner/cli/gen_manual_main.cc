// authshift_gen_manual OUTDIR: writes authshift.1, authshift.bash, _authshift (zsh) and
// authshift.fish into OUTDIR. Run by the build; the package installs what it writes.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "scanner/cli/build_info.h"
#include "scanner/cli/manual.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: authshift_gen_manual OUTDIR\n";
    return 2;
  }
  namespace fs = std::filesystem;
  namespace cli = authshift::cli;
  const fs::path dir = argv[1];
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::pair<const char*, std::string> files[] = {
      {"authshift.1", cli::ManPage(cli::kVersion)},
      {"authshift.bash", cli::Completion("bash")},
      {"_authshift", cli::Completion("zsh")},
      {"authshift.fish", cli::Completion("fish")},
  };
  for (const auto& [name, text] : files) {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      std::cerr << "authshift_gen_manual: cannot write " << (dir / name).string() << '\n';
      return 1;
    }
  }
  return 0;
}
