#include "nakama/purchases.h"

#include "core/json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

void from_json(const internal::Json& j, ValidatedPurchase& out) {
  using internal::read;
  read(j, "user_id", out.userId);
  read(j, "product_id", out.productId);
  read(j, "transaction_id", out.transactionId);
  read(j, "store", out.store);
  read(j, "purchase_time", out.purchaseTime);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "refund_time", out.refundTime);
  read(j, "provider_response", out.providerResponse);
  read(j, "environment", out.environment);
  read(j, "seen_before", out.seenBefore);
}

void from_json(const internal::Json& j, ValidatePurchaseResponse& out) {
  internal::read(j, "validated_purchases", out.validatedPurchases);
}

void from_json(const internal::Json& j, ValidatedSubscription& out) {
  using internal::read;
  read(j, "user_id", out.userId);
  read(j, "product_id", out.productId);
  read(j, "original_transaction_id", out.originalTransactionId);
  read(j, "store", out.store);
  read(j, "purchase_time", out.purchaseTime);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "environment", out.environment);
  read(j, "expiry_time", out.expiryTime);
  read(j, "refund_time", out.refundTime);
  read(j, "provider_response", out.providerResponse);
  read(j, "provider_notification", out.providerNotification);
  read(j, "active", out.active);
}

void from_json(const internal::Json& j, ValidateSubscriptionResponse& out) {
  internal::read(j, "validated_subscription", out.validatedSubscription);
}

void from_json(const internal::Json& j, SubscriptionList& out) {
  using internal::read;
  read(j, "validated_subscriptions", out.validatedSubscriptions);
  read(j, "cursor", out.cursor);
  read(j, "prev_cursor", out.prevCursor);
}

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
