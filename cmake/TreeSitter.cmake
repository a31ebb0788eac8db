# The tree-sitter runtime and grammars come from npm packages pinned by package-lock.json
# (installed with `npm ci --ignore-scripts` by scripts/setup.sh). Only their C sources are used.
set(AUTHSHIFT_NODE_MODULES "${CMAKE_SOURCE_DIR}/node_modules" CACHE PATH "npm install folder holding the grammars")
set(_nm "${AUTHSHIFT_NODE_MODULES}")
if(NOT EXISTS "${_nm}/tree-sitter/vendor/tree-sitter/lib/src/lib.c")
  message(FATAL_ERROR "tree-sitter sources missing under ${_nm}: run `make setup` (npm ci --ignore-scripts)")
endif()

# The fuzz build links the grammars a normal build already compiled (plain C, so GCC's objects link
# with clang's): the 15 generated parsers are ~100 MB of C and would dominate its build time.
set(AUTHSHIFT_PREBUILT_GRAMMARS "" CACHE PATH "build folder holding libts_runtime.a and libts_grammars.a to link instead of compiling them")
if(AUTHSHIFT_PREBUILT_GRAMMARS)
  foreach(lib ts_runtime ts_grammars)
    if(NOT EXISTS "${AUTHSHIFT_PREBUILT_GRAMMARS}/lib${lib}.a")
      message(FATAL_ERROR "${AUTHSHIFT_PREBUILT_GRAMMARS}/lib${lib}.a is missing: build that folder first")
    endif()
    add_library(${lib} STATIC IMPORTED)
    set_target_properties(${lib} PROPERTIES IMPORTED_LOCATION "${AUTHSHIFT_PREBUILT_GRAMMARS}/lib${lib}.a")
  endforeach()
  set_target_properties(ts_runtime PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_nm}/tree-sitter/vendor/tree-sitter/lib/include")
  set_target_properties(ts_grammars PROPERTIES INTERFACE_LINK_LIBRARIES ts_runtime)
  return()
endif()

add_library(ts_runtime STATIC "${_nm}/tree-sitter/vendor/tree-sitter/lib/src/lib.c")
target_include_directories(ts_runtime SYSTEM PUBLIC "${_nm}/tree-sitter/vendor/tree-sitter/lib/include")
target_include_directories(ts_runtime PRIVATE "${_nm}/tree-sitter/vendor/tree-sitter/lib/src")
target_compile_options(ts_runtime PRIVATE -w)
set_target_properties(ts_runtime PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)

# name | source directory (holding parser.c and maybe scanner.c)
set(_grammars
  "python|tree-sitter-python/src"
  "javascript|tree-sitter-javascript/src"
  "typescript|tree-sitter-typescript/typescript/src"
  "tsx|tree-sitter-typescript/tsx/src"
  "php|tree-sitter-php/php/src"
  "php_only|tree-sitter-php/php_only/src"
  "java|tree-sitter-java/src"
  "c_sharp|tree-sitter-c-sharp/src"
  "ruby|tree-sitter-ruby/src"
  "go|tree-sitter-go/src"
  "bash|tree-sitter-bash/src"
  "yaml|@tree-sitter-grammars/tree-sitter-yaml/src"
  "json|tree-sitter-json/src"
  "c|tree-sitter-c/src"
  "cpp|tree-sitter-cpp/src")

add_library(ts_grammars STATIC)
set_target_properties(ts_grammars PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(ts_grammars PRIVATE -w)
target_link_libraries(ts_grammars PUBLIC ts_runtime)
foreach(entry IN LISTS _grammars)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 dir)
  set(src "${_nm}/${dir}")
  # Each grammar is its own object library: scanner.c files share static helper names and
  # include their own headers, so they must not be compiled with each other's include paths.
  add_library(ts_grammar_${name} OBJECT "${src}/parser.c")
  # YAML's scanner.c #includes schema.core.c: compile parser.c + scanner.c only, never src/*.c.
  if(EXISTS "${src}/scanner.c")
    target_sources(ts_grammar_${name} PRIVATE "${src}/scanner.c")
  endif()
  target_include_directories(ts_grammar_${name} PRIVATE "${src}")
  target_compile_options(ts_grammar_${name} PRIVATE -w)
  set_target_properties(ts_grammar_${name} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_sources(ts_grammars PRIVATE $<TARGET_OBJECTS:ts_grammar_${name}>)
endforeach()
