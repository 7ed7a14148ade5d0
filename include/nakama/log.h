#pragma once

// The SDK's diagnostics, routed wherever the game wants them (its own logger, logcat, a file).

#include <functional>
#include <string_view>

#include "nakama/export.h"

namespace nakama {

/// Severity of an SDK log line; the sink receives lines at or above the level given to `setLogSink()`.
enum class LogLevel {
  kDebug,  ///< Every failed request and session change: for development.
  kInfo,   ///< Session refreshes and re-authentication.
  kWarn,   ///< Something went wrong that the SDK worked around.
  kError,  ///< Something the game should look at (an exception escaping one of its callbacks).
};

/// Receives one log line (no trailing newline). Called on whichever SDK thread logs, possibly several at
/// once: it must be thread-safe, return quickly, and not call into the SDK.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/// Sets the process-wide log sink (all clients and sockets) and the lowest level it receives. The default
/// writes kWarn and above to stderr; `setLogSink(nullptr)` silences the SDK. Lines never contain session
/// tokens, refresh tokens, passwords, server or HTTP keys, or Authorization headers: the SDK redacts them
/// (and its error messages) before they leave it.
NAKAMA_API void setLogSink(LogSink sink, LogLevel minLevel = LogLevel::kInfo);

/// "debug", "info", "warn" or "error".
NAKAMA_API const char* toString(LogLevel level);

}  // namespace nakama
