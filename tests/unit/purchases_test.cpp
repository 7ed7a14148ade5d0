// Purchases: requests and models of the IAP endpoints. The recording has no IAP exchanges (the server
// had no store credentials), so the models are checked against bodies written from the API definition
// (docs/PROTOCOL.md §5.8) and the error against the server's "not configured" answer.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/purchases.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

const char* kPurchaseBody = R"({"validated_purchases":[{"user_id":"d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7", )"
                            R"("product_id":"coins_100", "transaction_id":"1000000123", "store":1, )"
                            R"("purchase_time":"2026-11-23T20:08:08Z", "create_time":"2026-11-23T20:08:09Z", )"
                            R"("update_time":"2026-11-23T20:08:10Z", "provider_response":"{\"ok\": true}", )"
                            R"("environment":2, "seen_before":true}]})";

const char* kSubscription = R"({"user_id":"u", "product_id":"vip", "original_transaction_id":"t1", "store":0, )"
                            R"("purchase_time":"2026-11-01T00:00:00Z", "create_time":"2026-11-01T00:00:01Z", )"
                            R"("update_time":"2026-11-02T00:00:00Z", "environment":1, )"
                            R"("expiry_time":"2026-12-01T00:00:00Z", "refund_time":"2026-11-15T00:00:00Z", )"
                            R"("provider_response":"{}", "provider_notification":"{\"n\": 1}", "active":true})";

void expectSubscription(const ValidatedSubscription& s) {
  EXPECT_EQ(s.userId, "u");
  EXPECT_EQ(s.productId, "vip");
  EXPECT_EQ(s.originalTransactionId, "t1");
  EXPECT_EQ(s.store, StoreProvider::kAppleAppStore);
  EXPECT_EQ(formatTimestamp(s.purchaseTime), "2026-11-01T00:00:00Z");
  EXPECT_EQ(formatTimestamp(s.createTime), "2026-11-01T00:00:01Z");
  EXPECT_EQ(formatTimestamp(s.updateTime), "2026-11-02T00:00:00Z");
  EXPECT_EQ(s.environment, StoreEnvironment::kSandbox);
  EXPECT_EQ(formatTimestamp(s.expiryTime), "2026-12-01T00:00:00Z");
  EXPECT_EQ(formatTimestamp(s.refundTime), "2026-11-15T00:00:00Z");
  EXPECT_EQ(s.providerResponse, "{}");
  EXPECT_EQ(s.providerNotification, "{\"n\": 1}");
  EXPECT_TRUE(s.active);
}

