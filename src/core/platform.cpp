#include "nakama/platform.h"

// ---- Android only: cpprestsdk needs the JVM before its first request (it aborts otherwise). ----
#if defined(__ANDROID__) && __has_include(<pplx/pplxtasks.h>)
#include <jni.h>
#include <pplx/pplxtasks.h>  // declares cpprest_init(JavaVM*) on Android
#define NAKAMA_PLATFORM_CPPREST_JVM 1
#endif

namespace nakama {

Result<void> initializePlatform(const PlatformOptions& options) {
#ifdef NAKAMA_PLATFORM_CPPREST_JVM
  if (!options.javaVm)
    return Error{ErrorKind::kInvalidArgument, "initializePlatform needs PlatformOptions::javaVm on Android"};
  cpprest_init(static_cast<JavaVM*>(options.javaVm));
#else
  (void)options;  // nothing to prepare on this platform
#endif
  return Result<void>();
}

}  // namespace nakama
