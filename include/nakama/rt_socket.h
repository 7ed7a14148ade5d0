#pragma once

// The realtime socket: chat, matches, matchmaking, parties, status and notifications over Nakama's
// WebSocket API. Get one from `Client::createSocket()`; see docs/REALTIME.md for the full behaviour.
//
//   nakama::RtSocketOptions options;
//   options.reconnect = true;
//   nakama::RtSocket socket = client.createSocket(options);
//   auto sub = socket.onMatchData([](const nakama::MatchData& d) { ... });
//   socket.connect().get().value();                 // throws BadResultAccess on failure
//   nakama::Match match = socket.createMatch().get().value();
//   socket.sendMatchData(match.matchId, 1, "bytes");
//
// Requests return `Future<T>` and complete exactly once: with the server's reply, with the server's
// error (ErrorKind::kServerError, `realtimeCode`, `message`, `context`), with kTimeout after
// `RtSocketOptions::requestTimeout`, with kCancelled after `Future::cancel()`, or with kDisconnected
// (immediately when the socket is not connected; for every pending request when the connection closes).
// Continuations and event handlers run where the client's CallbackMode says (SDK thread, Client::poll() or I/O thread),
// one at a time, in the order the frames arrived.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nakama/error.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/rt_events.h"
#include "nakama/rt_models.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class RtSocketImpl;
struct ApiAccess;
}  // namespace internal

/// Configuration of a realtime socket. The defaults suit a game client.
struct RtSocketOptions {
  /// Appear online to users following you as soon as the socket connects (`status=true`). The server's
  /// default, used here too, is false: call `updateStatus()` to appear online later.
  bool appearOnline = false;
  /// Language tag handed to the server's runtime hooks (`lang=`).
  std::string lang = "en";

  /// How long a request waits for its reply before failing with kTimeout.
  std::chrono::milliseconds requestTimeout{10000};
  /// How long connect() (and each reconnection attempt) may take: TCP, TLS and the WebSocket handshake.
  std::chrono::milliseconds connectTimeout{10000};
  /// Largest frame the SDK sends. Nakama closes the connection (code 1009) on frames larger than its
  /// `socket.max_message_size_bytes` (default 4096), which would fail every pending request; a larger
  /// request fails alone with kInvalidArgument instead. Match it to the server's setting; 0 = no check.
  std::size_t maxMessageSize = 4096;

  /// Liveness probe: every `pingInterval` the socket sends an application-level `ping` and expects the
  /// `pong` within `pongTimeout`; otherwise the connection is declared dead (closed, onDisconnect with
  /// code 1006, pending requests fail with kDisconnected, reconnection if enabled). 0 turns the probe off.
  /// (WebSocket PING control frames from the server are always answered; that is what keeps Nakama from
  /// dropping the connection, independently of this probe.)
  std::chrono::milliseconds pingInterval{10000};
  /// How long the liveness probe waits for the `pong` (see pingInterval).
  std::chrono::milliseconds pongTimeout{10000};

  /// Reconnect automatically when the connection is lost without close() being called. See RtSocket.
  bool reconnect = false;
  /// Back-off between attempts: attempt n waits up to min(reconnectMaxDelay, reconnectBaseDelay * 2^(n-1)),
  /// drawn uniformly from [0, that] when `reconnectJitter` is set ("full jitter").
  std::chrono::milliseconds reconnectBaseDelay{500};
  /// Upper bound of a reconnection delay.
  std::chrono::milliseconds reconnectMaxDelay{30000};
  /// Draw each reconnection delay uniformly from [0, delay].
  bool reconnectJitter = true;
  /// Attempts before giving up (then state kDisconnected and onError); 0 = never give up.
  int reconnectMaxAttempts = 10;
};

