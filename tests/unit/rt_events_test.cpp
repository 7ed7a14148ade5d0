// Server pushes decoded from the captured frames (docs/PROTOCOL.md §13.2), binary data, bad frames, and
// handler subscriptions.

#include <atomic>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/codec.h"
#include "rt_captured_frames.h"
#include "rt_fake_ws.h"

namespace nakama::test {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

class RtEventsTest : public RtSocketFixture {
 protected:
  void SetUp() override {
    RtSocketFixture::SetUp();
    ws = connect();
    ASSERT_TRUE(ws);
    poll();  // connection events
  }

  /// Feeds a frame and runs the handlers it triggers.
  void push(const std::string& frame) {
    ws->receive(frame);
    poll();
  }

  std::shared_ptr<FakeWs> ws;
};

TEST_F(RtEventsTest, StatusPresence) {
  Recorder<StatusPresenceEvent> events;
  auto sub = socket.onStatusPresence(events.handler());
  push(frames::kStatusPresenceJoin);
  push(frames::kStatusPresenceChange);
  push(frames::kStatusPresenceLeave);
  auto v = events.values();
  ASSERT_EQ(v.size(), 3u);
  ASSERT_EQ(v[0].joins.size(), 1u);
  EXPECT_EQ(v[0].joins[0].userId, "35107a95-6842-4d43-abf6-072083ccdbe5");
  EXPECT_EQ(v[0].joins[0].sessionId, "24de7f69-e776-11f1-be0f-7106fdcb5b46");
  EXPECT_EQ(v[0].joins[0].username, "ref_a_607527174");
  EXPECT_EQ(v[0].joins[0].status, std::optional<std::string>(""));  // online without status: set, empty
  EXPECT_TRUE(v[0].leaves.empty());
  EXPECT_EQ(v[1].joins[0].status, std::optional<std::string>("ref here"));
  EXPECT_EQ(v[1].leaves[0].status, std::optional<std::string>(""));
  EXPECT_TRUE(v[2].joins.empty());
  EXPECT_EQ(v[2].leaves[0].status, std::optional<std::string>("ref busy"));
}

TEST_F(RtEventsTest, MatchPresenceAndData) {
  Recorder<MatchPresenceEvent> presence;
  Recorder<MatchData> data;
  auto s1 = socket.onMatchPresence(presence.handler());
  auto s2 = socket.onMatchData(data.handler());
  push(frames::kMatchPresenceJoinSelf);
  push(frames::kMatchPresenceLeave);
  push(frames::kMatchData);
  push(frames::kMatchDataFiltered);
  auto p = presence.values();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].matchId, "c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  EXPECT_EQ(p[0].joins.size(), 1u);
  EXPECT_EQ(p[1].leaves[0].username, "ref_b_776151621");
  auto d = data.values();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].matchId, "c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  ASSERT_TRUE(d[0].presence);
  EXPECT_EQ(d[0].presence->username, "ref_a_607527174");
  EXPECT_EQ(d[0].opCode, 7);
  EXPECT_EQ(d[0].data, "{\"move\":1}");
  EXPECT_TRUE(d[0].reliable);
  EXPECT_EQ(d[1].opCode, 3);
  EXPECT_EQ(d[1].data, "hi");
  EXPECT_FALSE(d[1].reliable);
}

TEST_F(RtEventsTest, MatchDataExtremesAndAuthoritativeSender) {
  Recorder<MatchData> data;
  auto sub = socket.onMatchData(data.handler());
  push(R"({"match_data":{"match_id":"m.", "op_code":"9223372036854775807", "data":"AP+/"}})");
  push(R"({"match_data":{"match_id":"m.", "op_code":"-1", "data":"aGVsbG8="}})");
  push(R"({"match_data":{"match_id":"m.node", "op_code":"2"}})");  // no sender, no data
  auto d = data.values();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].opCode, INT64_MAX);
  EXPECT_EQ(d[0].data, std::string("\x00\xff\xbf", 3));
  EXPECT_EQ(d[1].opCode, -1);
  EXPECT_EQ(d[1].data, "hello");
  EXPECT_FALSE(d[2].presence);
  EXPECT_TRUE(d[2].data.empty());
}

