// RtSocket with a fake transport: connection, requests and their completion (reply, ack, error,
// timeout, cancellation, disconnect), close and destruction.

#include <atomic>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nakama/client.h"
#include "rt_captured_frames.h"
#include "rt_fake_ws.h"

namespace nakama::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

class RtSocketTest : public RtSocketFixture {};

// ---- Connection ---------------------------------------------------------------------------------

TEST_F(RtSocketTest, ConnectUsesTheSessionTokenAndOptionsInTheUrl) {
  auto ws = connect();
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->url(), "ws://127.0.0.1:7350/ws?lang=en&status=false&token=" + token + "&format=json");
  EXPECT_TRUE(socket.isConnected());
  EXPECT_EQ(socket.state(), ConnectionState::kConnected);
}

TEST_F(RtSocketTest, UrlCarriesAppearOnlineAndLanguage) {
  auto options = quietOptions();
  options.appearOnline = true;
  options.lang = "pt-BR";
  build(options);
  auto ws = connect();
  ASSERT_TRUE(ws);
  EXPECT_THAT(ws->url(), HasSubstr("lang=pt-BR&status=true&token="));
}

TEST_F(RtSocketTest, ConnectFiresStateChangesAndOnConnect) {
  Recorder<ConnectionState> states;
  std::atomic<int> connects{0};
  auto s1 = socket.onStateChange(states.handler());
  auto s2 = socket.onConnect([&] { ++connects; });
  connect();
  ASSERT_TRUE(eventually([&] { return connects == 1; }));
  EXPECT_EQ(states.values(), (std::vector<ConnectionState>{ConnectionState::kConnecting, ConnectionState::kConnected}));
}

TEST_F(RtSocketTest, ConnectWhileConnectingJoinsTheSameAttempt) {
  auto first = socket.connect();
  auto second = socket.connect();
  auto ws = factory->wait(0);
  ASSERT_TRUE(ws);
  EXPECT_EQ(factory->count(), 1u);
  ws->open();
  EXPECT_TRUE(await(first).ok());
  EXPECT_TRUE(await(second).ok());
  EXPECT_TRUE(await(socket.connect()).ok());  // already connected
  EXPECT_EQ(factory->count(), 1u);
}

TEST_F(RtSocketTest, ConnectWithoutSessionFails) {
  build(quietOptions(), nullptr, /*withSession=*/false);
  auto result = await(socket.connect());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
  EXPECT_EQ(factory->count(), 0u);
}

TEST_F(RtSocketTest, HandshakeRefusedWith401IsSessionExpired) {
  auto future = socket.connect();
  auto ws = factory->wait(0);
  ASSERT_TRUE(ws);
  ws->fail(internal::WsFailure{401, "HTTP 401: Missing or invalid token", false});
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
  EXPECT_EQ(result.error().httpStatus, 401);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtSocketTest, HandshakeRefusedWith401RefreshesTheSessionOnceAndRetries) {
  std::atomic<int> refreshes{0};
  auto http =
      std::make_shared<FakeHttpTransport>([&](const internal::HttpRequest& request, FakeHttpTransport::Done done) {
        if (request.target.find("/v2/account/session/refresh") == 0) {
          const int n = ++refreshes;
          done(httpResponse(200, sessionBody("user-1", 7200, 7200, "fresh" + std::to_string(n))));
        } else {
          done(Error{ErrorKind::kConnectionFailed, "unexpected"});
        }
      });
  build(quietOptions(), http, true, makeJwt("user-1", "alice", nowSeconds() + 3600));
  auto future = socket.connect();
  auto first = factory->wait(0);
  ASSERT_TRUE(first);
  first->fail(internal::WsFailure{401, "HTTP 401", false});
  auto second = factory->wait(1);
  ASSERT_TRUE(second);
  EXPECT_EQ(refreshes, 1);
  EXPECT_NE(second->url(), first->url());  // the refreshed token
  EXPECT_THAT(second->url(), HasSubstr("token=" + core->sessions()->current()->token()));
  second->open();
  EXPECT_TRUE(await(future).ok());

  // A second 401 in the same attempt is final.
  socket.close();
  auto again = socket.connect();
  auto third = factory->wait(2);
  ASSERT_TRUE(third);
  third->fail(internal::WsFailure{401, "HTTP 401", false});
  auto fourth = factory->wait(3);
  ASSERT_TRUE(fourth);
  fourth->fail(internal::WsFailure{401, "HTTP 401", false});
  auto result = await(again);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
}