/// A registered event handler. Move-only and RAII: destroying the Subscription, or calling
/// `unsubscribe()`, removes the handler (also safe from inside any handler, its own included: it is not
/// called again after unsubscribe() returns, except if it is running at that moment on another thread).
/// Call `detach()` to keep the handler for as long as the socket lives.
class NAKAMA_API Subscription {
 public:
  Subscription() = default;
  /// A subscription that calls `unsubscribe` once, when it is unsubscribed or destroyed.
  explicit Subscription(std::function<void()> unsubscribe);
  ~Subscription();
  /// Takes over `other`'s handler; `other` becomes inactive.
  Subscription(Subscription&& other) noexcept;
  /// Removes this handler, then takes over `other`'s.
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  /// Removes the handler. Idempotent.
  void unsubscribe();
  /// Lets go of the handle without removing the handler.
  void detach();
  /// True until unsubscribe() or detach().
  bool active() const { return static_cast<bool>(unsubscribe_); }

 private:
  std::function<void()> unsubscribe_;
};

/// A realtime connection to Nakama, authenticated with the client's session.
///
/// A handle: copies share the same connection and handlers. When the last copy is destroyed the
/// connection is closed and its pending requests fail with kCancelled (no event is delivered then).
/// A default-constructed RtSocket is empty: its requests fail with kInvalidArgument.
///
/// The socket runs on its Client's I/O thread: destroy (or close) sockets before their Client. Once the
/// Client is destroyed, new requests and connect() fail with kCancelled.
///
/// Thread-safe: requests may be sent from any thread; close() and requests are safe inside handlers.
/// Do not capture a copy of the socket in its own handlers (that keeps it alive): capture a reference
/// or pointer to the object that owns it.
///
/// Reconnection (RtSocketOptions::reconnect): after a lost connection the socket retries with back-off, then
/// restores its chat channels, follows, status and party and reports lost matches through onMatchLost;
/// docs/REALTIME.md ("Reconnection") is the full description.
class NAKAMA_API RtSocket {
 public:
  /// An empty socket; real ones come from `Client::createSocket()`.
  RtSocket() = default;

  /// False for a default-constructed (empty) socket.
  bool valid() const { return impl_ != nullptr; }
  /// The options the socket was created with.
  const RtSocketOptions& options() const;
  /// The connection's current state.
  ConnectionState state() const;
  /// True when state() is ConnectionState::kConnected.
  bool isConnected() const;

  // ---- Connection --------------------------------------------------------------------------------

  /// Connects with the client's session (refreshed first when it expires within the client's refresh
  /// window). Succeeds at once when already connected; while a connection is in progress, the returned
  /// future completes with it. Errors: kInvalidArgument (no session), kSessionExpired with httpStatus 401
  /// (the server refused the token and a refresh did not help: authenticate again), kServerError with
  /// httpStatus (another HTTP answer to the handshake), kConnectionFailed (network or TLS), kTimeout
  /// (connectTimeout), kCancelled (close() was called meanwhile). A failed connect() is not retried.
  Future<void> connect();

  /// Closes the connection (close code 1000), or stops connecting/reconnecting. Pending requests fail
  /// at once with kDisconnected, a pending connect() with kCancelled; onDisconnect(requested = true)
  /// fires when the socket was connected. Idempotent; connect() may be called again afterwards.
  void close();

  // ---- Requests (each: kDisconnected when not connected, kTimeout, kCancelled, kServerError) --------

  /// Application-level ping; returns the round-trip time.
  Future<std::chrono::milliseconds> ping();

  /// Calls runtime function `id` (payload usually JSON text; empty sends none). Server errors:
  /// kRuntimeFunctionNotFound (6), kRuntimeFunctionException (7, whatever the function returned), kBadInput (3).
  Future<Rpc> rpc(const std::string& id, const std::string& payload = {});

