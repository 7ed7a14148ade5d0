// Connection life cycle: the server's WebSocket pings, the client's liveness probe, request timeouts,
// server-side closes, and reconnection (with channels, follows, status and party rejoined and lost
// matches reported).
//
// Against the in-process test server these tests take control of a server of their own (short ping
// intervals, a server that stops answering, closeAllSockets, outages). Against a real Nakama
// (NAKAMA_TEST_HOST) they provoke the same situations the ways a real server allows: waiting for its
// 15 s pings, a zero timeout, and a message over the 4096-byte limit, which the server answers by
// closing the connection (code 1009).

#include <gtest/gtest.h>

#include "core/server_api.h"
#include "rt_test_util.h"
#include "test_server.h"

namespace nakama {
namespace {

using namespace test::rt;
using test::TestEnv;

ClientOptions optionsFor(const testserver::TestServer& server) {
  ClientOptions options = TestEnv::instance().clientOptions();
  options.host = "127.0.0.1";
  options.port = server.port();
  options.ssl = false;
  return options;
}

bool externalServer() { return TestEnv::instance().external(); }

// Socket options that let a too-large frame through to the server (dropConnection on a real server).
RtSocketOptions unchecked(RtSocketOptions options = {}) {
  options.maxMessageSize = 0;
  return options;
}

// closeAllSockets() is only called once the server has answered a request on the socket: a socket
// still in its opening handshake makes closeAllSockets() erase from the map it iterates (a crash in
// the core, reported to the lead).

// Makes the server drop `peer`'s connection: an empty close frame from the in-process server, or a
// too-large message that a real server answers by closing with 1009 (the peer's socket must be created
// with maxMessageSize = 0, see unchecked()).
void dropConnection(Peer& peer) {
  if (auto* server = TestEnv::instance().server()) {
    EXPECT_TRUE(peer.socket.ping().get().ok());  // the server has registered the socket
    const std::string userId = peer.id();
    server->invoke([&](testserver::AreaContext& ctx) {
      std::vector<std::string> ids;
      for (const auto* s : ctx.realtime.sessionsOf(userId)) ids.push_back(s->sessionId);
      for (const auto& id : ids) ctx.realtime.close(id, 0);
    });
  } else {
    peer.socket.rpc("echo", std::string(5000, 'x'));
  }
}

// A server whose realtime `ping` handler never answers.
void silenceAppPings(testserver::TestServer& server) {
  server.invoke([](testserver::AreaContext& ctx) { ctx.realtime.on("ping", [](testserver::RealtimeCall&) {}); });
}

TEST(RtConnection, AnswersTheServersWebSocketPings) {
  RtSocketOptions options;
  options.pingInterval = 0ms;  // no application-level traffic at all: only the WebSocket PONGs keep us alive
  if (externalServer()) {
    // A real server pings every 15 s and drops a connection without PONG after 25 s.
    auto a = connectPeer(options);
    ASSERT_TRUE(a);
    std::this_thread::sleep_for(27s);
    EXPECT_TRUE(a->ev->disconnects.none(10ms));
    EXPECT_TRUE(a->socket.isConnected());
    EXPECT_TRUE(a->socket.ping().get().ok());
    return;
  }
  testserver::ServerConfig config;
  // Twenty pings, and more than twice the time the server gives each PONG (generous: sanitizer builds on a
  // loaded machine are slow to answer).
  config.pingInterval = 250ms;
  config.pongTimeout = 2000ms;
  testserver::TestServer server(config);
  server.start();
  auto a = connectPeer(options, optionsFor(server));
  ASSERT_TRUE(a);
  std::this_thread::sleep_for(5000ms);
  EXPECT_TRUE(a->ev->disconnects.none(10ms));
  EXPECT_TRUE(a->socket.isConnected());
  EXPECT_EQ(server.socketCount(), 1u);
  EXPECT_TRUE(a->socket.ping().get().ok());
}

TEST(RtConnection, ProbeDetectsADeadConnection) {
  RtSocketOptions options;
  options.pingInterval = 200ms;
  options.pongTimeout = 300ms;
  std::unique_ptr<testserver::TestServer> server;
  std::unique_ptr<Peer> a;
  if (externalServer()) {
    options.pongTimeout = 0ms;  // no pong can arrive in time
    a = connectPeer(options);
  } else {
    server = std::make_unique<testserver::TestServer>();
    server->start();
    a = connectPeer(options, optionsFor(*server));
    ASSERT_TRUE(a);
    silenceAppPings(*server);
  }
  ASSERT_TRUE(a);
  auto info = a->ev->disconnects.take(5s);
  ASSERT_TRUE(info) << "the probe did not notice the missing pong";
  EXPECT_EQ(info->code, 1006);
  EXPECT_FALSE(info->requested);
  EXPECT_FALSE(info->willReconnect);
  EXPECT_EQ(a->socket.state(), ConnectionState::kDisconnected);
}

TEST(RtConnection, RequestsTimeOut) {
  RtSocketOptions options;
  options.pingInterval = 0ms;
  options.requestTimeout = 300ms;
  std::unique_ptr<testserver::TestServer> server;
  std::unique_ptr<Peer> a;
  if (externalServer()) {
    options.requestTimeout = 0ms;  // the reply cannot beat an expired timer
    a = connectPeer(options);
  } else {
    server = std::make_unique<testserver::TestServer>();
    server->start();
    a = connectPeer(options, optionsFor(*server));
    ASSERT_TRUE(a);
    silenceAppPings(*server);
  }
  ASSERT_TRUE(a);
  const auto start = std::chrono::steady_clock::now();
  auto result = a->socket.ping().get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kTimeout) << result.error();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  // A timeout does not end the connection; a late reply is dropped quietly.
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(a->socket.isConnected());
  EXPECT_TRUE(a->ev->disconnects.none(10ms));
  EXPECT_TRUE(a->ev->errors.none(10ms));
}

TEST(RtConnection, ServerSideCloseIsReported) {
  if (externalServer()) {
    auto a = connectPeer(unchecked());
    ASSERT_TRUE(a);
    auto match = a->socket.createMatch().get();
    ASSERT_TRUE(match.ok()) << match.error();
    dropConnection(*a);
    auto info = a->ev->disconnects.take();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->code, 1009);
    EXPECT_FALSE(info->requested);
    EXPECT_EQ(a->socket.state(), ConnectionState::kDisconnected);
    // Without reconnection the match is reported lost right away.
    auto lost = a->ev->matchLost.take();
    ASSERT_TRUE(lost);
    EXPECT_EQ(*lost, match->matchId);
    return;
  }
  testserver::TestServer server;
  server.start();
  auto a = connectPeer({}, optionsFor(server));
  ASSERT_TRUE(a);
  auto match = a->socket.createMatch().get();
  ASSERT_TRUE(match.ok()) << match.error();
  // An empty close frame, like the ones Nakama sends when it drops a session.
  server.closeAllSockets(0);
  auto info = a->ev->disconnects.take();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->code, 1005);
  EXPECT_FALSE(info->requested);
  EXPECT_FALSE(info->willReconnect);
  // Without reconnection the match is reported lost right away.
  auto lost = a->ev->matchLost.take();
  ASSERT_TRUE(lost);
  EXPECT_EQ(*lost, match->matchId);
  EXPECT_TRUE(eventually([&] { return a->socket.state() == ConnectionState::kDisconnected; }));
  auto after = a->socket.ping().get();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().kind, ErrorKind::kDisconnected);

  // With a code and reason.
  ASSERT_TRUE(a->socket.connect().get().ok());
  ASSERT_TRUE(a->socket.ping().get().ok());
  server.closeAllSockets(4000, "maintenance");
  info = a->ev->disconnects.take();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->code, 4000);
  EXPECT_EQ(info->reason, "maintenance");
}

