#pragma once

// Helpers for the realtime integration tests (rt_*_test.cpp): a connected user whose socket records
// every event into inboxes that tests wait on.
//
//   auto a = rt::connectPeer();
//   auto b = rt::connectPeer();
//   ASSERT_TRUE(a && b);
//   auto ch = a->socket.joinChat(room, ChannelType::kRoom).get();
//   auto msg = b->ev->messages.take([&](const ChannelMessage& m) { return m.channelId == ch->id; });

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "nakama/client.h"
#include "nakama/rt_socket.h"
#include "test_env.h"

namespace nakama::test::rt {

using namespace std::chrono_literals;

/// How long a test waits for an event the server should push promptly.
inline constexpr std::chrono::milliseconds kEventTimeout{10000};
/// How long "nothing arrives" is observed.
inline constexpr std::chrono::milliseconds kQuietPeriod{700};
/// The matchmaker of a real server runs every 15 s (a pair is usually matched in one or two intervals).
inline constexpr std::chrono::milliseconds kMatchmakerTimeout{50000};

/// A thread-safe queue of received events.
template <class T>
class Inbox {
 public:
  void push(T value) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(value));
    }
    cv_.notify_all();
  }

  /// Removes and returns the first item matching `pred`, waiting up to `timeout` for it.
  std::optional<T> take(const std::function<bool(const T&)>& pred, std::chrono::milliseconds timeout = kEventTimeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::optional<T> found;
    cv_.wait_for(lock, timeout, [&] {
      for (auto it = items_.begin(); it != items_.end(); ++it) {
        if (pred(*it)) {
          found = std::move(*it);
          items_.erase(it);
          return true;
        }
      }
      return false;
    });
    return found;
  }
  std::optional<T> take(std::chrono::milliseconds timeout = kEventTimeout) {
    return take([](const T&) { return true; }, timeout);
  }

  /// True when no item matching `pred` is (or arrives) within `period`.
  bool none(const std::function<bool(const T&)>& pred, std::chrono::milliseconds period = kQuietPeriod) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !cv_.wait_for(lock, period, [&] {
      for (const auto& item : items_) {
        if (pred(item)) return true;
      }
      return false;
    });
  }
  bool none(std::chrono::milliseconds period = kQuietPeriod) {
    return none([](const T&) { return true; }, period);
  }

  std::vector<T> snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::vector<T>(items_.begin(), items_.end());
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<T> items_;
};

/// Every event of one socket. Shared with the handlers so it outlives any handler still running.
struct Events {
  Inbox<int> connects;
  Inbox<DisconnectInfo> disconnects;
  Inbox<ConnectionState> states;
  Inbox<Error> errors;
  Inbox<std::string> matchLost;
  Inbox<ChannelMessage> messages;
  Inbox<ChannelPresenceEvent> channelPresence;
  Inbox<MatchData> matchData;
  Inbox<MatchPresenceEvent> matchPresence;
  Inbox<MatchmakerMatched> matched;
  Inbox<Notification> notifications;
  Inbox<StatusPresenceEvent> status;
  Inbox<StreamData> streamData;
  Inbox<StreamPresenceEvent> streamPresence;
  Inbox<Party> party;
  Inbox<PartyPresenceEvent> partyPresence;
  Inbox<PartyLeader> partyLeader;
  Inbox<PartyJoinRequest> partyJoinRequest;
  Inbox<PartyData> partyData;
  Inbox<PartyMatchmakerTicket> partyTicket;
  Inbox<PartyClose> partyClose;
};

