#pragma once

// Calling server runtime functions over HTTP: as the session's user, or server-to-server with the
// runtime HTTP key (no session).

#include <memory>
#include <string>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// Options of an RPC call.
struct RpcOptions {
  /// Send the payload as the raw request body and return the raw response body, instead of Nakama's
  /// `{"payload": "..."}` wrapping (`?unwrap`). Useful for callers that are not Nakama clients.
  bool unwrap = false;
  /// Extra query parameters, passed to the runtime function (e.g. for webhooks).
  StringMap query;
};

/// `client.rpc()`.
///
/// RPCs are not idempotent by default: a failed call is not repeated automatically unless
/// `CallOptions::idempotent` is set to true.
class NAKAMA_API RpcApi {
 public:
  /// Calls runtime function `id` as the session's user and returns the payload it produced.
  /// `payload` is usually JSON text; empty sends an empty payload.
  Future<std::string> call(const std::string& id, const std::string& payload = {}, const RpcOptions& options = {},
                           const CallOptions& call = {});

  /// Calls runtime function `id` authenticated with the server's runtime HTTP key (server-to-server:
  /// no session is needed or used).
  Future<std::string> callWithHttpKey(const std::string& httpKey, const std::string& id,
                                      const std::string& payload = {}, const RpcOptions& options = {},
                                      const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit RpcApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
