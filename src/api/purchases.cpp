#include "nakama/purchases.h"

#include "api/purchases_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

PurchasesApi Client::purchases() const { return PurchasesApi(core_); }

PurchasesApi::PurchasesApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

namespace {

/// POSTs `body` (plus `persist` when set) to `path`. Validating the same receipt again is harmless
/// (the server reports it as seen before), so these calls keep the default retry behaviour.
template <class T>
Future<T> post(const std::shared_ptr<internal::ClientCore>& core, const char* path, internal::Json body,
               std::optional<bool> persist, const CallOptions& call) {
  internal::writeOptional(body, "persist", persist);
  internal::RestRequest request;
  request.method = "POST";
  request.path = path;
  request.json = body;
  request.options = call;
  return core->call<T>(std::move(request));
}

}  // namespace

Future<ValidatePurchaseResponse> PurchasesApi::validateApple(const std::string& receipt, std::optional<bool> persist,
                                                             const CallOptions& call) {
  return post<ValidatePurchaseResponse>(core_, "/v2/iap/purchase/apple", {{"receipt", receipt}}, persist, call);
}

Future<ValidatePurchaseResponse> PurchasesApi::validateGoogle(const std::string& purchase, std::optional<bool> persist,
                                                              const CallOptions& call) {
  return post<ValidatePurchaseResponse>(core_, "/v2/iap/purchase/google", {{"purchase", purchase}}, persist, call);
}

Future<ValidatePurchaseResponse> PurchasesApi::validateHuawei(const std::string& purchase, const std::string& signature,
                                                              std::optional<bool> persist, const CallOptions& call) {
  return post<ValidatePurchaseResponse>(core_, "/v2/iap/purchase/huawei",
                                        {{"purchase", purchase}, {"signature", signature}}, persist, call);
}

Future<ValidatePurchaseResponse> PurchasesApi::validateFacebookInstant(const std::string& signedRequest,
                                                                       std::optional<bool> persist,
                                                                       const CallOptions& call) {
  return post<ValidatePurchaseResponse>(core_, "/v2/iap/purchase/facebookinstant", {{"signed_request", signedRequest}},
                                        persist, call);
}

Future<ValidateSubscriptionResponse> PurchasesApi::validateSubscriptionApple(const std::string& receipt,
                                                                             std::optional<bool> persist,
                                                                             const CallOptions& call) {
  return post<ValidateSubscriptionResponse>(core_, "/v2/iap/subscription/apple", {{"receipt", receipt}}, persist, call);
}

Future<ValidateSubscriptionResponse> PurchasesApi::validateSubscriptionGoogle(const std::string& receipt,
                                                                              std::optional<bool> persist,
                                                                              const CallOptions& call) {
  return post<ValidateSubscriptionResponse>(core_, "/v2/iap/subscription/google", {{"receipt", receipt}}, persist,
                                            call);
}

Future<ValidatedSubscription> PurchasesApi::getSubscription(const std::string& productId, const CallOptions& call) {
  if (productId.empty()) {
    return core_->fail<ValidatedSubscription>(Error{ErrorKind::kInvalidArgument, "productId must not be empty"});
  }
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/iap/subscription/" + internal::percentEncode(productId);
  request.options = call;
  return core_->call<ValidatedSubscription>(std::move(request));
}

Future<SubscriptionList> PurchasesApi::listSubscriptions(const SubscriptionListOptions& options,
                                                         const CallOptions& call) {
  internal::Json body = internal::Json::object();
  internal::writeOptional(body, "limit", options.limit);
  internal::writeNonEmpty(body, "cursor", options.cursor);
  internal::RestRequest request;
  request.method = "POST";  // a listing, sent as POST by the server's design
  request.path = "/v2/iap/subscription";
  request.json = body;
  request.options = call;
  return core_->call<SubscriptionList>(std::move(request));
}

}  // namespace nakama