TEST_F(RtEventsTest, Base64RoundTripOfAllByteValues) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  const std::string standard = internal::base64Encode(bytes);

  socket.sendMatchData("m.", 1, bytes);
  auto sent = ws->sentJson(0)["match_data_send"]["data"].get<std::string>();
  EXPECT_EQ(sent, standard);
  EXPECT_EQ(sent.find_first_of("-_"), std::string::npos);  // standard alphabet out
  EXPECT_EQ(sent.size() % 4, 0u);                          // padded

  std::string urlSafe = standard;
  for (char& c : urlSafe) c = c == '+' ? '-' : c == '/' ? '_' : c;
  std::string unpadded = urlSafe;
  while (!unpadded.empty() && unpadded.back() == '=') unpadded.pop_back();

  Recorder<MatchData> data;
  Recorder<PartyData> party;
  auto s1 = socket.onMatchData(data.handler());
  auto s2 = socket.onPartyData(party.handler());
  for (const auto& encoded : {standard, urlSafe, unpadded}) {
    push(Json{{"match_data", {{"match_id", "m."}, {"op_code", "1"}, {"data", encoded}}}}.dump());
    push(Json{{"party_data", {{"party_id", "p.n"}, {"op_code", "1"}, {"data", encoded}}}}.dump());
  }
  ASSERT_EQ(data.size(), 3u);
  ASSERT_EQ(party.size(), 3u);
  for (const auto& d : data.values()) EXPECT_EQ(d.data, bytes);
  for (const auto& p : party.values()) EXPECT_EQ(p.data, bytes);

  // Every length modulo 3, one byte at a time.
  for (int n = 0; n < 256; ++n) {
    auto decoded = internal::base64Decode(internal::base64Encode(bytes.substr(0, n)));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes.substr(0, n));
  }
}

TEST_F(RtEventsTest, ChannelMessagesAndPresence) {
  Recorder<ChannelMessage> messages;
  Recorder<ChannelPresenceEvent> presence;
  auto s1 = socket.onChannelMessage(messages.handler());
  auto s2 = socket.onChannelPresence(presence.handler());
  push(frames::kChannelMessage);
  push(frames::kChannelMessageUpdated);
  push(frames::kChannelMessageRemoved);
  push(frames::kChannelPresenceJoin);
  push(frames::kChannelPresenceLeave);
  push(frames::kDmChannelPresence);
  auto m = messages.values();
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].channelId, "2...ref_shared_room");
  EXPECT_EQ(m[0].messageId, "1b4f11a8-fd4b-4c24-892c-97a7adf90163");
  EXPECT_EQ(m[0].code, ChannelMessageCode::kChat);
  EXPECT_EQ(m[0].senderId, "7e34773d-dd51-4b1a-8198-b26fa5d6cc87");
  EXPECT_EQ(m[0].username, "ref_b_607527174");
  EXPECT_EQ(m[0].content, "{\"text\":\"hi from B\"}");
  EXPECT_EQ(formatTimestamp(m[0].createTime), "2026-11-23T19:43:25Z");
  EXPECT_FALSE(m[0].persistent);
  EXPECT_EQ(m[0].roomName, "ref_shared_room");
  EXPECT_EQ(m[1].code, ChannelMessageCode::kUpdate);
  EXPECT_TRUE(m[1].persistent);
  EXPECT_EQ(m[2].code, ChannelMessageCode::kRemove);
  EXPECT_EQ(m[2].content, "{}");
  EXPECT_EQ(formatTimestamp(m[2].updateTime), "2026-11-23T19:40:58Z");
  auto p = presence.values();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].roomName, "ref_shared_room");
  EXPECT_EQ(p[0].joins.size(), 1u);
  EXPECT_TRUE(p[1].leaves[0].persistence);
  EXPECT_EQ(p[2].channelId, "4.80359edc-4621-41d2-a84d-77cfd2c68b4f.a44aba12-f041-49fa-8479-083c27a49158.");
  EXPECT_EQ(p[2].userIdOne, "80359edc-4621-41d2-a84d-77cfd2c68b4f");
  EXPECT_EQ(p[2].userIdTwo, "a44aba12-f041-49fa-8479-083c27a49158");
}

