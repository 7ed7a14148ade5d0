// nakama::RtSocket (the public handle), Subscription, and Client::createSocket.

#include "nakama/rt_socket.h"

#include "nakama/client.h"
#include "realtime/rt_json.h"
#include "realtime/rt_socket_impl.h"
#include "rest/client_core.h"

namespace nakama {

using internal::Json;

const char* toString(ConnectionState state) {
  switch (state) {
    case ConnectionState::kDisconnected: return "disconnected";
    case ConnectionState::kConnecting: return "connecting";
    case ConnectionState::kConnected: return "connected";
    case ConnectionState::kReconnecting: return "reconnecting";
  }
  return "unknown";
}

// ---- Subscription ---------------------------------------------------------------------------------

Subscription::Subscription(std::function<void()> unsubscribe) : unsubscribe_(std::move(unsubscribe)) {}

Subscription::~Subscription() { unsubscribe(); }

Subscription::Subscription(Subscription&& other) noexcept : unsubscribe_(std::move(other.unsubscribe_)) {
  other.unsubscribe_ = nullptr;
}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    unsubscribe();
    unsubscribe_ = std::move(other.unsubscribe_);
    other.unsubscribe_ = nullptr;
  }
  return *this;
}

void Subscription::unsubscribe() {
  auto fn = std::move(unsubscribe_);
  unsubscribe_ = nullptr;
  if (fn) fn();
}

void Subscription::detach() { unsubscribe_ = nullptr; }

// ---- Client ---------------------------------------------------------------------------------------

RtSocket Client::createSocket(const RtSocketOptions& options) const {
  if (!core_) return RtSocket();  // a moved-from Client: an empty socket (its requests fail with kInvalidArgument)
  return RtSocket(internal::RtSocketImpl::create(core_, options));
}

RtSocket Client::createSocket() const { return createSocket(RtSocketOptions{}); }

// ---- RtSocket -------------------------------------------------------------------------------------

namespace {

const RtSocketOptions& defaultOptions() {
  static const RtSocketOptions options;
  return options;
}

template <class T>
Future<T> emptySocket() {
  return internal::makeReadyFuture<T>(nullptr, Result<T>(Error{ErrorKind::kInvalidArgument, "the RtSocket is empty"}));
}

/// kInvalidArgument when a required string is empty (checked before anything is sent).
std::optional<Error> required(const std::string& value, const char* what) {
  if (!value.empty()) return std::nullopt;
  return Error{ErrorKind::kInvalidArgument, std::string(what) + " must not be empty"};
}

template <class T>
T decodeReply(const internal::JsonValue& j) {
  return internal::decodeAs<T>(j);
}

}  // namespace

#define NAKAMA_RT_REQUIRE_IMPL(T) \
  if (!impl_) return emptySocket<T>()
#define NAKAMA_RT_REQUIRE(T, value, what) \
  if (auto invalid = required(value, what)) return impl_->fail<T>(std::move(*invalid))

RtSocket::RtSocket(std::shared_ptr<internal::RtSocketImpl> impl) : impl_(std::move(impl)) {}

const RtSocketOptions& RtSocket::options() const { return impl_ ? impl_->options() : defaultOptions(); }

ConnectionState RtSocket::state() const { return impl_ ? impl_->state() : ConnectionState::kDisconnected; }

bool RtSocket::isConnected() const { return state() == ConnectionState::kConnected; }

Future<void> RtSocket::connect() {
  NAKAMA_RT_REQUIRE_IMPL(void);
  return impl_->connect();
}

void RtSocket::close() {
  if (impl_) impl_->close();
}

Future<std::chrono::milliseconds> RtSocket::ping() {
  NAKAMA_RT_REQUIRE_IMPL(std::chrono::milliseconds);
  return impl_->ping();
}

Future<Rpc> RtSocket::rpc(const std::string& id, const std::string& payload) {
  NAKAMA_RT_REQUIRE_IMPL(Rpc);
  NAKAMA_RT_REQUIRE(Rpc, id, "the RPC id");
  Json body = {{"id", id}};
  internal::writeNonEmpty(body, "payload", payload);
  return impl_->request<Rpc>("rpc", std::move(body), "rpc", decodeReply<Rpc>);
}

// ---- Status ---------------------------------------------------------------------------------------

Future<Status> RtSocket::followUsers(const std::vector<std::string>& userIds,
                                     const std::vector<std::string>& usernames) {
  NAKAMA_RT_REQUIRE_IMPL(Status);
  if (userIds.empty() && usernames.empty())
    return impl_->fail<Status>(Error{ErrorKind::kInvalidArgument, "give at least one user id or username to follow"});
  Json body = Json::object();
  if (!userIds.empty()) body["user_ids"] = userIds;
  if (!usernames.empty()) body["usernames"] = usernames;
  return impl_->request<Status>("status_follow", std::move(body), "status", decodeReply<Status>);
}

Future<void> RtSocket::unfollowUsers(const std::vector<std::string>& userIds) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  if (userIds.empty())
    return impl_->fail<void>(Error{ErrorKind::kInvalidArgument, "give at least one user id to unfollow"});
  return impl_->requestAck("status_unfollow", Json{{"user_ids", userIds}});
}

