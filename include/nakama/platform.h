#pragma once

// Platform initialisation: what some platforms need before the SDK can do any I/O.

#include "nakama/export.h"
#include "nakama/result.h"

namespace nakama {

/// What `initializePlatform()` needs from the game on platforms that need anything.
struct PlatformOptions {
  /// Android: the process's `JavaVM*` (from JNI_OnLoad, or `env->GetJavaVM()`), as a void*. Required there
  /// when the SDK was built with the cpprestsdk HTTP transport (HttpTransportKind::kCppRest), which needs the
  /// JVM before its first request. Ignored on other platforms.
  void* javaVm = nullptr;
};

/// Prepares the platform for the SDK. Call it once, before creating the first Client.
/// - Android with cpprestsdk compiled in: passes `options.javaVm` to cpprestsdk (`cpprest_init`); fails with
///   kInvalidArgument when it is null.
/// - Everywhere else: does nothing and succeeds; calling it is optional there.
/// The default Beast transports need no initialisation on any platform.
NAKAMA_API Result<void> initializePlatform(const PlatformOptions& options = {});

}  // namespace nakama
