// Purchases against the test server (or a real Nakama 3.15 without store credentials): validation
// calls fail with the server's "not configured" answer (HTTP 400, code 9 FailedPrecondition), the
// subscription listing is empty.

#include <gtest/gtest.h>

#include "nakama/client.h"
#include "nakama/purchases.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;

TEST(PurchasesIntegration, ValidationWithoutStoreCredentials) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->purchases();
  expectServerError(api.validateApple("cmVjZWlwdA==").get(), 400, GrpcCode::kFailedPrecondition,
                    "Apple IAP is not configured.");
  expectServerError(api.validateGoogle("{\"orderId\":\"GPA.1\"}", true).get(), 400, GrpcCode::kFailedPrecondition,
                    "Google IAP is not configured.");
  expectServerError(api.validateHuawei("{}", "signature", false).get(), 400, GrpcCode::kFailedPrecondition,
                    "Huawei IAP is not configured.");
  expectServerError(api.validateSubscriptionApple("cmVjZWlwdA==", true).get(), 400, GrpcCode::kFailedPrecondition,
                    "Apple IAP is not configured.");
  expectServerError(api.validateSubscriptionGoogle("{\"purchaseToken\":\"t\"}").get(), 400,
                    GrpcCode::kFailedPrecondition, "Google IAP is not configured.");
}

TEST(PurchasesIntegration, FacebookInstantNeedsANewerServer) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  // Nakama 3.15 has no such route: the gateway's 404 "Not Found".
  expectServerError(alice.client->purchases().validateFacebookInstant("signed.request").get(), 404, GrpcCode::kNotFound,
                    "Not Found");
}

TEST(PurchasesIntegration, SubscriptionsOfANewUser) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->purchases();
  auto list = api.listSubscriptions().get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->validatedSubscriptions.empty());
  EXPECT_TRUE(list->cursor.empty());

  auto limited = api.listSubscriptions({10}).get();
  ASSERT_TRUE(limited.ok()) << limited.error();
  EXPECT_TRUE(limited->validatedSubscriptions.empty());

  expectServerError(api.listSubscriptions({0}).get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(api.getSubscription(test::uniqueId("vip_")).get(), 404, GrpcCode::kNotFound);
  EXPECT_EQ(api.getSubscription("").get().error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
