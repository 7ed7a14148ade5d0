# `cmake --install` layout: headers, the library, and a CMake package `nakama-sdk` (config + version).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS nakama-sdk
  EXPORT nakama-sdk-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/nakama DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

set(NAKAMA_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/nakama-sdk)
install(EXPORT nakama-sdk-targets NAMESPACE nakama:: FILE nakama-sdk-targets.cmake DESTINATION ${NAKAMA_CMAKE_DIR})

set(NAKAMA_STATIC_BUILD OFF)
if(NOT BUILD_SHARED_LIBS)
  set(NAKAMA_STATIC_BUILD ON)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/nakama-sdk-config.cmake.in
  ${PROJECT_BINARY_DIR}/nakama-sdk-config.cmake INSTALL_DESTINATION ${NAKAMA_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nakama-sdk-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/nakama-sdk-config.cmake ${PROJECT_BINARY_DIR}/nakama-sdk-config-version.cmake
  DESTINATION ${NAKAMA_CMAKE_DIR})

# The optional `testserver` component: the in-process test server for a game's own tests
# (find_package(nakama-sdk COMPONENTS testserver), target nakama::testserver, header
# <nakama/testserver/test_server.h>), and the stand-alone nakama-test-server program. It is an object
# library, so that every feature area (each registers itself) is linked into the game's test program.
if(TARGET nakama_test_server)
  install(TARGETS nakama_test_server EXPORT nakama-sdk-testserver-targets
    OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/nakama-testserver COMPONENT testserver)
  install(TARGETS nakama-test-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT testserver)
  install(FILES ${PROJECT_SOURCE_DIR}/tests/server/test_server.h
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nakama/testserver COMPONENT testserver)
  install(EXPORT nakama-sdk-testserver-targets NAMESPACE nakama:: FILE nakama-sdk-testserver-targets.cmake
    DESTINATION ${NAKAMA_CMAKE_DIR} COMPONENT testserver)
endif()