/// A user with a realtime socket whose events are all recorded.
class Peer {
 public:
  Peer(TestUser user, const RtSocketOptions& options) : user(std::move(user)) {
    socket = this->user.client->createSocket(options);
    auto e = ev;
    subs.push_back(socket.onConnect([e] { e->connects.push(1); }));
    subs.push_back(socket.onDisconnect([e](const DisconnectInfo& d) { e->disconnects.push(d); }));
    subs.push_back(socket.onStateChange([e](ConnectionState s) { e->states.push(s); }));
    subs.push_back(socket.onError([e](const Error& x) { e->errors.push(x); }));
    subs.push_back(socket.onMatchLost([e](const std::string& id) { e->matchLost.push(id); }));
    subs.push_back(socket.onChannelMessage([e](const ChannelMessage& m) { e->messages.push(m); }));
    subs.push_back(socket.onChannelPresence([e](const ChannelPresenceEvent& m) { e->channelPresence.push(m); }));
    subs.push_back(socket.onMatchData([e](const MatchData& m) { e->matchData.push(m); }));
    subs.push_back(socket.onMatchPresence([e](const MatchPresenceEvent& m) { e->matchPresence.push(m); }));
    subs.push_back(socket.onMatchmakerMatched([e](const MatchmakerMatched& m) { e->matched.push(m); }));
    subs.push_back(socket.onNotification([e](const Notification& m) { e->notifications.push(m); }));
    subs.push_back(socket.onStatusPresence([e](const StatusPresenceEvent& m) { e->status.push(m); }));
    subs.push_back(socket.onStreamData([e](const StreamData& m) { e->streamData.push(m); }));
    subs.push_back(socket.onStreamPresence([e](const StreamPresenceEvent& m) { e->streamPresence.push(m); }));
    subs.push_back(socket.onParty([e](const Party& m) { e->party.push(m); }));
    subs.push_back(socket.onPartyPresence([e](const PartyPresenceEvent& m) { e->partyPresence.push(m); }));
    subs.push_back(socket.onPartyLeader([e](const PartyLeader& m) { e->partyLeader.push(m); }));
    subs.push_back(socket.onPartyJoinRequest([e](const PartyJoinRequest& m) { e->partyJoinRequest.push(m); }));
    subs.push_back(socket.onPartyData([e](const PartyData& m) { e->partyData.push(m); }));
    subs.push_back(socket.onPartyMatchmakerTicket([e](const PartyMatchmakerTicket& m) { e->partyTicket.push(m); }));
    subs.push_back(socket.onPartyClose([e](const PartyClose& m) { e->partyClose.push(m); }));
  }
  ~Peer() {
    socket.close();
    subs.clear();
  }
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;

  std::string id() const { return user.id(); }
  std::string username() const { return user.username(); }

  TestUser user;
  std::shared_ptr<Events> ev = std::make_shared<Events>();
  RtSocket socket;
  std::vector<Subscription> subs;
};

/// A new user connected to `options` (the shared test server or the external one by default). Adds a
/// test failure and returns nullptr when the user or the connection cannot be set up.
inline std::unique_ptr<Peer> connectPeer(RtSocketOptions socketOptions = {},
                                         ClientOptions clientOptions = TestEnv::instance().clientOptions()) {
  TestUser user = newUser(std::move(clientOptions));
  if (!user.session) return nullptr;
  auto peer = std::make_unique<Peer>(std::move(user), socketOptions);
  auto connected = peer->socket.connect().get();
  EXPECT_TRUE(connected.ok()) << connected.error();
  if (!connected.ok()) return nullptr;
  return peer;
}

/// A user without a connected socket (connect it yourself).
inline std::unique_ptr<Peer> makePeer(RtSocketOptions socketOptions = {},
                                      ClientOptions clientOptions = TestEnv::instance().clientOptions()) {
  TestUser user = newUser(std::move(clientOptions));
  if (!user.session) return nullptr;
  return std::make_unique<Peer>(std::move(user), socketOptions);
}

/// Waits until `pred` holds (polling), up to `timeout`.
inline bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = kEventTimeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return pred();
}

/// Every byte value once: binary payloads must round-trip unchanged.
inline std::string allBytes() {
  std::string data;
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  return data;
}

inline bool hasUser(const std::vector<UserPresence>& list, const std::string& userId) {
  for (const auto& p : list) {
    if (p.userId == userId) return true;
  }
  return false;
}

inline const UserPresence* findUser(const std::vector<UserPresence>& list, const std::string& userId) {
  for (const auto& p : list) {
    if (p.userId == userId) return &p;
  }
  return nullptr;
}

/// Expects a realtime error envelope with `code`.
template <class R>
void expectRtError(const R& result, RealtimeCode code) {
  ASSERT_FALSE(result.ok()) << "expected realtime error " << toString(code);
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError) << result.error();
  ASSERT_TRUE(result.error().realtimeCode.has_value()) << result.error();
  EXPECT_EQ(*result.error().realtimeCode, code) << result.error();
}

/// Expects an error envelope from the server, whatever its code (for errors whose code a real server
/// does not document).
template <class R>
void expectServerRefusal(const R& result, const std::string& message = {}) {
  ASSERT_FALSE(result.ok()) << "expected the server to refuse";
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError) << result.error();
  if (!message.empty()) {
    EXPECT_EQ(result.error().message, message);
  }
}

}  // namespace nakama::test::rt
