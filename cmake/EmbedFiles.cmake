# authshift_embed_files(OUTPUT <file.cc> NAMESPACE <ns> SYMBOL <name> FILES <abs paths...>)
# Generates a .cc defining `const std::vector<EmbeddedFile>& <ns>::<name>()` with each file's
# base name and bytes, regenerated whenever one of the files changes.
set(_AUTHSHIFT_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_files_script.cmake")
function(authshift_embed_files)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;SYMBOL" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT "${E_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${E_OUTPUT}" "-DNAMESPACE=${E_NAMESPACE}" "-DSYMBOL=${E_SYMBOL}"
            "-DFILES=${files_arg}" -P "${_AUTHSHIFT_EMBED_SCRIPT}"
    DEPENDS ${E_FILES} "${_AUTHSHIFT_EMBED_SCRIPT}"
    COMMENT "Embedding ${E_SYMBOL}"
    VERBATIM)
endfunction()
