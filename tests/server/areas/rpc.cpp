// RPC: REST /v2/rpc/{id} (docs/PROTOCOL.md §6: JSON-string bodies, ?unwrap, http_key, Go encoding/json
// bodies), the socket `rpc` message, and the fixture functions of docs/PROTOCOL.md §12.4.
#include <cctype>

#include "core/server_api.h"

namespace nakama::testserver {

namespace {

// /v2/rpc error bodies are Go maps: `{"error":..,"message":..,"code":N}` for the handler's own errors.
Response rpcError(GrpcCode code, const std::string& message) {
  Response r;
  r.status = httpStatusFor(code);
  Json body = Json::object();
  body["error"] = message;
  body["message"] = message;
  body["code"] = static_cast<int>(code);
  r.body = goJson(body);
  return r;
}

// A runtime error returned by the function: keys sorted (code, error, message), error is `{}`.
Response runtimeError(const ApiError& e) {
  Response r;
  r.status = httpStatusFor(e.code);
  Json body = Json::object();
  body["code"] = static_cast<int>(e.code);
  body["error"] = Json::object();
  body["message"] = e.what();
  r.body = goJson(body);
  return r;
}

Response handleHttpRpc(AreaContext& ctx, Request& req) {
  const std::string& id = req.param("id");
  if (id.empty()) return rpcError(GrpcCode::kInvalidArgument, "RPC ID must be set");
  const RpcFn* fn = ctx.rpcs.find(id);
  if (!fn) return rpcError(GrpcCode::kNotFound, "RPC function not found");
  bool unwrap = req.query.count("unwrap") > 0;

  RpcCall call;
  for (char c : id) call.id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  call.userId = req.user.userId;
  call.username = req.user.username;
  call.vars = req.user.vars;
  call.query = req.query;
  if (req.method == "POST") {
    if (unwrap) {
      call.payload = req.body;
    } else {
      // The body must be a JSON string holding the payload; anything else is the same 400.
      Json parsed = Json::parse(req.body, nullptr, false);
      if (parsed.is_null() && !parsed.is_discarded()) {
        call.payload = "";
      } else if (!parsed.is_string()) {
        return rpcError(GrpcCode::kInvalidArgument, "json: cannot unmarshal object into Go value of type string");
      } else {
        call.payload = parsed.get<std::string>();
      }
    }
  }

  std::string result;
  try {
    result = (*fn)(call);
  } catch (const ApiError& e) {
    return runtimeError(e);
  }
  Response r;
  if (unwrap) {
    r.body = result;
    std::string ct = req.header("content-type");
    r.contentType = ct.empty() ? "text/plain" : ct;
  } else {
    Json body = Json::object();
    body["payload"] = result;
    r.body = goJson(body);
  }
  return r;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(rpc) {
  auto http = [&ctx](Request& req) { return handleHttpRpc(ctx, req); };
  ctx.router.addRaw("POST", "/v2/rpc/{id}", Auth::kSessionOrHttpKey, http);
  ctx.router.addRaw("GET", "/v2/rpc/{id}", Auth::kSessionOrHttpKey, http);

  ctx.realtime.on("rpc", [&ctx](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"id", "payload", "http_key"});
    std::string id = getString(call.payload, "id");
    std::string payload = getString(call.payload, "payload");
    optString(call.payload, "http_key");  // accepted and ignored
    if (id.empty()) throw RealtimeError(RtCode::kBadInput, "RPC ID must be set");
    const RpcFn* fn = ctx.rpcs.find(id);
    if (!fn) throw RealtimeError(RtCode::kRuntimeFunctionNotFound, "RPC function not found");
    RpcCall rpc;
    for (char c : id) rpc.id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    rpc.payload = payload;
    rpc.userId = call.session.userId;
    rpc.username = call.session.username;
    rpc.sessionId = call.session.sessionId;
    rpc.vars = call.session.vars;
    std::string result;
    try {
      result = (*fn)(rpc);
    } catch (const ApiError& e) {
      throw RealtimeError(RtCode::kRuntimeFunctionException, e.what());  // always 7 on the socket
    }
    Json body = Json::object();
    body["id"] = id;
    setIfNotEmpty(body, "payload", result);
    call.reply(Json{{"rpc", body}});
  });

  // ---- fixture functions (docs/PROTOCOL.md §12.4) ----
  ctx.rpcs.add("echo", [](RpcCall& c) { return c.payload; });

  ctx.rpcs.add("send_reward_notification", [&ctx](RpcCall& c) -> std::string {
    if (c.userId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "expects user ID");
    Json content = Json::object();
    content["reward"] = 100;
    content["currency"] = "coins";
    ctx.notifications.notify(c.userId, 100, "You won the weekly tournament!", content, "", true);
    return R"({"sent":true})";
  });

  ctx.rpcs.add("create_lobby_match", [&ctx](RpcCall& c) -> std::string {
    std::string mode = "lobby";
    if (!c.payload.empty()) {
      Json p = Json::parse(c.payload, nullptr, false);
      if (p.is_discarded() || !p.is_object())
        throw ApiError(GrpcCode::kInvalidArgument, "payload must be a JSON object");
      if (auto it = p.find("mode"); it != p.end() && it->is_string() && !it->get<std::string>().empty())
        mode = it->get<std::string>();
    }
    Json params = Json::object();
    params["mode"] = mode;
    std::string matchId = ctx.hooks.createAuthoritativeMatch ? ctx.hooks.createAuthoritativeMatch("lobby", params)
                                                             : newUuid() + "." + kNodeName;
    Json out = Json::object();
    out["match_id"] = matchId;
    return goJson(out);
  });

  ctx.rpcs.add("fail", [](RpcCall&) -> std::string { throw ApiError(GrpcCode::kInternal, "boom from rpc"); });
}

}  // namespace nakama::testserver
