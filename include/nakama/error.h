#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "nakama/export.h"

namespace nakama {

/// What went wrong, independent of transport. The same type is used by `Client` (REST) and `RtSocket`.
enum class ErrorKind {
  kConnectionFailed,  ///< The server could not be reached, or the connection broke mid-request.
  kTimeout,           ///< No answer within the request's timeout.
  kCancelled,         ///< The caller cancelled the request (or destroyed the client/socket).
  kServerError,       ///< The server answered with an error; see `grpcCode`/`realtimeCode` and `httpStatus`.
  kBadResponse,       ///< The server's answer could not be understood.
  kInvalidArgument,   ///< The caller passed something the SDK refuses to send (checked before any I/O).
  kDisconnected,      ///< The realtime socket is not connected, or closed while the request was pending.
  kSessionExpired,    ///< The session and its refresh token are no longer valid: authenticate again.
  kCallbackFailed,    ///< A continuation given to `Future::then()` (or a coroutine) threw; see `message`.
};

/// gRPC status codes as carried in Nakama's REST error bodies (`{"code":N,"message":"..."}`).
enum class GrpcCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

/// Error codes of the realtime protocol (`{"error":{"code":N,...}}` envelopes).
enum class RealtimeCode : int {
  kRuntimeException = 0,
  kUnrecognizedPayload = 1,
  kMissingPayload = 2,
  kBadInput = 3,
  kMatchNotFound = 4,
  kMatchJoinRejected = 5,
  kRuntimeFunctionNotFound = 6,
  kRuntimeFunctionException = 7,
};

/// The single error type of the SDK.
struct NAKAMA_API Error {
  ErrorKind kind = ErrorKind::kBadResponse;
  std::string message;
  /// HTTP status of a REST answer, when the server answered over HTTP.
  std::optional<int> httpStatus;
  /// REST error code (gRPC status code), when the server sent one.
  std::optional<GrpcCode> grpcCode;
  /// Realtime error code, when the socket reported an error envelope.
  std::optional<RealtimeCode> realtimeCode;
  /// Extra key/values the realtime server attached to an error.
  std::map<std::string, std::string> context;

  Error() = default;
  Error(ErrorKind errorKind, std::string errorMessage) : kind(errorKind), message(std::move(errorMessage)) {}

  /// True for failures worth retrying: connection failures, timeouts and the server's transient statuses.
  bool isTransient() const;
  /// A readable one-line description, e.g. `server error (HTTP 404, code 5 NotFound): User account not found.`
  std::string toString() const;
};

NAKAMA_API const char* toString(ErrorKind kind);
NAKAMA_API const char* toString(GrpcCode code);
NAKAMA_API const char* toString(RealtimeCode code);
NAKAMA_API std::ostream& operator<<(std::ostream& out, const Error& error);

}  // namespace nakama
