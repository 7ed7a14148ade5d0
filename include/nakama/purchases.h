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
  /// Apple App Store.
  kAppleAppStore = 0,
  /// Google Play Store.
  kGooglePlayStore = 1,
  /// Huawei App Gallery.
  kHuaweiAppGallery = 2,
  kFacebookInstantStore = 3,  ///< Servers newer than 3.15.
};

/// Where a purchase took place (`api.StoreEnvironment`). Unknown numbers are kept.
enum class StoreEnvironment : std::int32_t {
  /// Not reported.
  kUnknown = 0,
  /// The store's test environment.
  kSandbox = 1,
  /// A real purchase.
  kProduction = 2,
};

/// A validated purchase (`api.ValidatedPurchase`).
struct ValidatedPurchase {
  /// The buyer's user id.
  std::string userId;
  /// The product bought.
  std::string productId;
  /// The store's transaction id.
  std::string transactionId;
  /// The store it was made in.
  StoreProvider store = StoreProvider::kAppleAppStore;
  /// When it was bought.
  Timestamp purchaseTime{};
  Timestamp createTime{};  ///< When the server stored the validation.
  /// When the server last updated the validation.
  Timestamp updateTime{};
  Timestamp refundTime{};        ///< The epoch when not refunded.
  std::string providerResponse;  ///< The store's raw validation answer.
  /// Test or production purchase.
  StoreEnvironment environment = StoreEnvironment::kUnknown;
  bool seenBefore = false;  ///< The server had already validated this purchase.
};

/// The answer of a purchase validation (`api.ValidatePurchaseResponse`).
struct ValidatePurchaseResponse {
  /// The purchases the receipt holds.
  std::vector<ValidatedPurchase> validatedPurchases;
};

/// A validated subscription (`api.ValidatedSubscription`).
struct ValidatedSubscription {
  /// The subscriber's user id.
  std::string userId;
  /// The product subscribed to.
  std::string productId;
  std::string originalTransactionId;  ///< Renewals are tracked under the original transaction.
  /// The store it was bought in.
  StoreProvider store = StoreProvider::kAppleAppStore;
  /// When it was bought.
  Timestamp purchaseTime{};
  /// When the server stored the validation.
  Timestamp createTime{};
  /// When the server last updated the validation.
  Timestamp updateTime{};
  /// Test or production subscription.
  StoreEnvironment environment = StoreEnvironment::kUnknown;
  Timestamp expiryTime{};  ///< It may still renew past this time.
  Timestamp refundTime{};  ///< The epoch when not refunded.
  /// The store's raw validation answer.
  std::string providerResponse;
  std::string providerNotification;  ///< The store's last server notification, raw.
  /// The subscription is currently active.
  bool active = false;
};

/// The answer of a subscription validation (`api.ValidateSubscriptionResponse`).
struct ValidateSubscriptionResponse {
  /// The subscription.
  ValidatedSubscription validatedSubscription;
};

/// A page of the user's subscriptions (`api.SubscriptionList`).
struct SubscriptionList {
  /// The subscriptions of this page.
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

  /// Apple: `receipt` is the base64 App Store receipt of the subscription.
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
