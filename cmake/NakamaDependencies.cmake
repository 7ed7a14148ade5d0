# Third-party packages, all from Debian (see scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Boost 1.70 REQUIRED COMPONENTS system)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(cpprestsdk REQUIRED)
find_package(websocketpp REQUIRED)

# websocketpp's package only sets an include directory; wrap it in a target.
if(NOT TARGET nakama_websocketpp)
  add_library(nakama_websocketpp INTERFACE)
  target_include_directories(nakama_websocketpp SYSTEM INTERFACE ${WEBSOCKETPP_INCLUDE_DIR})
  target_link_libraries(nakama_websocketpp INTERFACE Boost::system OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
  # Boost 1.74 deprecates names websocketpp 0.8 still uses; keep its headers quiet and compatible.
  target_compile_definitions(nakama_websocketpp INTERFACE BOOST_BIND_GLOBAL_PLACEHOLDERS)
endif()