  /// Follows users' online status: returns the current statuses of those online (yourself and unknown
  /// users skipped); later changes arrive through onStatusPresence.
  Future<Status> followUsers(const std::vector<std::string>& userIds, const std::vector<std::string>& usernames = {});
  /// Stops following users.
  Future<void> unfollowUsers(const std::vector<std::string>& userIds);
  /// Appears online with a status text (at most 2048 bytes of UTF-8, else kBadInput; "" = online without
  /// status).
  Future<void> updateStatus(const std::string& status);
  /// Appears offline to followers.
  Future<void> appearOffline();

  /// Joins a chat channel. `target`: the room name (kRoom, 1-64 bytes), the other user's id
  /// (kDirectMessage; your own id opens a channel with yourself), or the group id (kGroup).
  /// `persistence`: store the messages you send; `hidden`: do not appear in presences. Presences and
  /// messages carry the username of the session the socket connected with (a rename shows after
  /// authenticating again). Errors: kBadInput "<reason>: Invalid channel target" (invalid room name,
  /// unknown user or one who blocked you, not a group member, ...), "Invalid channel type".
  Future<Channel> joinChat(const std::string& target, ChannelType type, bool persistence = true, bool hidden = false);
  /// Leaves a chat channel.
  Future<void> leaveChat(const std::string& channelId);
  /// Sends a message; `content` must be a JSON object (`{"text":"hi"}`), else kBadInput. The message also
  /// arrives through onChannelMessage on this socket (before the ack).
  Future<ChannelMessageAck> writeChatMessage(const std::string& channelId, const std::string& content);
  /// Edits a message you sent (every member receives it with code 1). When you joined with `persistence`,
  /// the stored message is updated (kBadInput when you sent no message with that id); without it nothing
  /// is looked up or stored and any id is accepted. The ack's createTime is the time of the edit.
  Future<ChannelMessageAck> updateChatMessage(const std::string& channelId, const std::string& messageId,
                                              const std::string& content);
  /// Removes a message you sent (every member receives it with code 2 and content "{}"); like
  /// updateChatMessage, only a member who joined with `persistence` removes it from the history.
  Future<ChannelMessageAck> removeChatMessage(const std::string& channelId, const std::string& messageId);

  /// Creates a relayed match. With a `name`, the match id is derived from it, so clients creating the
  /// same name meet in the same match (a later creator gets the members so far and a size counting
  /// everyone).
  Future<Match> createMatch(const std::string& name = {});
  /// Joins a match by id. Errors: kMatchNotFound (4), kMatchJoinRejected (5), kBadInput (3).
  Future<Match> joinMatch(const std::string& matchId, const StringMap& metadata = {});
  /// Joins the match the matchmaker found (MatchmakerMatched::token; valid 30 s).
  Future<Match> joinMatchByToken(const std::string& token, const StringMap& metadata = {});
  /// Leaves a match.
  Future<void> leaveMatch(const std::string& matchId);
  /// Sends data (raw bytes) to the other members of a match, or only to `presences` when given (user id
  /// and session id are used). The server does not answer: the future completes once the frame is queued
  /// for sending (kDisconnected when not connected). A server-side failure (e.g. "Invalid match ID") comes
  /// without request id and is reported through onError.
  Future<void> sendMatchData(const std::string& matchId, std::int64_t opCode, const std::string& data,
                             const std::vector<UserPresence>& presences = {}, bool reliable = true);

  /// Adds a matchmaker ticket. Matches arrive through onMatchmakerMatched: the server matches in batches
  /// (every 15 s by default), and a ticket whose minCount and maxCount differ may wait two batches for a
  /// full group before settling for fewer. A session has at most 3 tickets (its party's included); a
  /// fourth one, or a query that does not parse, fails with kRuntimeException "Error adding to matchmaker".
  Future<MatchmakerTicket> addMatchmaker(const MatchmakerQuery& query);
  /// Removes a matchmaker ticket. Error: kBadInput "Matchmaker ticket not found".
  Future<void> removeMatchmaker(const std::string& ticket);

