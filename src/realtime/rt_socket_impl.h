#pragma once

// The engine behind nakama::RtSocket: connection state machine, request/reply correlation by cid,
// timeouts, liveness probe, reconnection with rejoin, and event dispatch.
//
// Threading: public entry points may be called from any thread; transport callbacks and timers arrive
// on the I/O thread (or, with a fake transport, on the test's thread). One mutex guards the state; it
// is never held while calling the transport, completing a promise, or posting to the executor.
// `generation_` identifies the current connection attempt/connection: callbacks and timers carry the
// generation they belong to and are ignored once it has moved on.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/runtime.h"
#include "nakama/future.h"
#include "nakama/rt_socket.h"
#include "realtime/event_hub.h"
#include "realtime/ws_transport.h"

namespace nakama::internal {

class ClientCore;

struct RtEvents {
  template <class... A>
  using Hub = std::shared_ptr<EventHub<A...>>;
  template <class... A>
  static Hub<A...> make() {
    return std::make_shared<EventHub<A...>>();
  }

  Hub<> connect = make<>();
  Hub<DisconnectInfo> disconnect = make<DisconnectInfo>();
  Hub<ConnectionState> stateChange = make<ConnectionState>();
  Hub<Error> error = make<Error>();
  Hub<std::string> matchLost = make<std::string>();
  Hub<ChannelMessage> channelMessage = make<ChannelMessage>();
  Hub<ChannelPresenceEvent> channelPresence = make<ChannelPresenceEvent>();
  Hub<MatchData> matchData = make<MatchData>();
  Hub<MatchPresenceEvent> matchPresence = make<MatchPresenceEvent>();
  Hub<MatchmakerMatched> matchmakerMatched = make<MatchmakerMatched>();
  Hub<Notification> notification = make<Notification>();
  Hub<StatusPresenceEvent> statusPresence = make<StatusPresenceEvent>();
  Hub<StreamData> streamData = make<StreamData>();
  Hub<StreamPresenceEvent> streamPresence = make<StreamPresenceEvent>();
  Hub<Party> party = make<Party>();
  Hub<PartyPresenceEvent> partyPresence = make<PartyPresenceEvent>();
  Hub<PartyLeader> partyLeader = make<PartyLeader>();
  Hub<PartyJoinRequest> partyJoinRequest = make<PartyJoinRequest>();
  Hub<PartyData> partyData = make<PartyData>();
  Hub<PartyMatchmakerTicket> partyMatchmakerTicket = make<PartyMatchmakerTicket>();
  Hub<PartyClose> partyClose = make<PartyClose>();
};

class RtSocketImpl : public std::enable_shared_from_this<RtSocketImpl> {
 public:
  /// `factory` makes one transport per connection attempt; null = websocketpp on the client's runtime.
  static std::shared_ptr<RtSocketImpl> create(std::shared_ptr<ClientCore> core, RtSocketOptions options,
                                              WsTransportFactory factory = nullptr);
  ~RtSocketImpl();
  RtSocketImpl(const RtSocketImpl&) = delete;
  RtSocketImpl& operator=(const RtSocketImpl&) = delete;

  const RtSocketOptions& options() const { return options_; }
  ConnectionState state() const;
  RtEvents& events() { return events_; }
  const std::shared_ptr<CallbackExecutor>& executor() const { return executor_; }

  Future<void> connect();
  void close();

  /// Handles the reply of a request on the reader thread: the reply variant's payload (null for a
  /// cid-only ack), or the error.
  using ReplyHandler = std::function<void(Result<Json>)>;

  /// Sends `{"cid":N, key: body}` and expects `replyKey` (empty: any reply, typically a cid-only ack).
  template <class T>
  Future<T> request(const char* key, Json body, const char* replyKey, std::function<T(const Json&)> decode,
                    std::function<void(const T&)> onSuccess = nullptr) {
    detail::Promise<T> promise(executor_);
    auto future = promise.future();
    startRequest(key, std::move(body), replyKey,
                 [promise, decode = std::move(decode), onSuccess = std::move(onSuccess)](Result<Json> reply) {
                   if (!reply.ok()) {
                     promise.complete(reply.error());
                     return;
                   }
                   std::optional<T> value;
                   try {
                     value.emplace(decode(*reply));
                   } catch (const std::exception& e) {
                     promise.complete(Error{ErrorKind::kBadResponse,
                                            std::string("could not decode the server's reply: ") + e.what()});
                     return;
                   }
                   if (onSuccess) onSuccess(*value);
                   promise.complete(std::move(*value));
                 },
                 options_.requestTimeout, [promise](std::function<void()> cancel) { promise.setCanceller(std::move(cancel)); });
    return future;
  }

  /// A request answered by a cid-only envelope. `onSuccess` runs on the reader thread before completion.
  Future<void> requestAck(const char* key, Json body, std::function<void()> onSuccess = nullptr);
  /// A message the server does not answer (match_data_send): sent without cid.
  Future<void> sendWithoutReply(const char* key, Json body);
  Future<std::chrono::milliseconds> ping();