TEST_F(RtEventsTest, NotificationsArriveOneByOne) {
  Recorder<Notification> notifications;
  auto sub = socket.onNotification(notifications.handler());
  push(frames::kDmNotification);
  push(frames::kRuntimeNotification);
  push(R"({"notifications":{"notifications":[{"id":"a","code":1},{"id":"b","code":2}]}})");
  auto n = notifications.values();
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n[0].id, "1855031a-8f45-4cd2-80e3-4881e74b34b4");
  EXPECT_EQ(n[0].subject, "ref_b_776151621 wants to chat");
  EXPECT_EQ(n[0].content, "{\"username\":\"ref_b_776151621\"}");
  EXPECT_EQ(n[0].code, NotificationCode::kDmRequest);
  EXPECT_EQ(n[0].senderId, "80359edc-4621-41d2-a84d-77cfd2c68b4f");
  EXPECT_EQ(formatTimestamp(n[0].createTime), "2026-11-23T19:40:59Z");
  EXPECT_TRUE(n[0].persistent);
  EXPECT_EQ(n[1].code, 101);
  EXPECT_EQ(n[1].senderId, "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(n[2].id, "a");
  EXPECT_EQ(n[3].id, "b");
}

TEST_F(RtEventsTest, Streams) {
  Recorder<StreamPresenceEvent> presence;
  Recorder<StreamData> data;
  auto s1 = socket.onStreamPresence(presence.handler());
  auto s2 = socket.onStreamData(data.handler());
  push(frames::kStreamPresence);
  push(frames::kStreamData);
  ASSERT_EQ(presence.size(), 1u);
  auto p = presence.values()[0];
  EXPECT_EQ(p.stream.mode, 123);
  EXPECT_EQ(p.stream.subject, "a44aba12-f041-49fa-8479-083c27a49158");
  EXPECT_EQ(p.stream.label, "ref");
  EXPECT_TRUE(p.stream.subcontext.empty());
  EXPECT_EQ(p.joins.size(), 1u);
  ASSERT_EQ(data.size(), 1u);
  auto d = data.values()[0];
  EXPECT_EQ(d.stream.mode, 123);
  EXPECT_EQ(d.data, "{\"x\":1}");  // text, not base64
  EXPECT_TRUE(d.reliable);
  EXPECT_FALSE(d.sender);
}

TEST_F(RtEventsTest, MatchmakerMatched) {
  Recorder<MatchmakerMatched> matched;
  auto sub = socket.onMatchmakerMatched(matched.handler());
  push(frames::kMatchmakerMatched);
  ASSERT_EQ(matched.size(), 1u);
  auto m = matched.values()[0];
  EXPECT_EQ(m.ticket, "1c10f06d-cb60-4916-aaec-85176effe920");
  EXPECT_THAT(m.token, ::testing::StartsWith("eyJhbGciO"));
  EXPECT_TRUE(m.matchId.empty());
  ASSERT_EQ(m.users.size(), 2u);
  EXPECT_EQ(m.users[0].presence.username, "ref_b_776151621");
  EXPECT_EQ(m.users[0].stringProperties, (StringMap{{"region", "ref"}}));
  EXPECT_EQ(m.users[0].numericProperties.at("skill"), 11.0);
  EXPECT_EQ(m.self.presence.userId, "a44aba12-f041-49fa-8479-083c27a49158");
  EXPECT_EQ(m.self.numericProperties.at("skill"), 10.5);
}

TEST_F(RtEventsTest, PartyEvents) {
  Recorder<Party> party;
  Recorder<PartyPresenceEvent> presence;
  Recorder<PartyLeader> leader;
  Recorder<PartyJoinRequest> requests;
  Recorder<PartyData> data;
  Recorder<PartyMatchmakerTicket> tickets;
  Recorder<PartyClose> closes;
  auto s1 = socket.onParty(party.handler());
  auto s2 = socket.onPartyPresence(presence.handler());
  auto s3 = socket.onPartyLeader(leader.handler());
  auto s4 = socket.onPartyJoinRequest(requests.handler());
  auto s5 = socket.onPartyData(data.handler());
  auto s6 = socket.onPartyMatchmakerTicket(tickets.handler());
  auto s7 = socket.onPartyClose(closes.handler());
  push(frames::kPartyPushed);
  push(frames::kPartyPresenceJoin);
  push(frames::kPartyLeader);
  push(frames::kPartyJoinRequestPush);
  push(frames::kPartyData);
  push(frames::kEmptyEnvelope);  // party_data_send without cid: ignored
  push(frames::kPartyMatchmakerTicketPush);
  push(frames::kPartyClose);

  ASSERT_EQ(party.size(), 1u);
  auto p = party.values()[0];
  EXPECT_EQ(p.partyId, "42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk");
  EXPECT_TRUE(p.open);
  EXPECT_EQ(p.maxSize, 4);
  EXPECT_EQ(p.self.username, "ref_b_776151621");
  EXPECT_EQ(p.leader.username, "ref_a_776151621");
  EXPECT_EQ(p.presences.size(), 2u);
  ASSERT_EQ(presence.size(), 1u);
  EXPECT_EQ(presence.values()[0].joins[0].userId, "a44aba12-f041-49fa-8479-083c27a49158");
  ASSERT_EQ(leader.size(), 1u);
  EXPECT_EQ(leader.values()[0].presence.sessionId, "fb84285d-e775-11f1-823c-fd476a6ef1b3");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests.values()[0].presences[0].username, "ref_b_776151621");
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data.values()[0].opCode, 5);
  EXPECT_EQ(data.values()[0].data, "pdata");
  ASSERT_TRUE(data.values()[0].presence);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets.values()[0].ticket, "34760c50-1d14-4273-8044-1a78ae669347");
  ASSERT_EQ(closes.size(), 1u);
  EXPECT_EQ(closes.values()[0].partyId, "c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk");
}

