#include "api/purchases_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ValidatedPurchase& out) {
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

void from_json(const internal::JsonValue& j, ValidatePurchaseResponse& out) {
  internal::read(j, "validated_purchases", out.validatedPurchases);
}

void from_json(const internal::JsonValue& j, ValidatedSubscription& out) {
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

void from_json(const internal::JsonValue& j, ValidateSubscriptionResponse& out) {
  internal::read(j, "validated_subscription", out.validatedSubscription);
}

void from_json(const internal::JsonValue& j, SubscriptionList& out) {
  using internal::read;
  read(j, "validated_subscriptions", out.validatedSubscriptions);
  read(j, "cursor", out.cursor);
  read(j, "prev_cursor", out.prevCursor);
}
}  // namespace nakama