  /// Creates a party (maxSize 1-256) with yourself as leader. Requests on an existing party fail with
  /// kBadInput "Error <operation>: <reason>", e.g. "Error joining party: party full", "Error closing
  /// party: party leader only".
  Future<Party> createParty(bool open, std::int32_t maxSize);
  /// Joins an open party (you then receive onParty) or asks to join a closed one (the leader receives
  /// onPartyJoinRequest; you receive onParty once accepted). A closed party keeps at most maxSize pending
  /// requests ("party join requests full"); asking twice makes two requests.
  Future<void> joinParty(const std::string& partyId);
  /// Leaves a party.
  Future<void> leaveParty(const std::string& partyId);
  /// Leader only: makes `member` (user id, session id and username must match) the leader; everyone
  /// receives onPartyLeader.
  Future<void> promotePartyMember(const std::string& partyId, const UserPresence& member);
  /// Leader only: accepts a join request ("party full" when there is no room, "party could not accept
  /// request" when the asker's socket is gone).
  Future<void> acceptPartyMember(const std::string& partyId, const UserPresence& presence);
  /// Leader only: removes a member (who receives onPartyClose) or rejects a join request.
  Future<void> removePartyMember(const std::string& partyId, const UserPresence& presence);
  /// Leader only: closes the party; every member receives onPartyClose.
  Future<void> closeParty(const std::string& partyId);
  /// Leader only: the pending join requests.
  Future<PartyJoinRequest> listPartyJoinRequests(const std::string& partyId);
  /// Leader only: matchmakes the whole party; members also receive onPartyMatchmakerTicket.
  Future<PartyMatchmakerTicket> addMatchmakerParty(const std::string& partyId, const MatchmakerQuery& query);
  /// Leader only: removes the party's matchmaker ticket (Nakama 3.15 words its errors "Error closing
  /// party: ...").
  Future<void> removeMatchmakerParty(const std::string& partyId, const std::string& ticket);
  /// Sends data (raw bytes) to the other party members.
  Future<void> sendPartyData(const std::string& partyId, std::int64_t opCode, const std::string& data);

  // ---- Events (several handlers per event; see Subscription) ---------------------------------------

  /// The socket connected (after connect() or a reconnection).
  [[nodiscard]] Subscription onConnect(std::function<void()> handler);
  /// A connection ended (not fired for a connect() that failed before the connection opened).
  [[nodiscard]] Subscription onDisconnect(std::function<void(const DisconnectInfo&)> handler);
  /// The connection state changed.
  [[nodiscard]] Subscription onStateChange(std::function<void(ConnectionState)> handler);
  /// Errors not tied to a request: server error envelopes without request id (kServerError, e.g. from
  /// sendMatchData), frames the SDK could not understand (kBadResponse; the socket stays open), rejoin
  /// failures after a reconnection, and the reason reconnection gave up.
  [[nodiscard]] Subscription onError(std::function<void(const Error&)> handler);
  /// For each match the socket was in when the connection was lost (see the class comment).
  [[nodiscard]] Subscription onMatchLost(std::function<void(const std::string& matchId)> handler);

  /// @name Server events
  /// One `on<Name>` per row of NAKAMA_RT_SERVER_EVENTS (nakama/rt_events.h), which says when each fires;
  /// e.g. `onChannelMessage(std::function<void(const ChannelMessage&)>)`,
  /// `onNotification(std::function<void(const Notification&)>)`, `onPartyClose(...)`. Each returns the
  /// Subscription that keeps the handler registered.
  ///@{
#define NAKAMA_RT_DECLARE_HANDLER(Name, Model, wireKey) \
  [[nodiscard]] Subscription on##Name(std::function<void(const Model&)> handler);
  NAKAMA_RT_SERVER_EVENTS(NAKAMA_RT_DECLARE_HANDLER)
#undef NAKAMA_RT_DECLARE_HANDLER
  ///@}

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit RtSocket(std::shared_ptr<internal::RtSocketImpl> impl);

  std::shared_ptr<internal::RtSocketImpl> impl_;
};

}  // namespace nakama