TEST(RtConnection, ReconnectsAfterServerCloseAndOutage) {
  RtSocketOptions options;
  options.reconnect = true;
  options.reconnectBaseDelay = 50ms;
  options.reconnectMaxDelay = 200ms;
  options.reconnectJitter = false;
  options.reconnectMaxAttempts = 0;  // never give up
  if (externalServer()) {
    auto a = connectPeer(unchecked(options));
    ASSERT_TRUE(a);
    ASSERT_TRUE(a->ev->connects.take());
    dropConnection(*a);
    auto info = a->ev->disconnects.take();
    ASSERT_TRUE(info);
    EXPECT_TRUE(info->willReconnect);
    EXPECT_TRUE(a->ev->states.take([](ConnectionState s) { return s == ConnectionState::kReconnecting; }));
    ASSERT_TRUE(a->ev->connects.take());
    EXPECT_TRUE(a->socket.isConnected());
    EXPECT_TRUE(a->socket.ping().get().ok());
    return;
  }
  testserver::TestServer server;
  server.start();
  auto a = connectPeer(options, optionsFor(server));
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->ev->connects.take());
  ASSERT_TRUE(a->socket.ping().get().ok());

  server.closeAllSockets(1001);
  auto info = a->ev->disconnects.take();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->code, 1001);
  EXPECT_TRUE(info->willReconnect);
  EXPECT_TRUE(a->ev->states.take([](ConnectionState s) { return s == ConnectionState::kReconnecting; }));
  ASSERT_TRUE(a->ev->connects.take());
  EXPECT_TRUE(a->socket.ping().get().ok());
  EXPECT_EQ(server.socketCount(), 1u);

  // An outage: upgrades are refused (503) for a while; the socket keeps trying and gets back.
  server.setAcceptingSockets(false);
  server.closeAllSockets(0);
  ASSERT_TRUE(a->ev->disconnects.take());
  std::this_thread::sleep_for(800ms);
  EXPECT_EQ(a->socket.state(), ConnectionState::kReconnecting);
  EXPECT_TRUE(a->ev->connects.none(10ms));
  server.setAcceptingSockets(true);
  ASSERT_TRUE(a->ev->connects.take());
  EXPECT_TRUE(a->socket.ping().get().ok());
}

