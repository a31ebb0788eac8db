# Installation layout and CPack: `make package` writes a Debian package and a .tar.gz into the build
# folder. The .deb's Depends come from dpkg-shlibdeps run on the binary (CPACK_DEBIAN_PACKAGE_SHLIBDEPS),
# never from a hand-written list, so a lean build (-DAUTHSHIFT_WITH_CLANG=OFF) declares no LLVM.
include(GNUInstallDirs)

install(TARGETS authshift RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Debian policy: man pages are gzip-compressed (-n: no name or timestamp, so the file is reproducible).
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/manual/authshift.1.gz
  COMMAND gzip -9n -c ${PROJECT_BINARY_DIR}/manual/authshift.1 > ${PROJECT_BINARY_DIR}/manual/authshift.1.gz
  DEPENDS ${PROJECT_BINARY_DIR}/manual/authshift.1
  COMMENT "Compressing the man page")
add_custom_target(authshift_manual_gz ALL DEPENDS ${PROJECT_BINARY_DIR}/manual/authshift.1.gz)
install(FILES ${PROJECT_BINARY_DIR}/manual/authshift.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_BINARY_DIR}/manual/authshift.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME authshift)
install(FILES ${PROJECT_BINARY_DIR}/manual/_authshift DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_BINARY_DIR}/manual/authshift.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(EXISTS ${PROJECT_SOURCE_DIR}/docs)
  install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_PACKAGE_NAME authshift)
set(CPACK_PACKAGE_VENDOR authshift)
set(CPACK_PACKAGE_CONTACT "authshift maintainers <authshift@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "find Zoho Authtoken usage and move it to OAuth")
set(CPACK_PACKAGE_DESCRIPTION "authshift scans source code (Python, JavaScript, TypeScript, PHP, Java, C#, Ruby, Go,
shell, C, C++, Deluge, YAML, JSON) for Zoho's deprecated Authtoken and rewrites what it can to OAuth.
Reports as text, JSON, SARIF, GitLab security and Code Quality reports and JUnit; never prints a token.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/authshift/authshift")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)  # the build is RelWithDebInfo; users get the stripped binary
set(CPACK_PACKAGE_FILE_NAME "authshift-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # authshift_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(AUTHSHIFT_WITH_CLANG)
  # Not a library (dpkg-shlibdeps cannot see it): Clang's builtin headers (stddef.h, ...), which
  # the C/C++ frontend reads from the resource directory compiled into the binary. Without them C
  # and C++ files still scan, as files whose headers are missing.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libclang-common-14-dev")
endif()
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/node_modules/;/\\\\.git/")
include(CPack)
