// In-app purchase validation and subscriptions, answering as a server with no IAP credentials.
#include "core/server_api.h"

namespace nakama::testserver {

NAKAMA_TEST_SERVER_AREA(iap) {
  auto notConfigured = [&ctx](const std::string& path, const std::string& message) {
    ctx.router.add("POST", path, Auth::kSession, [message](Request& req) {
      const Json& body = req.json();
      optBool(body, "persist");
      throw ApiError(GrpcCode::kFailedPrecondition, message);
      return Json();
    });
  };
  notConfigured("/v2/iap/purchase/apple", "Apple IAP is not configured.");
  notConfigured("/v2/iap/purchase/google", "Google IAP is not configured.");
  notConfigured("/v2/iap/purchase/huawei", "Huawei IAP is not configured.");
  notConfigured("/v2/iap/subscription/apple", "Apple IAP is not configured.");
  notConfigured("/v2/iap/subscription/google", "Google IAP is not configured.");

  // Nothing can ever be validated, so every user's subscription list is empty.
  ctx.router.add("POST", "/v2/iap/subscription", Auth::kSession, [](Request& req) {
    const Json& body = req.json();
    if (auto limit = optInt32(body, "limit"); limit && (*limit < 1 || *limit > 100))
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 1000.");
    optString(body, "cursor");
    return Json::object();
  });
  ctx.router.add("GET", "/v2/iap/subscription/{product_id}", Auth::kSession, [](Request&) {
    throw ApiError(GrpcCode::kNotFound, "subscription not found");
    return Json();
  });
}

}  // namespace nakama::testserver
