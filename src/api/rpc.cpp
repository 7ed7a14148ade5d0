#include "nakama/rpc.h"

#include "core/json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

RpcApi Client::rpc() const { return RpcApi(core_); }

RpcApi::RpcApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

namespace {

/// The wrapped answer `{"payload":"..."}`; a missing payload is an empty one.
std::string payloadOf(const internal::JsonValue& body) {
  std::string payload;
  internal::read(body, "payload", payload);
  return payload;
}

}  // namespace

namespace {

Future<std::string> send(const std::shared_ptr<internal::ClientCore>& core, internal::RestRequest request,
                         const std::string& id, const std::string& payload, const RpcOptions& options) {
  if (id.empty()) return core->fail<std::string>(Error{ErrorKind::kInvalidArgument, "the RPC id must not be empty"});
  request.method = "POST";
  request.path = "/v2/rpc/" + internal::percentEncode(id);
  for (const auto& [key, value] : options.query) {
    if (key == "http_key" || key == "unwrap") {
      return core->fail<std::string>(
          Error{ErrorKind::kInvalidArgument, "RpcOptions::query must not set '" + key + "'"});
    }
    request.query.add(key, value);
  }
  if (options.unwrap) {
    // The payload travels as the raw body and the raw response body is the function's answer.
    request.query.add("unwrap", std::string("true"));
    request.body = payload;
    internal::Promise<std::string> promise(core->executor());
    auto future = promise.future();
    core->send(
        std::move(request),
        [promise](Result<internal::HttpResponse> response) {
          if (!response.ok()) {
            promise.complete(response.error());
            return;
          }
          promise.complete(std::move(response).value().body);
        },
        promise.cancelBinder());
    return future;
  }
  // The body is the payload as a JSON string: `""` for no payload (an empty body is rejected).
  request.json = internal::Json(payload);
  return core->call<std::string>(std::move(request), payloadOf);
}

}  // namespace

Future<std::string> RpcApi::call(const std::string& id, const std::string& payload, const RpcOptions& options,
                                 const CallOptions& callOptions) {
  internal::RestRequest request;
  request.auth = internal::AuthKind::kSession;
  request.options = callOptions;
  return send(core_, std::move(request), id, payload, options);
}

Future<std::string> RpcApi::callWithHttpKey(const std::string& httpKey, const std::string& id,
                                            const std::string& payload, const RpcOptions& options,
                                            const CallOptions& callOptions) {
  if (httpKey.empty()) {
    return core_->fail<std::string>(Error{ErrorKind::kInvalidArgument, "the runtime HTTP key must not be empty"});
  }
  internal::RestRequest request;
  request.auth = internal::AuthKind::kHttpKey;
  request.httpKey = httpKey;
  request.options = callOptions;
  return send(core_, std::move(request), id, payload, options);
}

}  // namespace nakama
