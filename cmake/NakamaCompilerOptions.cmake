# Compiler settings shared by the project's own targets (never global, so a parent project's flags stay its own).

# Extra warning flags for the SDK library (and the unit tests, which compile its internal headers), e.g.
# "-Werror;-Wconversion;-Wsign-conversion" in scripts/check-portability.sh.
set(NAKAMA_EXTRA_WARNINGS "" CACHE STRING "Additional warning flags for the SDK library and its unit tests")

# Warnings per compiler: MSVC reads -Wall as /Wall (thousands of warnings from system headers).
function(nakama_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
endfunction()

function(nakama_set_strict_warnings target)
  nakama_set_warnings(${target})
  if(NAKAMA_EXTRA_WARNINGS)
    target_compile_options(${target} PRIVATE ${NAKAMA_EXTRA_WARNINGS})
  endif()
endfunction()

# Windows: keep windows.h's min/max macros away, target Windows 10 for Asio, link Winsock (MSVC and MinGW).
function(nakama_set_platform_options target)
  if(WIN32)
    target_compile_definitions(${target} PRIVATE NOMINMAX WIN32_LEAN_AND_MEAN _WIN32_WINNT=0x0A00)
  endif()
endfunction()
