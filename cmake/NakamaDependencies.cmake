# Third-party packages (Debian's on Linux, see scripts/install-deps.sh; vcpkg.json elsewhere).
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
# Boost.Asio and Boost.Beast are header-only; Boost.System is too since Boost 1.69, and its CMake
# component is gone since 1.89, so only the headers are asked for.
find_package(Boost 1.70 REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
if(NAKAMA_WITH_CPPREST)
  find_package(cpprestsdk REQUIRED)
endif()
# websocketpp: the optional WebSocket transport (and the raw baseline of the benchmark).
if(NAKAMA_WITH_WEBSOCKETPP)
  find_package(websocketpp REQUIRED)
else()
  find_package(websocketpp QUIET)
endif()

if(WIN32)
  # Asio's sockets need Winsock (MSVC and MinGW alike), wherever Boost's headers are used; the TLS trust
  # model reads the system's ROOT store through crypt32.
  set(NAKAMA_PLATFORM_LIBRARIES ws2_32 mswsock crypt32)
else()
  set(NAKAMA_PLATFORM_LIBRARIES)
endif()

# websocketpp's package only sets an include directory; wrap it in a target.
if(websocketpp_FOUND AND NOT TARGET nakama_websocketpp)
  add_library(nakama_websocketpp INTERFACE)
  target_include_directories(nakama_websocketpp SYSTEM INTERFACE ${WEBSOCKETPP_INCLUDE_DIR})
  target_link_libraries(nakama_websocketpp INTERFACE Boost::headers OpenSSL::SSL OpenSSL::Crypto Threads::Threads
    ${NAKAMA_PLATFORM_LIBRARIES})
  # Boost 1.74 deprecates names websocketpp 0.8 still uses; keep its headers quiet and compatible.
  target_compile_definitions(nakama_websocketpp INTERFACE BOOST_BIND_GLOBAL_PLACEHOLDERS)
endif()