Future<void> RtSocket::updateStatus(const std::string& status) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  return impl_->requestAck("status_update", Json{{"status", status}});
}

Future<void> RtSocket::appearOffline() {
  NAKAMA_RT_REQUIRE_IMPL(void);
  return impl_->requestAck("status_update", Json::object());
}

// ---- Chat -----------------------------------------------------------------------------------------

Future<Channel> RtSocket::joinChat(const std::string& target, ChannelType type, bool persistence, bool hidden) {
  NAKAMA_RT_REQUIRE_IMPL(Channel);
  NAKAMA_RT_REQUIRE(Channel, target, "the chat target");
  Json body = {
      {"target", target}, {"type", static_cast<std::int32_t>(type)}, {"persistence", persistence}, {"hidden", hidden}};
  return impl_->request<Channel>("channel_join", std::move(body), "channel", decodeReply<Channel>);
}

Future<void> RtSocket::leaveChat(const std::string& channelId) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, channelId, "the channel id");
  return impl_->requestAck("channel_leave", Json{{"channel_id", channelId}});
}

Future<ChannelMessageAck> RtSocket::writeChatMessage(const std::string& channelId, const std::string& content) {
  NAKAMA_RT_REQUIRE_IMPL(ChannelMessageAck);
  NAKAMA_RT_REQUIRE(ChannelMessageAck, channelId, "the channel id");
  return impl_->request<ChannelMessageAck>("channel_message_send",
                                           Json{{"channel_id", channelId}, {"content", content}}, "channel_message_ack",
                                           decodeReply<ChannelMessageAck>);
}

Future<ChannelMessageAck> RtSocket::updateChatMessage(const std::string& channelId, const std::string& messageId,
                                                      const std::string& content) {
  NAKAMA_RT_REQUIRE_IMPL(ChannelMessageAck);
  NAKAMA_RT_REQUIRE(ChannelMessageAck, channelId, "the channel id");
  NAKAMA_RT_REQUIRE(ChannelMessageAck, messageId, "the message id");
  return impl_->request<ChannelMessageAck>(
      "channel_message_update", Json{{"channel_id", channelId}, {"message_id", messageId}, {"content", content}},
      "channel_message_ack", decodeReply<ChannelMessageAck>);
}

Future<ChannelMessageAck> RtSocket::removeChatMessage(const std::string& channelId, const std::string& messageId) {
  NAKAMA_RT_REQUIRE_IMPL(ChannelMessageAck);
  NAKAMA_RT_REQUIRE(ChannelMessageAck, channelId, "the channel id");
  NAKAMA_RT_REQUIRE(ChannelMessageAck, messageId, "the message id");
  return impl_->request<ChannelMessageAck>("channel_message_remove",
                                           Json{{"channel_id", channelId}, {"message_id", messageId}},
                                           "channel_message_ack", decodeReply<ChannelMessageAck>);
}

// ---- Matches --------------------------------------------------------------------------------------

Future<Match> RtSocket::createMatch(const std::string& name) {
  NAKAMA_RT_REQUIRE_IMPL(Match);
  Json body = Json::object();
  internal::writeNonEmpty(body, "name", name);
  return impl_->request<Match>("match_create", std::move(body), "match", decodeReply<Match>);
}

Future<Match> RtSocket::joinMatch(const std::string& matchId, const StringMap& metadata) {
  NAKAMA_RT_REQUIRE_IMPL(Match);
  NAKAMA_RT_REQUIRE(Match, matchId, "the match id");
  Json body = {{"match_id", matchId}};
  if (!metadata.empty()) body["metadata"] = metadata;
  return impl_->request<Match>("match_join", std::move(body), "match", decodeReply<Match>);
}

Future<Match> RtSocket::joinMatchByToken(const std::string& token, const StringMap& metadata) {
  NAKAMA_RT_REQUIRE_IMPL(Match);
  NAKAMA_RT_REQUIRE(Match, token, "the matchmaker token");
  Json body = {{"token", token}};
  if (!metadata.empty()) body["metadata"] = metadata;
  return impl_->request<Match>("match_join", std::move(body), "match", decodeReply<Match>);
}

Future<void> RtSocket::leaveMatch(const std::string& matchId) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, matchId, "the match id");
  return impl_->requestAck("match_leave", Json{{"match_id", matchId}});
}

Future<void> RtSocket::sendMatchData(const std::string& matchId, std::int64_t opCode, const std::string& data,
                                     const std::vector<UserPresence>& presences, bool reliable) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, matchId, "the match id");
  Json body = {{"match_id", matchId}, {"op_code", internal::int64String(opCode)}};
  if (!data.empty()) body["data"] = internal::base64Encode(data);
  if (!presences.empty()) body["presences"] = internal::encodePresences(presences);
  if (reliable) body["reliable"] = true;
  return impl_->sendWithoutReply("match_data_send", std::move(body));
}

// ---- Matchmaker -----------------------------------------------------------------------------------