TEST_F(RtEventsTest, ErrorWithoutCidGoesToOnError) {
  Recorder<Error> errors;
  auto sub = socket.onError(errors.handler());
  socket.sendMatchData("not-a-match", 1, "");
  push(frames::kMatchDataSendError);
  ASSERT_EQ(errors.size(), 1u);
  auto e = errors.values()[0];
  EXPECT_EQ(e.kind, ErrorKind::kServerError);
  EXPECT_EQ(e.realtimeCode, RealtimeCode::kBadInput);
  EXPECT_EQ(e.message, "Invalid match ID");
}

TEST_F(RtEventsTest, ReplyVariantsWithoutCidAndBareEnvelopesAreIgnored) {
  Recorder<Error> errors;
  auto sub = socket.onError(errors.handler());
  push(R"({"pong":{}})");
  push("{}");
  push(R"({"rpc":{"id":"x"}})");
  EXPECT_EQ(errors.size(), 0u);
}

TEST_F(RtEventsTest, BadFramesAreReportedAndTheSocketKeepsWorking) {
  Recorder<Error> errors;
  Recorder<MatchData> data;
  auto s1 = socket.onError(errors.handler());
  auto s2 = socket.onMatchData(data.handler());
  push("not json at all");
  push("[1,2,3]");
  push(R"({"cid":5, "pong":{}})");                                           // cid must be a string
  push(R"({"foo_bar":{}})");                                                 // unknown message
  push(R"({"match_data":{"match_id":"m.", "op_code":"seven"}})");            // wrong type
  push(R"({"match_data":{"match_id":"m.", "op_code":"1", "data":"***"}})");  // not base64
  push(R"({"match_presence_event":{"match_id":"m.", "joins":{}}})");         // object instead of list
  push(R"({"ping":{}, "pong":{}})");                                         // two messages
  push(R"({"notifications":[]})");                                           // wrong shape
  ASSERT_EQ(errors.size(), 9u);
  for (const auto& error : errors.values()) EXPECT_EQ(error.kind, ErrorKind::kBadResponse) << error;
  EXPECT_THAT(errors.values()[3].message, HasSubstr("foo_bar"));
  EXPECT_THAT(errors.values()[4].message, HasSubstr("op_code"));
  EXPECT_EQ(data.size(), 0u);
  EXPECT_TRUE(socket.isConnected());

  // Unknown fields inside a known message are tolerated (forward compatibility).
  push(R"({"match_data":{"match_id":"m.", "op_code":"1", "new_field":{"a":1}}})");
  EXPECT_EQ(data.size(), 1u);

  auto rpc = socket.rpc("ref_echo");
  ws->reply(0, frames::kRpcEchoReply);
  EXPECT_TRUE(await(rpc).ok());
}

TEST_F(RtEventsTest, BadRepliesFailTheirRequestInsteadOfLosingIt) {
  Recorder<Error> errors;
  auto sub = socket.onError(errors.handler());
  auto a = socket.createMatch();
  auto b = socket.rpc("x");
  auto c = socket.createParty(true, 2);
  ws->receive(FakeWs::withCid(R"({"cid":"1", "match":{"match_id":"m.", "size":"big"}})", ws->cid(0)));
  ws->receive("{\"cid\":\"" + ws->cid(1) + "\", \"rpc\": {broken");
  ws->receive(FakeWs::withCid(R"({"cid":"1", "error":{"code":"three"}})", ws->cid(2)));
  auto ra = await(a);
  auto rb = await(b);
  auto rc = await(c);
  EXPECT_EQ(ra.error().kind, ErrorKind::kBadResponse);
  EXPECT_THAT(ra.error().message, HasSubstr("size"));
  EXPECT_EQ(rb.error().kind, ErrorKind::kBadResponse);
  EXPECT_EQ(rc.error().kind, ErrorKind::kBadResponse);
  poll();
  EXPECT_EQ(errors.size(), 0u);  // reported through the requests, not twice
}

