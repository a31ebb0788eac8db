# The libFuzzer build (-DAUTHSHIFT_FUZZ=ON, in its own build folder, with clang): first-party code
# gets ASan + UBSan and libFuzzer's coverage instrumentation; the targets themselves are in fuzz/.
# Included after TreeSitter.cmake, so the tree-sitter runtime and grammars (third-party, generated
# tables) stay uninstrumented and fast to compile.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "AUTHSHIFT_FUZZ needs clang: -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14")
endif()
add_compile_options(-O1 -gline-tables-only -fno-omit-frame-pointer
  -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
