# API reference: `cmake --build build --target docs` runs Doxygen over the public headers
# (include/nakama/*.h) and writes HTML to <build>/docs/api/index.html. The target exists only when Doxygen
# is installed (Debian: doxygen) and the SDK is the top-level project; it is not part of the default build.
# Any Doxygen warning, an undocumented public entity included, fails it, and so does the `api_reference`
# test (label `docs`) that builds it.
if(NOT NAKAMA_IS_TOP_LEVEL)
  return()
endif()

find_package(Doxygen 1.9)  # WARN_AS_ERROR = FAIL_ON_WARNINGS needs 1.9
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: no `docs` target (install doxygen to build the API reference)")
  return()
endif()

set(NAKAMA_DOCS_OUTPUT_DIR ${PROJECT_BINARY_DIR}/docs)
set(NAKAMA_DOCS_MAINPAGE ${PROJECT_SOURCE_DIR}/docs/mainpage.md)
configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in ${NAKAMA_DOCS_OUTPUT_DIR}/Doxyfile @ONLY)

add_custom_target(docs
  COMMAND ${CMAKE_COMMAND} -E remove_directory ${NAKAMA_DOCS_OUTPUT_DIR}/api
  COMMAND Doxygen::doxygen ${NAKAMA_DOCS_OUTPUT_DIR}/Doxyfile
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Building the API reference in ${NAKAMA_DOCS_OUTPUT_DIR}/api"
  VERBATIM)

if(NAKAMA_BUILD_TESTS)
  add_test(NAME api_reference
    COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target docs)
  set_tests_properties(api_reference PROPERTIES LABELS docs TIMEOUT 300)
endif()