TEST(Purchases, ValidatePurchaseRequestsAndModel) {
  struct Case {
    const char* path;
    std::function<Future<ValidatePurchaseResponse>(PurchasesApi&)> call;
    nlohmann::json body;
  };
  const std::vector<Case> cases = {
      {"/v2/iap/purchase/apple",
       [](PurchasesApi& api) { return api.validateApple("cmVjZWlwdA=="); },
       {{"receipt", "cmVjZWlwdA=="}}},
      {"/v2/iap/purchase/google",
       [](PurchasesApi& api) { return api.validateGoogle("{\"orderId\":\"1\"}", true); },
       {{"purchase", "{\"orderId\":\"1\"}"}, {"persist", true}}},
      {"/v2/iap/purchase/huawei",
       [](PurchasesApi& api) { return api.validateHuawei("{}", "sig", false); },
       {{"purchase", "{}"}, {"signature", "sig"}, {"persist", false}}},
      {"/v2/iap/purchase/facebookinstant",
       [](PurchasesApi& api) { return api.validateFacebookInstant("signed.req"); },
       {{"signed_request", "signed.req"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    auto r = test::replayResponse(200, kPurchaseBody);
    auto api = makeHandle<PurchasesApi>(r.core);
    auto response = c.call(api).get();
    const auto sent = r.onlyRequest();
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.target, c.path);
    EXPECT_EQ(nlohmann::json::parse(sent.body), c.body);
    ASSERT_TRUE(response.ok()) << response.error();
    ASSERT_EQ(response->validatedPurchases.size(), 1u);
    const auto& p = response->validatedPurchases[0];
    EXPECT_EQ(p.userId, "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7");
    EXPECT_EQ(p.productId, "coins_100");
    EXPECT_EQ(p.transactionId, "1000000123");
    EXPECT_EQ(p.store, StoreProvider::kGooglePlayStore);
    EXPECT_EQ(formatTimestamp(p.purchaseTime), "2026-11-23T20:08:08Z");
    EXPECT_EQ(formatTimestamp(p.createTime), "2026-11-23T20:08:09Z");
    EXPECT_EQ(formatTimestamp(p.updateTime), "2026-11-23T20:08:10Z");
    EXPECT_EQ(p.refundTime, Timestamp{});
    EXPECT_EQ(p.providerResponse, "{\"ok\": true}");
    EXPECT_EQ(p.environment, StoreEnvironment::kProduction);
    EXPECT_TRUE(p.seenBefore);
  }
}

TEST(Purchases, ValidateSubscriptions) {
  const std::string body = std::string("{\"validated_subscription\":") + kSubscription + "}";
  {
    auto r = test::replayResponse(200, body);
    auto response = makeHandle<PurchasesApi>(r.core).validateSubscriptionApple("cmVjZWlwdA==", true).get();
    EXPECT_EQ(r.onlyRequest().target, "/v2/iap/subscription/apple");
    EXPECT_EQ(nlohmann::json::parse(r.onlyRequest().body),
              (nlohmann::json{{"receipt", "cmVjZWlwdA=="}, {"persist", true}}));
    ASSERT_TRUE(response.ok()) << response.error();
    expectSubscription(response->validatedSubscription);
  }
  {
    auto r = test::replayResponse(200, body);
    auto response = makeHandle<PurchasesApi>(r.core).validateSubscriptionGoogle("{\"purchaseToken\":\"p\"}").get();
    EXPECT_EQ(r.onlyRequest().target, "/v2/iap/subscription/google");
    EXPECT_EQ(nlohmann::json::parse(r.onlyRequest().body), (nlohmann::json{{"receipt", "{\"purchaseToken\":\"p\"}"}}));
    ASSERT_TRUE(response.ok()) << response.error();
    expectSubscription(response->validatedSubscription);
  }
}

TEST(Purchases, GetAndListSubscriptions) {
  {
    auto r = test::replayResponse(200, kSubscription);
    auto s = makeHandle<PurchasesApi>(r.core).getSubscription("vip.monthly/1").get();
    EXPECT_EQ(r.onlyRequest().method, "GET");
    EXPECT_EQ(r.onlyRequest().target, "/v2/iap/subscription/vip.monthly%2F1");
    ASSERT_TRUE(s.ok()) << s.error();
    expectSubscription(*s);
  }
  {
    auto r = test::replayResponse(200, std::string("{\"validated_subscriptions\":[") + kSubscription +
                                           "], \"cursor\":\"n\", \"prev_cursor\":\"p\"}");
    auto list = makeHandle<PurchasesApi>(r.core).listSubscriptions({10, "c"}).get();
    EXPECT_EQ(r.onlyRequest().method, "POST");
    EXPECT_EQ(r.onlyRequest().target, "/v2/iap/subscription");
    EXPECT_EQ(nlohmann::json::parse(r.onlyRequest().body), (nlohmann::json{{"limit", 10}, {"cursor", "c"}}));
    ASSERT_TRUE(list.ok()) << list.error();
    ASSERT_EQ(list->validatedSubscriptions.size(), 1u);
    expectSubscription(list->validatedSubscriptions[0]);
    EXPECT_EQ(list->cursor, "n");
    EXPECT_EQ(list->prevCursor, "p");
  }
  {
    auto r = test::replayResponse(200, "{}");
    auto list = makeHandle<PurchasesApi>(r.core).listSubscriptions().get();
    EXPECT_EQ(r.onlyRequest().body, "{}");
    ASSERT_TRUE(list.ok());
    EXPECT_TRUE(list->validatedSubscriptions.empty());
  }
}

TEST(Purchases, NotConfiguredError) {
  auto r = test::replayResponse(400, "{\"code\":9, \"message\":\"Apple IAP is not configured.\"}");
  auto result = makeHandle<PurchasesApi>(r.core).validateApple("x").get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, 400);
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kFailedPrecondition);
  EXPECT_EQ(result.error().message, "Apple IAP is not configured.");
}

TEST(Purchases, UnknownEnumValuesAreKept) {
  auto r = test::replayResponse(200, R"({"validated_purchases":[{"store":9, "environment":5}]})");
  auto response = makeHandle<PurchasesApi>(r.core).validateGoogle("{}").get();
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(static_cast<int>(response->validatedPurchases[0].store), 9);
  EXPECT_EQ(static_cast<int>(response->validatedPurchases[0].environment), 5);
}

TEST(Purchases, EmptyProductIdFailsWithoutIo) {
  auto r = test::replayResponse(200, "{}");
  EXPECT_EQ(makeHandle<PurchasesApi>(r.core).getSubscription("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

}  // namespace
}  // namespace nakama
