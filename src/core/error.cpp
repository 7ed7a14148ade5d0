#include "nakama/error.h"

#include <sstream>

#include "nakama/result.h"

namespace nakama {

bool Error::isTransient() const {
  switch (kind) {
    case ErrorKind::kConnectionFailed:
    case ErrorKind::kTimeout: return true;
    case ErrorKind::kServerError:
      return httpStatus && (*httpStatus == 429 || *httpStatus == 500 || *httpStatus == 502 || *httpStatus == 503 ||
                            *httpStatus == 504);
    default: return false;
  }
}

std::string Error::toString() const {
  std::ostringstream out;
  out << nakama::toString(kind);
  const bool detail = httpStatus || grpcCode || realtimeCode;
  if (detail) {
    out << " (";
    const char* separator = "";
    if (httpStatus) {
      out << "HTTP " << *httpStatus;
      separator = ", ";
    }
    if (grpcCode) {
      out << separator << "code " << static_cast<int>(*grpcCode) << ' ' << nakama::toString(*grpcCode);
      separator = ", ";
    }
    if (realtimeCode)
      out << separator << "code " << static_cast<int>(*realtimeCode) << ' ' << nakama::toString(*realtimeCode);
    out << ')';
  }
  if (!message.empty()) out << ": " << message;
  return out.str();
}

const char* toString(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConnectionFailed: return "connection failed";
    case ErrorKind::kTimeout: return "timed out";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kServerError: return "server error";
    case ErrorKind::kBadResponse: return "bad response";
    case ErrorKind::kInvalidArgument: return "invalid argument";
    case ErrorKind::kDisconnected: return "disconnected";
    case ErrorKind::kSessionExpired: return "session expired";
    case ErrorKind::kCallbackFailed: return "callback failed";
  }
  return "unknown error";
}

const char* toString(GrpcCode code) {
  switch (code) {
    case GrpcCode::kOk: return "OK";
    case GrpcCode::kCancelled: return "Canceled";
    case GrpcCode::kUnknown: return "Unknown";
    case GrpcCode::kInvalidArgument: return "InvalidArgument";
    case GrpcCode::kDeadlineExceeded: return "DeadlineExceeded";
    case GrpcCode::kNotFound: return "NotFound";
    case GrpcCode::kAlreadyExists: return "AlreadyExists";
    case GrpcCode::kPermissionDenied: return "PermissionDenied";
    case GrpcCode::kResourceExhausted: return "ResourceExhausted";
    case GrpcCode::kFailedPrecondition: return "FailedPrecondition";
    case GrpcCode::kAborted: return "Aborted";
    case GrpcCode::kOutOfRange: return "OutOfRange";
    case GrpcCode::kUnimplemented: return "Unimplemented";
    case GrpcCode::kInternal: return "Internal";
    case GrpcCode::kUnavailable: return "Unavailable";
    case GrpcCode::kDataLoss: return "DataLoss";
    case GrpcCode::kUnauthenticated: return "Unauthenticated";
  }
  return "UnknownCode";
}

const char* toString(RealtimeCode code) {
  switch (code) {
    case RealtimeCode::kRuntimeException: return "RuntimeException";
    case RealtimeCode::kUnrecognizedPayload: return "UnrecognizedPayload";
    case RealtimeCode::kMissingPayload: return "MissingPayload";
    case RealtimeCode::kBadInput: return "BadInput";
    case RealtimeCode::kMatchNotFound: return "MatchNotFound";
    case RealtimeCode::kMatchJoinRejected: return "MatchJoinRejected";
    case RealtimeCode::kRuntimeFunctionNotFound: return "RuntimeFunctionNotFound";
    case RealtimeCode::kRuntimeFunctionException: return "RuntimeFunctionException";
  }
  return "UnknownCode";
}

std::ostream& operator<<(std::ostream& out, const Error& error) { return out << error.toString(); }

const Error& internal::noError() {
  static const Error kNoError{ErrorKind::kInvalidArgument, "error() called on a successful Result"};
  return kNoError;
}

BadResultAccess::BadResultAccess(const Error& error)
    : std::logic_error("accessed the value of a failed Result: " + error.toString()), error_(error) {}

}  // namespace nakama
