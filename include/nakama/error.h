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
  /// Not an error.
  kOk = 0,
  /// The operation was cancelled.
  kCancelled = 1,
  /// Unknown error.
  kUnknown = 2,
  /// The request was invalid (bad input, or rejected by the server's rules).
  kInvalidArgument = 3,
  /// The server gave up before completing the operation.
  kDeadlineExceeded = 4,
  /// The entity was not found (Nakama also uses it for some permission failures).
  kNotFound = 5,
  /// The entity already exists (e.g. an identity linked to another account).
  kAlreadyExists = 6,
  /// The caller may not do this.
  kPermissionDenied = 7,
  /// A limit was reached.
  kResourceExhausted = 8,
  /// The server is not in a state that allows it (e.g. a provider not configured).
  kFailedPrecondition = 9,
  /// The operation was aborted.
  kAborted = 10,
  /// A value was out of range.
  kOutOfRange = 11,
  /// The server does not implement it.
  kUnimplemented = 12,
  /// The server failed.
  kInternal = 13,
  /// The server is unavailable (transient).
  kUnavailable = 14,
  /// Unrecoverable data loss.
  kDataLoss = 15,
  /// The credentials or the session token are invalid.
  kUnauthenticated = 16,
};

/// Error codes of the realtime protocol (`{"error":{"code":N,...}}` envelopes).
enum class RealtimeCode : int {
  /// A runtime error (e.g. from a hook, or the matchmaker refusing a ticket).
  kRuntimeException = 0,
  /// The server did not recognize the message.
  kUnrecognizedPayload = 1,
  /// The message had no payload.
  kMissingPayload = 2,
  /// The message's fields were invalid.
  kBadInput = 3,
  /// The match does not exist (or is over).
  kMatchNotFound = 4,
  /// The match handler rejected the join.
  kMatchJoinRejected = 5,
  /// No runtime function with that id.
  kRuntimeFunctionNotFound = 6,
  /// The runtime function failed; the message is what it returned.
  kRuntimeFunctionException = 7,
};

/// The single error type of the SDK.
struct NAKAMA_API Error {
  /// What went wrong; the other fields say more.
  ErrorKind kind = ErrorKind::kBadResponse;
  /// A description: the server's message for kServerError, the SDK's otherwise.
  std::string message;
  /// HTTP status of a REST answer, when the server answered over HTTP.
  std::optional<int> httpStatus;
  /// REST error code (gRPC status code), when the server sent one.
  std::optional<GrpcCode> grpcCode;
  /// Realtime error code, when the socket reported an error envelope.
  std::optional<RealtimeCode> realtimeCode;
  /// Extra key/values the realtime server attached to an error.
  std::map<std::string, std::string> context;

  /// An error of kind kBadResponse with no message.
  Error() = default;
  /// An error of `errorKind` with `errorMessage`.
  Error(ErrorKind errorKind, std::string errorMessage) : kind(errorKind), message(std::move(errorMessage)) {}

  /// True for failures worth retrying: connection failures, timeouts and the server's transient statuses.
  bool isTransient() const;
  /// A readable one-line description, e.g. `server error (HTTP 404, code 5 NotFound): User account not found.`
  std::string toString() const;
};

/// A short lower-case description, e.g. "connection failed".
NAKAMA_API const char* toString(ErrorKind kind);
/// The code's name, e.g. "NotFound".
NAKAMA_API const char* toString(GrpcCode code);
/// The code's name, e.g. "MatchNotFound".
NAKAMA_API const char* toString(RealtimeCode code);
/// Writes `error.toString()`.
NAKAMA_API std::ostream& operator<<(std::ostream& out, const Error& error);

}  // namespace nakama
