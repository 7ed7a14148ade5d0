#pragma once

// JSON mapping of the purchases and subscriptions area.

#include "core/json.h"
#include "nakama/purchases.h"

namespace nakama {

void from_json(const internal::Json& j, ValidatedPurchase& out);
void from_json(const internal::Json& j, ValidatePurchaseResponse& out);
void from_json(const internal::Json& j, ValidatedSubscription& out);
void from_json(const internal::Json& j, ValidateSubscriptionResponse& out);
void from_json(const internal::Json& j, SubscriptionList& out);

}  // namespace nakama
