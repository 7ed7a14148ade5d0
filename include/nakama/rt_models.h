#pragma once

// Messages of the realtime socket (Nakama's `realtime.proto`), as plain structs.
//
// Conventions (the same as the REST models): int64 -> std::int64_t, timestamps -> nakama::Timestamp,
// "JSON in a string" (chat content, RPC payloads) -> std::string holding the JSON text, binary data
// (match and party data) -> std::string holding the raw bytes (the SDK does the base64 on the wire).
// Fields the server leaves out have their default value.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nakama/channel_message.h"
#include "nakama/export.h"
#include "nakama/notification.h"
#include "nakama/types.h"

namespace nakama {

/// A user connected to the socket (one session of that user).
struct UserPresence {
  std::string userId;
  std::string sessionId;
  std::string username;
  bool persistence = false;  ///< Chat: whether this presence's messages are stored.
  /// The status text, in status messages only (`""` means online without a status); unset elsewhere.
  std::optional<std::string> status;
};

/// Type of a chat channel, given to `RtSocket::joinChat()`.
enum class ChannelType : std::int32_t {
  kUnspecified = 0,    ///< The server treats it as a room.
  kRoom = 1,           ///< A named room; the target is the room name (1-64 bytes).
  kDirectMessage = 2,  ///< A private conversation; the target is the other user's id.
  kGroup = 3,          ///< A group's channel; the target is the group id (you must be a member).
};

/// A chat channel the socket joined (reply to `joinChat`).
struct Channel {
  /// `"2...<room>"` (room), `"3.<group id>.."` (group), `"4.<user id>.<user id>."` (direct message).
  std::string id;
  std::vector<UserPresence> presences;  ///< The other users in the channel (hidden ones excluded).
  UserPresence self;
  std::string roomName;   ///< Room channels.
  std::string groupId;    ///< Group channels.
  std::string userIdOne;  ///< Direct messages: the lower user id.
  std::string userIdTwo;  ///< Direct messages: the higher user id.
};

/// The server's acknowledgement of a chat message sent, updated or removed by this socket.
struct ChannelMessageAck {
  std::string channelId;
  std::string messageId;
  std::int32_t code = 0;  ///< ChannelMessageCode: 0 sent, 1 updated, 2 removed.
  std::string username;
  Timestamp createTime{};
  Timestamp updateTime{};
  bool persistent = false;
  std::string roomName;
  std::string groupId;
  std::string userIdOne;
  std::string userIdTwo;
};

/// Users joined or left a chat channel.
struct ChannelPresenceEvent {
  std::string channelId;
  std::vector<UserPresence> joins;
  std::vector<UserPresence> leaves;
  std::string roomName;
  std::string groupId;
  std::string userIdOne;
  std::string userIdTwo;
};

/// A match the socket created or joined.
struct Match {
  /// `"<uuid>."` for relayed matches, `"<uuid>.<node>"` for authoritative ones.
  std::string matchId;
  bool authoritative = false;
  std::string label;
  /// createMatch: every member, yourself included; joinMatch: the number of presences listed.
  std::int32_t size = 0;
  /// The other members (also yourself when you were already in the match).
  std::vector<UserPresence> presences;
  UserPresence self;
};

/// Data sent to the match by a member (or by the server for authoritative matches).
struct MatchData {
  std::string matchId;
  std::optional<UserPresence> presence;  ///< The sender; unset for data sent by an authoritative match.
  std::int64_t opCode = 0;
  std::string data;  ///< Raw bytes.
  bool reliable = false;
};

/// Users joined or left a match.
struct MatchPresenceEvent {
  std::string matchId;
  std::vector<UserPresence> joins;
  std::vector<UserPresence> leaves;
};

/// What `RtSocket::addMatchmaker()` / `addMatchmakerParty()` ask for.
struct MatchmakerQuery {
  std::int32_t minCount = 2;  ///< At least 2.
  std::int32_t maxCount = 8;  ///< At least minCount.
  /// Which tickets this one accepts, e.g. `+properties.region:eu properties.skill:>=10` (same syntax as
  /// MatchListOptions::query, over `properties.<name>`); `*` matches anyone. Only the searching ticket's
  /// query has to accept the other tickets, not both ways. A query that does not parse is refused.
  std::string query = "*";
  StringMap stringProperties;
  std::map<std::string, double> numericProperties;
  /// When set (>= 1, dividing minCount and maxCount), only match counts that are multiples of it.
  std::optional<std::int32_t> countMultiple;
};

/// A matchmaker ticket (reply to addMatchmaker).
struct MatchmakerTicket {
  std::string ticket;
};

/// One of the users the matchmaker matched.
struct MatchmakerUser {
  UserPresence presence;
  std::string partyId;  ///< Set when the user was matched as part of a party.
  StringMap stringProperties;
  std::map<std::string, double> numericProperties;
};

/// The matchmaker found a match for a ticket. Join it with `joinMatchByToken(token)` when `token` is set
/// (relayed matches; valid 30 s), or `joinMatch(matchId)` when `matchId` is set (authoritative matches).
struct MatchmakerMatched {
  std::string ticket;
  std::string matchId;
  std::string token;
  std::vector<MatchmakerUser> users;  ///< Everyone matched, yourself included.
  MatchmakerUser self;
};

/// A party the socket created or joined.
struct Party {
  std::string partyId;  ///< `"<uuid>.<node>"`.
  bool open = false;    ///< Open: anyone may join; closed: the leader accepts requests.
  std::int32_t maxSize = 0;
  UserPresence self;
  UserPresence leader;
  std::vector<UserPresence> presences;  ///< All members, yourself included.
};

/// Users joined or left a party.
struct PartyPresenceEvent {
  std::string partyId;
  std::vector<UserPresence> joins;
  std::vector<UserPresence> leaves;
};

/// A party has a new leader.
struct PartyLeader {
  std::string partyId;
  UserPresence presence;
};

/// Users asking to join a closed party (pushed to the leader, and the reply to listPartyJoinRequests).
struct PartyJoinRequest {
  std::string partyId;
  std::vector<UserPresence> presences;
};

/// Data sent to the party by a member.
struct PartyData {
  std::string partyId;
  std::optional<UserPresence> presence;  ///< The sender.
  std::int64_t opCode = 0;
  std::string data;  ///< Raw bytes.
};

/// The party's matchmaker ticket (reply to addMatchmakerParty, also pushed to every member).
struct PartyMatchmakerTicket {
  std::string partyId;
  std::string ticket;
};

/// The party was closed by its leader, or you were removed from it.
struct PartyClose {
  std::string partyId;
};

/// The current statuses of followed users (reply to followUsers).
struct Status {
  std::vector<UserPresence> presences;  ///< With `status` set; offline users are absent.
};

/// Followed users came online, changed status (a join with the new and a leave with the old status),
/// or went offline.
struct StatusPresenceEvent {
  std::vector<UserPresence> joins;
  std::vector<UserPresence> leaves;
};

/// A server-side stream (joined by runtime code on the socket's behalf).
struct Stream {
  std::int32_t mode = 0;
  std::string subject;
  std::string subcontext;
  std::string label;
};

/// Data runtime code sent on a stream.
struct StreamData {
  Stream stream;
  std::optional<UserPresence> sender;
  std::string data;  ///< Text, as sent by the runtime (not base64).
  bool reliable = false;
};

/// Users joined or left a stream.
struct StreamPresenceEvent {
  Stream stream;
  std::vector<UserPresence> joins;
  std::vector<UserPresence> leaves;
};

/// The reply to a socket RPC.
struct Rpc {
  std::string id;
  std::string payload;  ///< Usually JSON text; whatever the runtime function returned.
};

/// State of an RtSocket's connection.
enum class ConnectionState {
  kDisconnected,  ///< Not connected (initially, after close(), or after the connection was lost for good).
  kConnecting,    ///< connect() is in progress.
  kConnected,     ///< Requests can be sent.
  kReconnecting,  ///< The connection was lost; the socket is reconnecting (RtSocketOptions::reconnect).
};

/// Describes the end of a connection (`RtSocket::onDisconnect`).
struct DisconnectInfo {
  /// WebSocket close code: the server's (1005 = it sent an empty close frame, which Nakama does when it drops
  /// a session), 1006 when the connection broke without a close frame or the ping probe timed out, or the
  /// code this side sent when `requested`.
  int code = 1006;
  std::string reason;
  bool requested = false;      ///< True when close() (or destroying the socket) ended the connection.
  bool willReconnect = false;  ///< True when the socket is about to reconnect on its own.
};

NAKAMA_API const char* toString(ConnectionState state);

}  // namespace nakama