  template <class T>
  Future<T> fail(Error error) const {
    return detail::makeReadyFuture<T>(executor_, Result<T>(std::move(error)));
  }

  // Bookkeeping for the rejoin after a reconnection (called on success of the matching requests).
  struct ChannelJoin {
    std::string target;
    ChannelType type = ChannelType::kRoom;
    bool persistence = true;
    bool hidden = false;
  };
  void trackChannel(const std::string& channelId, ChannelJoin join);
  void untrackChannel(const std::string& channelId);
  void trackMatch(const std::string& matchId);
  void untrackMatch(const std::string& matchId);
  void trackFollows(const std::vector<std::string>& userIds, const std::vector<std::string>& usernames);
  void untrackFollows(const std::vector<std::string>& userIds);
  void trackStatus(std::optional<std::string> status);
  void trackParty(const std::string& partyId);
  void untrackParty(const std::string& partyId);

  /// Builds the connection URL (exposed for tests).
  std::string buildUrl(const std::string& token) const;

 private:
  RtSocketImpl(std::shared_ptr<ClientCore> core, RtSocketOptions options, WsTransportFactory factory);

  /// True once the Client's I/O thread has stopped (the Client was destroyed).
  bool clientShutDown() const;
  bool exceedsMaxMessageSize(const std::string& text) const;
  Error messageTooLarge(std::size_t size) const;

  struct Pending {
    std::string expectKey;
    ReplyHandler handler;
    std::shared_ptr<TimerHandle> timer;
  };
  using PendingMap = std::map<std::string, Pending>;

  void startRequest(const char* key, Json body, std::string expectKey, ReplyHandler handler,
                    std::chrono::milliseconds timeout, const std::function<void(std::function<void()>)>& bindCancel);
  /// Removes `cid` from the pending requests and hands it `result`; false when it was not pending.
  bool completePending(const std::string& cid, Result<Json> result, const std::string& replyKey = {});
  static void failAll(PendingMap pending, const Error& error);

  // Connection life cycle (each takes the generation it belongs to).
  void startAttempt(std::uint64_t generation);
  void onToken(std::uint64_t generation, Result<std::string> token);
  void onOpen(std::uint64_t generation);
  void onMessage(std::uint64_t generation, const std::string& text);
  void onTransportFailed(std::uint64_t generation, const WsFailure& failure);
  void attemptFailed(std::uint64_t generation, Error error);
  void onConnectionLost(std::uint64_t generation, int code, const std::string& reason, bool closeTransport);
  void scheduleReconnect(Error lastError);
  void giveUp(Error error);
  void schedulePing(std::uint64_t generation);
  void sendProbe(std::uint64_t generation);
  void rejoin();

  // Inbound frames.
  void dispatchEvent(const std::string& key, const Json& payload);

  // Events (posted to the executor).
  template <class... A, class... V>
  void post(const std::shared_ptr<EventHub<A...>>& hub, V&&... values) {
    executor_->post([hub, values...] { hub->emit(values...); });
  }
  void postState(ConnectionState state) { post(events_.stateChange, state); }
  void postError(Error error) { post(events_.error, std::move(error)); }

  std::shared_ptr<ClientCore> core_;  // first: destroyed last (owns the runtime the transports run on)
  RtSocketOptions options_;
  WsTransportFactory factory_;
  std::shared_ptr<CallbackExecutor> executor_;
  std::shared_ptr<IoRuntime> runtime_;
  RtEvents events_;

  mutable std::mutex mutex_;
  ConnectionState state_ = ConnectionState::kDisconnected;
  std::uint64_t generation_ = 0;
  std::uint64_t nextCid_ = 0;
  std::shared_ptr<WsTransport> transport_;
  std::string token_;                 // the token of the current attempt
  bool retriedAfter401_ = false;      // one refresh-and-retry per attempt
  std::vector<detail::Promise<void>> connectWaiters_;
  PendingMap pending_;
  std::shared_ptr<TimerHandle> connectTimer_;
  std::shared_ptr<TimerHandle> pingTimer_;
  std::shared_ptr<TimerHandle> reconnectTimer_;
  int reconnectAttempt_ = 0;
  std::mt19937_64 rng_{std::random_device{}()};

  // What to restore after a reconnection.
  std::map<std::string, ChannelJoin> channels_;
  std::set<std::string> matches_;
  std::set<std::string> followedIds_;
  std::set<std::string> followedUsernames_;
  std::optional<std::string> status_;
  std::optional<std::string> partyId_;
};

/// The delay before reconnection attempt `attempt` (1-based), before jitter.
std::chrono::milliseconds reconnectDelay(const RtSocketOptions& options, int attempt);

}  // namespace nakama::internal