TEST_F(RtSocketTest, HandshakeHttpErrorAndNetworkFailure) {
  auto future = socket.connect();
  auto ws = factory->wait(0);
  ASSERT_TRUE(ws);
  ws->fail(internal::WsFailure{400, "HTTP 400: Invalid format parameter", false});
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, 400);

  future = socket.connect();
  ws = factory->wait(1);
  ASSERT_TRUE(ws);
  ws->fail(internal::WsFailure{std::nullopt, "Connection refused", false});
  result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_THAT(result.error().message, HasSubstr("Connection refused"));
}

TEST_F(RtSocketTest, ConnectTimesOut) {
  auto options = quietOptions();
  options.connectTimeout = 100ms;
  build(options);
  auto future = socket.connect();
  auto ws = factory->wait(0);
  ASSERT_TRUE(ws);
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kTimeout);
  EXPECT_TRUE(eventually([&] { return ws->closed(); }));
  ws->open();  // too late: ignored
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtSocketTest, CloseWhileConnectingCancelsTheConnect) {
  auto future = socket.connect();
  auto ws = factory->wait(0);
  ASSERT_TRUE(ws);
  socket.close();
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
  EXPECT_TRUE(ws->closed());
  ws->open();  // late: ignored
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

// ---- Requests -----------------------------------------------------------------------------------

TEST_F(RtSocketTest, SendingWhileNotConnectedFailsAtOnce) {
  auto rpc = await(socket.rpc("ref_echo"), 100ms);
  ASSERT_FALSE(rpc.ok());
  EXPECT_EQ(rpc.error().kind, ErrorKind::kDisconnected);
  auto data = await(socket.sendMatchData("m.", 1, "x"), 100ms);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().kind, ErrorKind::kDisconnected);
  auto ack = await(socket.updateStatus("x"), 100ms);
  EXPECT_EQ(ack.error().kind, ErrorKind::kDisconnected);
}

TEST_F(RtSocketTest, RpcRoundTripWithCapturedReply) {
  auto ws = connect();
  auto future = socket.rpc("ref_echo", "{\"x\":1}");
  auto sent = ws->sentJson(0);
  EXPECT_EQ(sent["cid"], "1");
  EXPECT_EQ(sent["rpc"], (Json{{"id", "ref_echo"}, {"payload", "{\"x\":1}"}}));
  ws->reply(0, frames::kRpcEchoReply);
  auto result = await(future);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->id, "ref_echo");
  EXPECT_EQ(result->payload, "{\"x\":1}");
}

TEST_F(RtSocketTest, RepliesAreCorrelatedByCidInAnyOrder) {
  auto ws = connect();
  auto a = socket.rpc("a");
  auto b = socket.rpc("b");
  auto c = socket.ping();
  EXPECT_EQ(ws->cid(0), "1");
  EXPECT_EQ(ws->cid(1), "2");
  EXPECT_EQ(ws->cid(2), "3");
  EXPECT_EQ(ws->sentJson(2)["ping"], Json::object());
  ws->receive(R"({"cid":"3", "pong":{}})");
  ws->receive(R"({"cid":"2", "rpc":{"id":"b", "payload":"B"}})");
  ws->receive(R"({"cid":"1", "rpc":{"id":"a", "payload":"A"}})");
  EXPECT_EQ(await(a)->payload, "A");
  EXPECT_EQ(await(b)->payload, "B");
  EXPECT_TRUE(await(c).ok());
}

