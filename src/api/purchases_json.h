#pragma once

// JSON mapping of the purchases and subscriptions area.

#include "core/json.h"
#include "nakama/purchases.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ValidatedPurchase& out);
void from_json(const internal::JsonValue& j, ValidatePurchaseResponse& out);
void from_json(const internal::JsonValue& j, ValidatedSubscription& out);
void from_json(const internal::JsonValue& j, ValidateSubscriptionResponse& out);
void from_json(const internal::JsonValue& j, SubscriptionList& out);

}  // namespace nakama