// ---- Subscriptions ------------------------------------------------------------------------------

TEST_F(RtEventsTest, SeveralHandlersPerEventInRegistrationOrder) {
  std::vector<int> calls;
  auto a = socket.onPartyClose([&](const PartyClose&) { calls.push_back(1); });
  auto b = socket.onPartyClose([&](const PartyClose&) { calls.push_back(2); });
  push(frames::kPartyClose);
  EXPECT_EQ(calls, (std::vector<int>{1, 2}));
}

TEST_F(RtEventsTest, SubscriptionIsRaiiAndMovable) {
  std::atomic<int> calls{0};
  {
    auto sub = socket.onPartyClose([&](const PartyClose&) { ++calls; });
    push(frames::kPartyClose);
    EXPECT_EQ(calls, 1);
    Subscription moved = std::move(sub);
    EXPECT_FALSE(sub.active());  // NOLINT(bugprone-use-after-move): moved-from is inactive
    EXPECT_TRUE(moved.active());
    push(frames::kPartyClose);
    EXPECT_EQ(calls, 2);
  }
  push(frames::kPartyClose);
  EXPECT_EQ(calls, 2);  // destroyed: removed

  auto kept = socket.onPartyClose([&](const PartyClose&) { ++calls; });
  kept.detach();
  EXPECT_FALSE(kept.active());
  push(frames::kPartyClose);
  EXPECT_EQ(calls, 3);  // detached: still registered
}

TEST_F(RtEventsTest, UnsubscribingInsideHandlers) {
  int selfCalls = 0, otherCalls = 0, laterCalls = 0;
  Subscription self, other, later;
  self = socket.onPartyClose([&](const PartyClose&) {
    ++selfCalls;
    self.unsubscribe();   // itself, while running
    other.unsubscribe();  // a handler that has not run yet in this dispatch
  });
  other = socket.onPartyClose([&](const PartyClose&) { ++otherCalls; });
  later = socket.onPartyClose([&](const PartyClose&) {
    ++laterCalls;
    later = Subscription();  // dropping its own handle (destroys the handler's owner) from inside
  });
  push(frames::kPartyClose);
  push(frames::kPartyClose);
  EXPECT_EQ(selfCalls, 1);
  EXPECT_EQ(otherCalls, 0);
  EXPECT_EQ(laterCalls, 1);
}

TEST_F(RtEventsTest, SubscribingInsideAHandlerTakesEffectForTheNextEvent) {
  int inner = 0;
  Subscription added;
  auto outer = socket.onPartyClose([&](const PartyClose&) {
    if (!added.active()) added = socket.onPartyClose([&](const PartyClose&) { ++inner; });
  });
  push(frames::kPartyClose);
  EXPECT_EQ(inner, 0);
  push(frames::kPartyClose);
  EXPECT_EQ(inner, 1);
}

TEST_F(RtEventsTest, AThrowingHandlerDoesNotStopTheOthers) {
  int second = 0;
  auto a = socket.onPartyClose([](const PartyClose&) { throw std::runtime_error("boom"); });
  auto b = socket.onPartyClose([&](const PartyClose&) { ++second; });
  ws->receive(frames::kPartyClose);
  EXPECT_THROW(poll(), std::runtime_error);  // kPolled: exceptions come out of poll()
  EXPECT_EQ(second, 1);
}

TEST_F(RtEventsTest, EventsAreDeliveredInFrameOrder) {
  std::vector<std::string> order;
  auto a = socket.onMatchPresence([&](const MatchPresenceEvent&) { order.push_back("presence"); });
  auto b = socket.onMatchData([&](const MatchData& d) { order.push_back("data" + std::to_string(d.opCode)); });
  auto match = socket.createMatch();
  match.then([&](const Result<Match>&) { order.push_back("reply"); });
  ws->receive(frames::kMatchPresenceJoinSelf);
  ws->reply(0, frames::kMatchCreateReply);
  ws->receive(frames::kMatchData);
  ASSERT_TRUE(eventually([&] { return order.size() == 3; }));
  EXPECT_EQ(order, (std::vector<std::string>{"presence", "reply", "data7"}));
}

}  // namespace
}  // namespace nakama::test