TEST_F(RtSocketTest, CidOnlyEnvelopeIsASuccessAck) {
  auto ws = connect();
  auto future = socket.updateStatus("ref here");
  EXPECT_EQ(ws->sentJson(0)["status_update"], (Json{{"status", "ref here"}}));
  ws->reply(0, frames::kAckReply);
  EXPECT_TRUE(await(future).ok());

  auto offline = socket.appearOffline();
  EXPECT_EQ(ws->sentJson(1)["status_update"], Json::object());
  ws->reply(1, frames::kAckReply);
  EXPECT_TRUE(await(offline).ok());
}

TEST_F(RtSocketTest, ErrorEnvelopeWithCidFailsThatRequest) {
  auto ws = connect();
  auto join = socket.joinMatch("00000000-0000-0000-0000-000000000000.");
  auto rpc = socket.rpc("ref_fail", "{}");
  ws->reply(0, frames::kMatchNotFoundError);
  ws->receive(FakeWs::withCid(
      R"({"cid":"x", "error":{"code":7, "message":"ref failure message", "context":{"k":"v"}}})", ws->cid(1)));
  auto joined = await(join);
  ASSERT_FALSE(joined.ok());
  EXPECT_EQ(joined.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(joined.error().realtimeCode, RealtimeCode::kMatchNotFound);
  EXPECT_EQ(joined.error().message, "Match not found");
  auto called = await(rpc);
  ASSERT_FALSE(called.ok());
  EXPECT_EQ(called.error().realtimeCode, RealtimeCode::kRuntimeFunctionException);
  EXPECT_EQ(called.error().context, (StringMap{{"k", "v"}}));
}

TEST_F(RtSocketTest, UnexpectedReplyTypeIsABadResponse) {
  auto ws = connect();
  auto future = socket.rpc("x");
  ws->reply(0, frames::kAckReply);  // an ack where an rpc reply was expected
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
}

TEST_F(RtSocketTest, RequestsTimeOutAndLateRepliesAreDropped) {
  auto options = quietOptions();
  options.requestTimeout = 100ms;
  build(options);
  auto ws = connect();
  Recorder<Error> errors;
  auto sub = socket.onError(errors.handler());
  auto future = socket.rpc("slow");
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kTimeout);
  ws->reply(0, frames::kRpcEchoReply);  // too late
  poll();
  EXPECT_EQ(errors.size(), 0u);
  EXPECT_TRUE(socket.isConnected());
}

TEST_F(RtSocketTest, CancelCompletesWithCancelledAndIgnoresTheReply) {
  auto ws = connect();
  auto future = socket.rpc("x");
  ws->sentJson(0);
  future.cancel();
  auto result = await(future);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
  ws->reply(0, frames::kRpcEchoReply);
  EXPECT_TRUE(socket.isConnected());
  // The socket still works.
  auto next = socket.rpc("ref_echo");
  ws->reply(1, frames::kRpcEchoReply);
  EXPECT_TRUE(await(next).ok());
}

TEST_F(RtSocketTest, DisconnectFailsAllPendingRequestsAtOnce) {
  auto ws = connect();
  Recorder<DisconnectInfo> disconnects;
  Recorder<ConnectionState> states;
  auto s1 = socket.onDisconnect(disconnects.handler());
  auto s2 = socket.onStateChange(states.handler());
  auto a = socket.rpc("a");
  auto b = socket.createMatch();
  auto c = socket.joinChat("room", ChannelType::kRoom);
  ws->sentJson(2);
  ws->serverClose(1005, "");
  EXPECT_EQ(await(a, 100ms).error().kind, ErrorKind::kDisconnected);
  EXPECT_EQ(await(b, 100ms).error().kind, ErrorKind::kDisconnected);
  EXPECT_EQ(await(c, 100ms).error().kind, ErrorKind::kDisconnected);
  ASSERT_TRUE(eventually([&] { return disconnects.size() == 1; }));
  auto info = disconnects.values()[0];
  EXPECT_EQ(info.code, 1005);
  EXPECT_FALSE(info.requested);
  EXPECT_FALSE(info.willReconnect);
  EXPECT_EQ(states.values().back(), ConnectionState::kDisconnected);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
  EXPECT_EQ(await(socket.rpc("late"), 100ms).error().kind, ErrorKind::kDisconnected);
}

