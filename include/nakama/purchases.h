#pragma once

// In-app purchase and subscription validation through the server (which must be configured with the
// stores' credentials; otherwise it answers HTTP 400, code kFailedPrecondition, "... IAP is not configured.").

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// The store a purchase was made in (`api.StoreProvider`). Unknown numbers are kept.
enum class StoreProvider : std::int32_t {
  kAppleAppStore = 0,
  kGooglePlayStore = 1,
  kHuaweiAppGallery = 2,
  kFacebookInstantStore = 3,  ///< Servers newer than 3.15.
};

/// Where a purchase took place (`api.StoreEnvironment`). Unknown numbers are kept.
enum class StoreEnvironment : std::int32_t {
  kUnknown = 0,
  kSandbox = 1,
  kProduction = 2,
};

/// A validated purchase (`api.ValidatedPurchase`).
struct ValidatedPurchase {
  std::string userId;
  std::string productId;
  std::string transactionId;
  StoreProvider store = StoreProvider::kAppleAppStore;
  Timestamp purchaseTime{};
  Timestamp createTime{};  ///< When the server stored the validation.
  Timestamp updateTime{};
  Timestamp refundTime{};        ///< The epoch when not refunded.
  std::string providerResponse;  ///< The store's raw validation answer.
  StoreEnvironment environment = StoreEnvironment::kUnknown;
  bool seenBefore = false;  ///< The server had already validated this purchase.
};

/// `api.ValidatePurchaseResponse`.
struct ValidatePurchaseResponse {
  std::vector<ValidatedPurchase> validatedPurchases;
};

/// A validated subscription (`api.ValidatedSubscription`).
struct ValidatedSubscription {
  std::string userId;
  std::string productId;
  std::string originalTransactionId;  ///< Renewals are tracked under the original transaction.
  StoreProvider store = StoreProvider::kAppleAppStore;
  Timestamp purchaseTime{};
  Timestamp createTime{};
  Timestamp updateTime{};
  StoreEnvironment environment = StoreEnvironment::kUnknown;
  Timestamp expiryTime{};  ///< It may still renew past this time.
  Timestamp refundTime{};  ///< The epoch when not refunded.
  std::string providerResponse;
  std::string providerNotification;  ///< The store's last server notification, raw.
  bool active = false;
};

/// `api.ValidateSubscriptionResponse`.
struct ValidateSubscriptionResponse {
  ValidatedSubscription validatedSubscription;
};

/// A page of the user's subscriptions (`api.SubscriptionList`).
struct SubscriptionList {
  std::vector<ValidatedSubscription> validatedSubscriptions;
  std::string cursor;      ///< Next page; empty when none.
  std::string prevCursor;  ///< Previous page; empty when none.
};

/// Which page `PurchasesApi::listSubscriptions` returns.
struct SubscriptionListOptions {
  std::optional<std::int32_t> limit;  ///< 1..100; the server's default is 100.
  std::string cursor;                 ///< From a previous page; empty = the first page.
};

/// `client.purchases()`. `persist` unset leaves the server's default (store the validation).
class NAKAMA_API PurchasesApi {
 public:
  /// Apple: `receipt` is the base64 App Store receipt.
  Future<ValidatePurchaseResponse> validateApple(const std::string& receipt, std::optional<bool> persist = std::nullopt,
                                                 const CallOptions& call = {});
  /// Google: `purchase` is the JSON purchase payload from Google Play.
  Future<ValidatePurchaseResponse> validateGoogle(const std::string& purchase,
                                                  std::optional<bool> persist = std::nullopt,
                                                  const CallOptions& call = {});
  /// Huawei: the JSON InAppPurchaseData and its signature.
  Future<ValidatePurchaseResponse> validateHuawei(const std::string& purchase, const std::string& signature,
                                                  std::optional<bool> persist = std::nullopt,
                                                  const CallOptions& call = {});
  /// Facebook Instant Games: the signed request of the purchase. Needs a server newer than 3.15
  /// (3.15 answers HTTP 404 "Not Found").
  Future<ValidatePurchaseResponse> validateFacebookInstant(const std::string& signedRequest,
                                                           std::optional<bool> persist = std::nullopt,
                                                           const CallOptions& call = {});

  Future<ValidateSubscriptionResponse> validateSubscriptionApple(const std::string& receipt,
                                                                 std::optional<bool> persist = std::nullopt,
                                                                 const CallOptions& call = {});
  /// Google: `receipt` is the JSON purchase payload of the subscription.
  Future<ValidateSubscriptionResponse> validateSubscriptionGoogle(const std::string& receipt,
                                                                  std::optional<bool> persist = std::nullopt,
                                                                  const CallOptions& call = {});

  /// The session user's subscription to `productId` (HTTP 404 when there is none).
  Future<ValidatedSubscription> getSubscription(const std::string& productId, const CallOptions& call = {});
  /// The session user's validated subscriptions.
  Future<SubscriptionList> listSubscriptions(const SubscriptionListOptions& options = {}, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit PurchasesApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
