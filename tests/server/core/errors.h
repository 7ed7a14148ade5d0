// Error types that handlers throw. The core turns them into the exact wire form of a real server.
#pragma once

#include <stdexcept>
#include <string>

namespace nakama::testserver {

// gRPC status codes, as carried in REST error bodies (`"code":N`).
enum class GrpcCode : int {
  kOk = 0,
  kCanceled = 1,
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

// HTTP status for a gRPC code (grpc-gateway HTTPStatusFromCode, docs/PROTOCOL.md §4.2).
int httpStatusFor(GrpcCode code);

// Thrown by REST handlers: becomes `{"code":N, "message":"..."}` with the mapped HTTP status.
class ApiError : public std::runtime_error {
 public:
  ApiError(GrpcCode code, const std::string& message) : std::runtime_error(message), code(code) {}
  const GrpcCode code;
};

// Realtime Error.code values (realtime.proto Error.Code).
enum class RtCode : int {
  kRuntimeException = 0,
  kUnrecognizedPayload = 1,
  kMissingPayload = 2,
  kBadInput = 3,
  kMatchNotFound = 4,
  kMatchJoinRejected = 5,
  kRuntimeFunctionNotFound = 6,
  kRuntimeFunctionException = 7,
};

// Thrown by realtime handlers: becomes `{"cid":"..","error":{"code":N,"message":".."}}`.
// `withCid=false` drops the cid, as the real server does for match_data_send errors.
class RealtimeError : public std::runtime_error {
 public:
  RealtimeError(RtCode code, const std::string& message, bool withCid = true)
      : std::runtime_error(message), code(code), withCid(withCid) {}
  const RtCode code;
  const bool withCid;
};

// Thrown by realtime handlers for a payload the real server could not unmarshal (unknown field,
// wrong type): the socket is closed with an empty close frame.
class ProtocolViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nakama::testserver