TEST_F(RtSocketTest, CloseFailsPendingRequestsAndReportsARequestedDisconnect) {
  auto ws = connect();
  Recorder<DisconnectInfo> disconnects;
  auto sub = socket.onDisconnect(disconnects.handler());
  auto pending = socket.rpc("x");
  socket.close();
  EXPECT_EQ(await(pending, 100ms).error().kind, ErrorKind::kDisconnected);
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->closeCode(), 1000);
  ASSERT_TRUE(eventually([&] { return disconnects.size() == 1; }));
  EXPECT_TRUE(disconnects.values()[0].requested);
  EXPECT_EQ(disconnects.values()[0].code, 1000);
  socket.close();  // idempotent
  poll();
  EXPECT_EQ(disconnects.size(), 1u);

  // And it can connect again.
  auto again = connect(1);
  ASSERT_TRUE(again);
  EXPECT_TRUE(socket.isConnected());
}

TEST_F(RtSocketTest, CloseFromInsideAHandlerIsSafe) {
  auto ws = connect();
  std::atomic<int> disconnects{0};
  auto s1 = socket.onChannelMessage([&](const ChannelMessage&) { socket.close(); });
  auto s2 = socket.onDisconnect([&](const DisconnectInfo&) { ++disconnects; });
  ws->receive(frames::kChannelMessage);
  ASSERT_TRUE(eventually([&] { return disconnects == 1; }));
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtSocketTest, DestroyingTheLastHandleClosesAndCancelsPendingRequests) {
  auto ws = connect();
  auto pending = socket.rpc("x");
  ws->sentJson(0);
  RtSocket copy = socket;
  socket = RtSocket();
  impl.reset();
  EXPECT_FALSE(ws->closed());  // a copy is still alive
  copy = RtSocket();
  auto result = await(pending, 1000ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
  EXPECT_TRUE(ws->closed());
  ws->receive(frames::kRpcEchoReply);  // the transport outlived the socket: harmless
}

TEST_F(RtSocketTest, AfterTheClientShutsDownRequestsFailInsteadOfHanging) {
  auto ws = connect();
  core->shutdown();  // what ~Client does
  EXPECT_EQ(await(socket.rpc("x"), 100ms).error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(await(socket.sendMatchData("m.", 1, "x"), 100ms).error().kind, ErrorKind::kCancelled);
  socket.close();
  EXPECT_EQ(await(socket.connect(), 100ms).error().kind, ErrorKind::kCancelled);
}

TEST_F(RtSocketTest, OversizedMessagesFailAloneInsteadOfClosingTheConnection) {
  auto ws = connect();
  auto pending = socket.rpc("pending");
  auto big = await(socket.rpc("ref_echo", std::string(5000, 'x')), 100ms);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(big.error().message, HasSubstr("maxMessageSize"));
  EXPECT_EQ(await(socket.sendMatchData("m.", 1, std::string(4000, 'x')), 100ms).error().kind,
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(ws->sentCount(), 1u);  // only the first request went out
  EXPECT_TRUE(socket.isConnected());
  auto fits = socket.rpc("ref_echo", std::string(4000, 'x'));
  EXPECT_EQ(ws->sentJson(1)["rpc"]["id"], "ref_echo");
  ws->reply(0, frames::kRpcEchoReply);
  EXPECT_TRUE(await(pending).ok());

  auto options = quietOptions();
  options.maxMessageSize = 0;  // no check
  build(options);
  auto unchecked = connect();
  socket.rpc("ref_echo", std::string(100000, 'x'));
  EXPECT_EQ(unchecked->sentCount(), 1u);
}

TEST_F(RtSocketTest, EmptySocketFailsWithInvalidArgument) {
  RtSocket empty;
  EXPECT_FALSE(empty.valid());
  EXPECT_EQ(empty.state(), ConnectionState::kDisconnected);
  EXPECT_EQ(empty.rpc("x").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(empty.connect().get().error().kind, ErrorKind::kInvalidArgument);
  empty.close();
  auto sub = empty.onError([](const Error&) {});
  EXPECT_FALSE(sub.active());
}

TEST_F(RtSocketTest, RequiredArgumentsAreCheckedBeforeSending) {
  auto ws = connect();
  EXPECT_EQ(await(socket.joinMatch("")).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(await(socket.rpc("")).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(await(socket.followUsers({})).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(ws->sentCount(), 0u);
}

TEST_F(RtSocketTest, SendFromManyThreads) {
  auto ws = connect();
  constexpr int kThreads = 4, kPerThread = 50;
  std::vector<std::thread> threads;
  std::vector<Future<Rpc>> futures(kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i)
        futures[t * kPerThread + i] = socket.rpc("id" + std::to_string(t * kPerThread + i));
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(ws->sentCount(), static_cast<std::size_t>(kThreads * kPerThread));
  for (std::size_t i = 0; i < ws->sentCount(); ++i) {
    auto sent = ws->sentJson(i);
    ws->receive(
        Json{{"cid", sent["cid"]}, {"rpc", {{"id", sent["rpc"]["id"]}, {"payload", sent["rpc"]["id"]}}}}.dump());
  }
  for (int i = 0; i < kThreads * kPerThread; ++i) {
    auto result = await(futures[i]);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->payload, "id" + std::to_string(i));
  }
}

// ---- What each request sends --------------------------------------------------------------------

TEST_F(RtSocketTest, RequestEncodings) {
  auto ws = connect();
  std::size_t n = 0;
  auto next = [&] { return ws->sentJson(n++); };

  socket.joinChat("ref_shared_room", ChannelType::kRoom, false);
  auto join = next();
  auto captured = Json::parse(frames::kChannelJoinSent)["channel_join"];
  EXPECT_EQ(join["channel_join"]["target"], captured["target"]);
  EXPECT_EQ(join["channel_join"]["type"], captured["type"]);
  EXPECT_EQ(join["channel_join"]["persistence"], captured["persistence"]);
  EXPECT_EQ(join["channel_join"]["hidden"], false);

  socket.leaveChat("2...r");
  EXPECT_EQ(next()["channel_leave"], (Json{{"channel_id", "2...r"}}));
  socket.writeChatMessage("2...r", "{\"t\":1}");
  EXPECT_EQ(next()["channel_message_send"], (Json{{"channel_id", "2...r"}, {"content", "{\"t\":1}"}}));
  socket.updateChatMessage("2...r", "m1", "{}");
  EXPECT_EQ(next()["channel_message_update"], (Json{{"channel_id", "2...r"}, {"message_id", "m1"}, {"content", "{}"}}));
  socket.removeChatMessage("2...r", "m1");
  EXPECT_EQ(next()["channel_message_remove"], (Json{{"channel_id", "2...r"}, {"message_id", "m1"}}));

  socket.createMatch();
  EXPECT_EQ(next()["match_create"], Json::object());
  socket.createMatch("ref_named");
  EXPECT_EQ(next()["match_create"], (Json{{"name", "ref_named"}}));
  socket.joinMatch("m.", {{"k", "v"}});
  EXPECT_EQ(next()["match_join"], (Json{{"match_id", "m."}, {"metadata", {{"k", "v"}}}}));
  socket.joinMatchByToken("tok");
  EXPECT_EQ(next()["match_join"], (Json{{"token", "tok"}}));
  socket.leaveMatch("m.");
  EXPECT_EQ(next()["match_leave"], (Json{{"match_id", "m."}}));

  socket.sendMatchData("c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", 7, "{\"move\":1}");
  auto data = next();
  EXPECT_EQ(data, Json::parse(frames::kMatchDataSendSent));  // no cid, standard base64, op_code as a string
  socket.sendMatchData("m.", 3, "hi", {UserPresence{"u", "s", "", false, std::nullopt}}, false);
  EXPECT_EQ(next()["match_data_send"], (Json{{"match_id", "m."},
                                             {"op_code", "3"},
                                             {"data", "aGk="},
                                             {"presences", Json::array({{{"user_id", "u"}, {"session_id", "s"}}})}}));
  socket.sendMatchData("m.", INT64_MAX, "");
  EXPECT_EQ(next()["match_data_send"],
            (Json{{"match_id", "m."}, {"op_code", "9223372036854775807"}, {"reliable", true}}));

  MatchmakerQuery query;
  query.minCount = 2;
  query.maxCount = 2;
  query.query = "+properties.region:ref";
  query.stringProperties = {{"region", "ref"}};
  query.numericProperties = {{"skill", 10.5}};
  socket.addMatchmaker(query);
  EXPECT_EQ(next()["matchmaker_add"], Json::parse(frames::kMatchmakerAddSent)["matchmaker_add"]);
  query.countMultiple = 2;
  socket.addMatchmakerParty("p.n", query);
  auto partyMm = next()["party_matchmaker_add"];
  EXPECT_EQ(partyMm["party_id"], "p.n");
  EXPECT_EQ(partyMm["count_multiple"], 2);
  socket.removeMatchmaker("t1");
  EXPECT_EQ(next()["matchmaker_remove"], (Json{{"ticket", "t1"}}));
  socket.removeMatchmakerParty("p.n", "t1");
  EXPECT_EQ(next()["party_matchmaker_remove"], (Json{{"party_id", "p.n"}, {"ticket", "t1"}}));

  socket.followUsers({"a44aba12-f041-49fa-8479-083c27a49158"});
  EXPECT_EQ(next()["status_follow"], Json::parse(frames::kStatusFollowSent)["status_follow"]);
  socket.followUsers({}, {"bob"});
  EXPECT_EQ(next()["status_follow"], (Json{{"usernames", {"bob"}}}));
  socket.unfollowUsers({"u1"});
  EXPECT_EQ(next()["status_unfollow"], (Json{{"user_ids", {"u1"}}}));

  UserPresence member{"u2", "s2", "bob", false, std::nullopt};
  Json memberJson = {{"user_id", "u2"}, {"session_id", "s2"}, {"username", "bob"}};
  socket.createParty(true, 4);
  EXPECT_EQ(next()["party_create"], (Json{{"open", true}, {"max_size", 4}}));
  socket.joinParty("p.n");
  EXPECT_EQ(next()["party_join"], (Json{{"party_id", "p.n"}}));
  socket.leaveParty("p.n");
  EXPECT_EQ(next()["party_leave"], (Json{{"party_id", "p.n"}}));
  socket.promotePartyMember("p.n", member);
  EXPECT_EQ(next()["party_promote"], (Json{{"party_id", "p.n"}, {"presence", memberJson}}));
  socket.acceptPartyMember("p.n", member);
  EXPECT_EQ(next()["party_accept"], (Json{{"party_id", "p.n"}, {"presence", memberJson}}));
  socket.removePartyMember("p.n", member);
  EXPECT_EQ(next()["party_remove"], (Json{{"party_id", "p.n"}, {"presence", memberJson}}));
  socket.closeParty("p.n");
  EXPECT_EQ(next()["party_close"], (Json{{"party_id", "p.n"}}));
  socket.listPartyJoinRequests("p.n");
  EXPECT_EQ(next()["party_join_request_list"], (Json{{"party_id", "p.n"}}));
  socket.sendPartyData("42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk", 5, "pdata");
  auto partyData = next();
  EXPECT_TRUE(partyData.contains("cid"));  // acknowledged, unlike match data
  EXPECT_EQ(partyData["party_data_send"], Json::parse(frames::kPartyDataSendSent)["party_data_send"]);

  socket.rpc("ref_nope");
  EXPECT_EQ(next()["rpc"], (Json{{"id", "ref_nope"}}));

  // Every request with a reply carries a distinct string cid.
  std::set<std::string> cids;
  for (std::size_t i = 0; i < ws->sentCount(); ++i) {
    auto frame = ws->sentJson(i);
    if (frame.contains("cid")) {
      ASSERT_TRUE(frame["cid"].is_string());
      EXPECT_TRUE(cids.insert(frame["cid"].get<std::string>()).second);
    }
  }
}

TEST_F(RtSocketTest, TypedRepliesFromCapturedFrames) {
  auto ws = connect();
  auto match = socket.createMatch();
  ws->reply(0, frames::kMatchCreateReply);
  auto m = await(match);
  ASSERT_TRUE(m.ok()) << m.error();
  EXPECT_EQ(m->matchId, "c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  EXPECT_EQ(m->size, 1);
  EXPECT_FALSE(m->authoritative);
  EXPECT_EQ(m->self.username, "ref_a_607527174");
  EXPECT_TRUE(m->presences.empty());

  auto joined = socket.joinMatch("c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  ws->reply(1, frames::kMatchJoinReply);
  auto j = await(joined);
  ASSERT_TRUE(j.ok());
  ASSERT_EQ(j->presences.size(), 1u);
  EXPECT_EQ(j->presences[0].userId, "35107a95-6842-4d43-abf6-072083ccdbe5");
  EXPECT_EQ(j->self.sessionId, "24de94f0-e776-11f1-be0f-7106fdcb5b46");

  auto channel = socket.joinChat("ref_shared_room", ChannelType::kRoom, false);
  ws->reply(2, frames::kChannelJoinReplyWithPresences);
  auto c = await(channel);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->id, "2...ref_shared_room");
  EXPECT_EQ(c->roomName, "ref_shared_room");
  EXPECT_EQ(c->presences.size(), 1u);

  auto dm = socket.joinChat("a44aba12-f041-49fa-8479-083c27a49158", ChannelType::kDirectMessage);
  ws->reply(3, frames::kDmChannelJoinReply);
  auto d = await(dm);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->userIdOne, "80359edc-4621-41d2-a84d-77cfd2c68b4f");
  EXPECT_EQ(d->userIdTwo, "a44aba12-f041-49fa-8479-083c27a49158");
  EXPECT_TRUE(d->self.persistence);

  auto ack = socket.writeChatMessage("2...ref_shared_room", "{\"text\":\"hi from B\"}");
  ws->reply(4, frames::kChannelMessageAck);
  auto a = await(ack);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->messageId, "1b4f11a8-fd4b-4c24-892c-97a7adf90163");
  EXPECT_EQ(a->code, 0);
  EXPECT_EQ(formatTimestamp(a->createTime), "2026-11-23T19:43:25Z");
  EXPECT_FALSE(a->persistent);

  auto removed = socket.removeChatMessage("2...ref_room_776151621", "34a7e59a-d22a-4c43-b096-4ab013f5d5fe");
  ws->reply(5, frames::kChannelMessageRemoveAck);
  EXPECT_EQ(await(removed)->code, ChannelMessageCode::kRemove);

  auto status = socket.followUsers({"a44aba12-f041-49fa-8479-083c27a49158"});
  ws->reply(6, frames::kStatusFollowReply);
  auto s = await(status);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->presences.size(), 1u);
  EXPECT_EQ(s->presences[0].status, std::optional<std::string>("ref online"));

  auto party = socket.createParty(true, 4);
  ws->reply(7, frames::kPartyCreateReply);
  auto p = await(party);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->partyId, "42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk");
  EXPECT_TRUE(p->open);
  EXPECT_EQ(p->maxSize, 4);
  EXPECT_EQ(p->leader.userId, p->self.userId);
  EXPECT_EQ(p->presences.size(), 1u);

  auto requests = socket.listPartyJoinRequests("c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk");
  ws->reply(8, frames::kPartyJoinRequestReply);
  EXPECT_EQ(await(requests)->presences.size(), 1u);

  auto ticket = socket.addMatchmaker(MatchmakerQuery{});
  ws->reply(9, frames::kMatchmakerTicketReply);
  EXPECT_EQ(await(ticket)->ticket, "1c10f06d-cb60-4916-aaec-85176effe920");

  auto partyTicket = socket.addMatchmakerParty("cd1bebab-5e02-427a-be70-b466fbbb4b87.ref_nk", MatchmakerQuery{});
  ws->reply(10, frames::kPartyMatchmakerTicketReply);
  auto pt = await(partyTicket);
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(pt->ticket, "34760c50-1d14-4273-8044-1a78ae669347");
  EXPECT_EQ(pt->partyId, "cd1bebab-5e02-427a-be70-b466fbbb4b87.ref_nk");

  auto bad = socket.createParty(true, 300);
  ws->reply(11, frames::kPartyMaxSizeError);
  EXPECT_EQ(await(bad).error().realtimeCode, RealtimeCode::kBadInput);

  auto notFound = socket.rpc("ref_nope");
  ws->reply(12, frames::kRpcNotFoundError);
  EXPECT_EQ(await(notFound).error().realtimeCode, RealtimeCode::kRuntimeFunctionNotFound);

  auto content = socket.writeChatMessage("2...ref_room_776151621", "not json");
  ws->reply(13, frames::kBadContentError);
  EXPECT_EQ(await(content).error().message, "Message content must be a valid JSON object");

  auto removeTicket = socket.removeMatchmaker("00000000-0000-0000-0000-000000000000");
  ws->reply(14, frames::kMatchmakerTicketNotFoundError);
  EXPECT_EQ(await(removeTicket).error().realtimeCode, RealtimeCode::kBadInput);

  auto pong = socket.ping();
  ws->reply(15, frames::kPongReply);
  auto rtt = await(pong);
  ASSERT_TRUE(rtt.ok());
  EXPECT_GE(rtt->count(), 0);
}

TEST_F(RtSocketTest, ReconnectDelayGrowsExponentiallyUpToTheCap) {
  RtSocketOptions options;
  options.reconnectBaseDelay = 100ms;
  options.reconnectMaxDelay = 1000ms;
  EXPECT_EQ(internal::reconnectDelay(options, 1), 100ms);
  EXPECT_EQ(internal::reconnectDelay(options, 2), 200ms);
  EXPECT_EQ(internal::reconnectDelay(options, 4), 800ms);
  EXPECT_EQ(internal::reconnectDelay(options, 5), 1000ms);
  EXPECT_EQ(internal::reconnectDelay(options, 60), 1000ms);
}

TEST_F(RtSocketTest, ClientCreateSocketBuildsAnUnconnectedSocket) {
  Client client;
  RtSocketOptions options;
  options.lang = "fr";
  RtSocket rt = client.createSocket(options);
  EXPECT_TRUE(rt.valid());
  EXPECT_EQ(rt.options().lang, "fr");
  EXPECT_EQ(rt.state(), ConnectionState::kDisconnected);
  RtSocket plain = client.createSocket();
  EXPECT_EQ(plain.options().requestTimeout, 10000ms);
  EXPECT_FALSE(plain.options().appearOnline);
}

}  // namespace
}  // namespace nakama::test
