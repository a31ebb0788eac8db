find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
find_package(Threads REQUIRED)

# Clang LibTooling (the C/C++ frontend of the default build). -DAUTHSHIFT_WITH_CLANG=OFF (the lean
# build) needs no LLVM: C and C++ then go through tree-sitter only.
if(AUTHSHIFT_WITH_CLANG)
  # Clang LibTooling. Debian ships no version file for Clang, so find_package(Clang) is unversioned;
  # LLVM pins the version.
  find_package(LLVM 14 CONFIG REQUIRED)
  find_package(Clang CONFIG REQUIRED HINTS "${LLVM_DIR}/../../clang-14/cmake" /usr/lib/cmake/clang-14)
  execute_process(COMMAND clang-14 -print-resource-dir
    OUTPUT_VARIABLE AUTHSHIFT_CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
  # LLVM's headers trip our warnings: include them as SYSTEM, never paste llvm-config --cxxflags
  # (it forces -std=c++14 -fno-exceptions).
  add_library(authshift_llvm INTERFACE)
  target_include_directories(authshift_llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
  separate_arguments(_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
  target_compile_definitions(authshift_llvm INTERFACE ${_llvm_defs}
    AUTHSHIFT_CLANG_RESOURCE_DIR="${AUTHSHIFT_CLANG_RESOURCE_DIR}")
  target_link_libraries(authshift_llvm INTERFACE clang-cpp LLVM)
endif()

if(AUTHSHIFT_BUILD_TESTS)
  find_package(Catch2 2 CONFIG REQUIRED)
endif()
