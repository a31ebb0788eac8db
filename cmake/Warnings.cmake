# Warning flags as an interface target, linked only by first-party targets: vendored grammar C code
# never sees them.
add_library(authshift_warnings INTERFACE)
target_compile_options(authshift_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(AUTHSHIFT_WERROR)
  target_compile_options(authshift_warnings INTERFACE -Werror)
endif()
