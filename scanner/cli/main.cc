#include <unistd.h>

#include <iostream>

#include "scanner/cli/run_main.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return authshift::cli::RunMain(std::vector<std::string>(argv + 1, argv + argc),
                                 {std::cout, std::cerr, isatty(STDOUT_FILENO) == 1});
}