Future<MatchmakerTicket> RtSocket::addMatchmaker(const MatchmakerQuery& query) {
  NAKAMA_RT_REQUIRE_IMPL(MatchmakerTicket);
  Json body = Json::object();
  internal::encodeMatchmakerQuery(body, query);
  return impl_->request<MatchmakerTicket>("matchmaker_add", std::move(body), "matchmaker_ticket",
                                          decodeReply<MatchmakerTicket>);
}

Future<void> RtSocket::removeMatchmaker(const std::string& ticket) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, ticket, "the ticket");
  return impl_->requestAck("matchmaker_remove", Json{{"ticket", ticket}});
}

// ---- Parties --------------------------------------------------------------------------------------

Future<Party> RtSocket::createParty(bool open, std::int32_t maxSize) {
  NAKAMA_RT_REQUIRE_IMPL(Party);
  return impl_->request<Party>("party_create", Json{{"open", open}, {"max_size", maxSize}}, "party",
                               decodeReply<Party>);
}

Future<void> RtSocket::joinParty(const std::string& partyId) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_join", Json{{"party_id", partyId}});
}

Future<void> RtSocket::leaveParty(const std::string& partyId) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_leave", Json{{"party_id", partyId}});
}

Future<void> RtSocket::promotePartyMember(const std::string& partyId, const UserPresence& member) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_promote",
                           Json{{"party_id", partyId}, {"presence", internal::encodePresence(member)}});
}

Future<void> RtSocket::acceptPartyMember(const std::string& partyId, const UserPresence& presence) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_accept",
                           Json{{"party_id", partyId}, {"presence", internal::encodePresence(presence)}});
}

Future<void> RtSocket::removePartyMember(const std::string& partyId, const UserPresence& presence) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_remove",
                           Json{{"party_id", partyId}, {"presence", internal::encodePresence(presence)}});
}

Future<void> RtSocket::closeParty(const std::string& partyId) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  return impl_->requestAck("party_close", Json{{"party_id", partyId}});
}

Future<PartyJoinRequest> RtSocket::listPartyJoinRequests(const std::string& partyId) {
  NAKAMA_RT_REQUIRE_IMPL(PartyJoinRequest);
  NAKAMA_RT_REQUIRE(PartyJoinRequest, partyId, "the party id");
  return impl_->request<PartyJoinRequest>("party_join_request_list", Json{{"party_id", partyId}}, "party_join_request",
                                          decodeReply<PartyJoinRequest>);
}

Future<PartyMatchmakerTicket> RtSocket::addMatchmakerParty(const std::string& partyId, const MatchmakerQuery& query) {
  NAKAMA_RT_REQUIRE_IMPL(PartyMatchmakerTicket);
  NAKAMA_RT_REQUIRE(PartyMatchmakerTicket, partyId, "the party id");
  Json body = {{"party_id", partyId}};
  internal::encodeMatchmakerQuery(body, query);
  return impl_->request<PartyMatchmakerTicket>("party_matchmaker_add", std::move(body), "party_matchmaker_ticket",
                                               decodeReply<PartyMatchmakerTicket>);
}

Future<void> RtSocket::removeMatchmakerParty(const std::string& partyId, const std::string& ticket) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  NAKAMA_RT_REQUIRE(void, ticket, "the ticket");
  return impl_->requestAck("party_matchmaker_remove", Json{{"party_id", partyId}, {"ticket", ticket}});
}

Future<void> RtSocket::sendPartyData(const std::string& partyId, std::int64_t opCode, const std::string& data) {
  NAKAMA_RT_REQUIRE_IMPL(void);
  NAKAMA_RT_REQUIRE(void, partyId, "the party id");
  Json body = {{"party_id", partyId}, {"op_code", internal::int64String(opCode)}};
  if (!data.empty()) body["data"] = internal::base64Encode(data);
  return impl_->requestAck("party_data_send", std::move(body));
}

// ---- Events ---------------------------------------------------------------------------------------

#define NAKAMA_RT_EVENT(method, hub, ...)                                   \
  Subscription RtSocket::method(std::function<void(__VA_ARGS__)> handler) { \
    if (!impl_) return Subscription();                                      \
    return internal::subscribe(impl_->events().hub, std::move(handler));    \
  }
#define NAKAMA_RT_SERVER_EVENT(Name, Model, wireKey) NAKAMA_RT_EVENT(on##Name, on##Name, const Model&)

NAKAMA_RT_EVENT(onConnect, connect)
NAKAMA_RT_EVENT(onDisconnect, disconnect, const DisconnectInfo&)
NAKAMA_RT_EVENT(onStateChange, stateChange, ConnectionState)
NAKAMA_RT_EVENT(onError, error, const Error&)
NAKAMA_RT_EVENT(onMatchLost, matchLost, const std::string&)
NAKAMA_RT_SERVER_EVENTS(NAKAMA_RT_SERVER_EVENT)

#undef NAKAMA_RT_SERVER_EVENT
#undef NAKAMA_RT_EVENT
#undef NAKAMA_RT_REQUIRE
#undef NAKAMA_RT_REQUIRE_IMPL

}  // namespace nakama