TEST(RtConnection, ReconnectionGivesUpWhenTheSessionIsRevoked) {
  RtSocketOptions options;
  options.reconnect = true;
  options.reconnectBaseDelay = 50ms;
  options.reconnectJitter = false;
  auto a = connectPeer(unchecked(options));
  ASSERT_TRUE(a);
  // Log the session out from another client: its token and refresh token stop working on the server.
  Client other(TestEnv::instance().clientOptions());
  other.setSession(*a->user.client->session());
  ASSERT_TRUE(other.logout().get().ok());

  dropConnection(*a);
  ASSERT_TRUE(a->ev->disconnects.take());
  auto error = a->ev->errors.take([](const Error& e) { return e.kind == ErrorKind::kSessionExpired; }, 15s);
  ASSERT_TRUE(error) << "reconnection did not give up with kSessionExpired";
  EXPECT_TRUE(eventually([&] { return a->socket.state() == ConnectionState::kDisconnected; }));
}

TEST(RtConnection, ReconnectionRejoinsChannelsFollowsStatusAndPartyAndReportsLostMatches) {
  RtSocketOptions options;
  options.reconnect = true;
  options.reconnectBaseDelay = 100ms;
  options.reconnectJitter = false;
  auto a = connectPeer(unchecked(options));
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string room = test::uniqueId("rejoin-");

  // a: in a room with b, following b, online with a status, in b's party and in b's match.
  auto ca = a->socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  ASSERT_TRUE(b->socket.joinChat(room, ChannelType::kRoom, true).get().ok());
  ASSERT_TRUE(a->socket.followUsers({b->id()}).get().ok());
  ASSERT_TRUE(b->socket.followUsers({a->id()}).get().ok());
  ASSERT_TRUE(a->socket.updateStatus("here").get().ok());
  ASSERT_TRUE(b->ev->status.take([&](const StatusPresenceEvent& e) {
    const UserPresence* p = findUser(e.joins, a->id());
    return p && p->status == std::optional<std::string>("here");
  }));
  auto party = b->socket.createParty(true, 4).get();
  ASSERT_TRUE(party.ok()) << party.error();
  ASSERT_TRUE(a->socket.joinParty(party->partyId).get().ok());
  ASSERT_TRUE(a->ev->party.take());
  ASSERT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return hasUser(e.joins, a->id()); }));
  auto match = b->socket.createMatch().get();
  ASSERT_TRUE(match.ok()) << match.error();
  ASSERT_TRUE(a->socket.joinMatch(match->matchId).get().ok());
  ASSERT_TRUE(b->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return hasUser(e.joins, a->id()); }));
  // A room and a match a has left again: neither rejoined nor reported.
  const std::string oldRoom = test::uniqueId("left-");
  auto left = a->socket.joinChat(oldRoom, ChannelType::kRoom).get();
  ASSERT_TRUE(left.ok()) << left.error();
  ASSERT_TRUE(b->socket.joinChat(oldRoom, ChannelType::kRoom).get().ok());
  ASSERT_TRUE(a->socket.leaveChat(left->id).get().ok());
  auto leftMatch = a->socket.createMatch().get();
  ASSERT_TRUE(leftMatch.ok()) << leftMatch.error();
  ASSERT_TRUE(a->socket.leaveMatch(leftMatch->matchId).get().ok());
  ASSERT_TRUE(b->ev->channelPresence.take(
      [&](const ChannelPresenceEvent& e) { return e.channelId == left->id && hasUser(e.leaves, a->id()); }));
  b->ev->channelPresence.clear();
  b->ev->status.clear();
  b->ev->partyPresence.clear();
  a->ev->connects.clear();

  dropConnection(*a);
  auto info = a->ev->disconnects.take();
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->willReconnect);
  EXPECT_FALSE(info->requested);

  // b sees a go...
  ASSERT_TRUE(b->ev->channelPresence.take(
      [&](const ChannelPresenceEvent& e) { return e.channelId == ca->id && hasUser(e.leaves, a->id()); }));
  ASSERT_TRUE(b->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return hasUser(e.leaves, a->id()); }));
  ASSERT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return hasUser(e.leaves, a->id()); }));

  // ...and come back: reconnected, the match reported lost, everything else rejoined.
  ASSERT_TRUE(a->ev->connects.take(15s)) << "no reconnection";
  auto lost = a->ev->matchLost.take();
  ASSERT_TRUE(lost);
  EXPECT_EQ(*lost, match->matchId);
  auto rejoined = b->ev->channelPresence.take(
      [&](const ChannelPresenceEvent& e) { return e.channelId == ca->id && hasUser(e.joins, a->id()); });
  ASSERT_TRUE(rejoined) << "channel not rejoined";
  EXPECT_NE(findUser(rejoined->joins, a->id())->sessionId, ca->self.sessionId);
  EXPECT_TRUE(b->ev->status.take([&](const StatusPresenceEvent& e) {
    const UserPresence* p = findUser(e.joins, a->id());
    return p && p->status == std::optional<std::string>("here");
  })) << "status not restored";
  EXPECT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return hasUser(e.joins, a->id()); }))
      << "party not rejoined";
  auto partyAgain = a->ev->party.take();
  ASSERT_TRUE(partyAgain);
  EXPECT_EQ(partyAgain->partyId, party->partyId);

  // The restored memberships work: chat reaches a, b's status changes reach a.
  auto ack = b->socket.writeChatMessage(ca->id, R"({"text":"welcome back"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_TRUE(a->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == ack->messageId; }));
  ASSERT_TRUE(b->socket.updateStatus("still here").get().ok());
  EXPECT_TRUE(a->ev->status.take([&](const StatusPresenceEvent& e) {
    const UserPresence* p = findUser(e.joins, b->id());
    return p && p->status == std::optional<std::string>("still here");
  })) << "follow not restored";
  EXPECT_TRUE(a->ev->matchLost.none(10ms)) << "a match that was left is reported lost";
  EXPECT_TRUE(b->ev->channelPresence.none(
      [&](const ChannelPresenceEvent& e) { return e.channelId == left->id && hasUser(e.joins, a->id()); }, 10ms))
      << "a channel that was left is rejoined";
  EXPECT_TRUE(a->ev->errors.none(10ms)) << a->ev->errors.snapshot().front();
}

}  // namespace
}  // namespace nakama
