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
  /// The user's id.
  std::string userId;
  /// The session (connection) of the user.
  std::string sessionId;
  /// The user's username.
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
  /// Your own presence in the channel.
  UserPresence self;
  std::string roomName;   ///< Room channels.
  std::string groupId;    ///< Group channels.
  std::string userIdOne;  ///< Direct messages: the lower user id.
  std::string userIdTwo;  ///< Direct messages: the higher user id.
};

/// The server's acknowledgement of a chat message sent, updated or removed by this socket.
struct ChannelMessageAck {
  /// The channel's id.
  std::string channelId;
  /// The message's id.
  std::string messageId;
  std::int32_t code = 0;  ///< ChannelMessageCode: 0 sent, 1 updated, 2 removed.
  /// Your username.
  std::string username;
  /// When the message was sent (for an update, when it was edited).
  Timestamp createTime{};
  /// When the message was last edited.
  Timestamp updateTime{};
  /// Whether the message is stored in the channel history.
  bool persistent = false;
  /// Room channels: the room name.
  std::string roomName;
  /// Group channels: the group id.
  std::string groupId;
  /// Direct messages: the lower user id.
  std::string userIdOne;
  /// Direct messages: the higher user id.
  std::string userIdTwo;
};

/// Users joined or left a chat channel.
struct ChannelPresenceEvent {
  /// The channel's id.
  std::string channelId;
  /// Users who joined.
  std::vector<UserPresence> joins;
  /// Users who left.
  std::vector<UserPresence> leaves;
  /// Room channels: the room name.
  std::string roomName;
  /// Group channels: the group id.
  std::string groupId;
  /// Direct messages: the lower user id.
  std::string userIdOne;
  /// Direct messages: the higher user id.
  std::string userIdTwo;
};

/// A match the socket created or joined.
struct Match {
  /// `"<uuid>."` for relayed matches, `"<uuid>.<node>"` for authoritative ones.
  std::string matchId;
  /// Run by server code (a match handler) rather than relayed.
  bool authoritative = false;
  /// Authoritative matches: the handler's label.
  std::string label;
  /// createMatch: every member, yourself included; joinMatch: the number of presences listed.
  std::int32_t size = 0;
  /// The other members (also yourself when you were already in the match).
  std::vector<UserPresence> presences;
  /// Your own presence in the match.
  UserPresence self;
};

/// Data sent to the match by a member (or by the server for authoritative matches).
struct MatchData {
  /// The match's id.
  std::string matchId;
  std::optional<UserPresence> presence;  ///< The sender; unset for data sent by an authoritative match.
  /// The application-defined operation code the sender chose.
  std::int64_t opCode = 0;
  std::string data;  ///< Raw bytes.
  /// Whether it was sent reliably.
  bool reliable = false;
};

/// Users joined or left a match.
struct MatchPresenceEvent {
  /// The match's id.
  std::string matchId;
  /// Users who joined.
  std::vector<UserPresence> joins;
  /// Users who left.
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
  /// String properties other tickets' queries can match (`properties.<name>`).
  StringMap stringProperties;
  /// Numeric properties other tickets' queries can match and compare.
  std::map<std::string, double> numericProperties;
  /// When set (>= 1, dividing minCount and maxCount), only match counts that are multiples of it.
  std::optional<std::int32_t> countMultiple;
};

/// A matchmaker ticket (reply to addMatchmaker).
struct MatchmakerTicket {
  /// The ticket's id, for removeMatchmaker.
  std::string ticket;
};

/// One of the users the matchmaker matched.
struct MatchmakerUser {
  /// The matched user's presence.
  UserPresence presence;
  std::string partyId;  ///< Set when the user was matched as part of a party.
  /// The string properties of the user's ticket.
  StringMap stringProperties;
  /// The numeric properties of the user's ticket.
  std::map<std::string, double> numericProperties;
};

/// The matchmaker found a match for a ticket. Join it with `joinMatchByToken(token)` when `token` is set
/// (relayed matches; valid 30 s), or `joinMatch(matchId)` when `matchId` is set (authoritative matches).
struct MatchmakerMatched {
  /// The ticket that was matched.
  std::string ticket;
  /// Authoritative matches: the match to join.
  std::string matchId;
  /// Relayed matches: the token to join with.
  std::string token;
  std::vector<MatchmakerUser> users;  ///< Everyone matched, yourself included.
  /// Your own entry among `users`.
  MatchmakerUser self;
};

/// A party the socket created or joined.
struct Party {
  std::string partyId;  ///< `"<uuid>.<node>"`.
  bool open = false;    ///< Open: anyone may join; closed: the leader accepts requests.
  /// Maximum number of members.
  std::int32_t maxSize = 0;
  /// Your own presence in the party.
  UserPresence self;
  /// The party's leader.
  UserPresence leader;
  std::vector<UserPresence> presences;  ///< All members, yourself included.
};

/// Users joined or left a party.
struct PartyPresenceEvent {
  /// The party's id.
  std::string partyId;
  /// Users who joined.
  std::vector<UserPresence> joins;
  /// Users who left.
  std::vector<UserPresence> leaves;
};

/// A party has a new leader.
struct PartyLeader {
  /// The party's id.
  std::string partyId;
  /// The new leader.
  UserPresence presence;
};

/// Users asking to join a closed party (pushed to the leader, and the reply to listPartyJoinRequests).
struct PartyJoinRequest {
  /// The party's id.
  std::string partyId;
  /// The users asking to join.
  std::vector<UserPresence> presences;
};

/// Data sent to the party by a member.
struct PartyData {
  /// The party's id.
  std::string partyId;
  std::optional<UserPresence> presence;  ///< The sender.
  /// The application-defined operation code the sender chose.
  std::int64_t opCode = 0;
  std::string data;  ///< Raw bytes.
};

/// The party's matchmaker ticket (reply to addMatchmakerParty, also pushed to every member).
struct PartyMatchmakerTicket {
  /// The party's id.
  std::string partyId;
  /// The ticket's id, for removeMatchmakerParty.
  std::string ticket;
};

/// The party was closed by its leader, or you were removed from it.
struct PartyClose {
  /// The party's id.
  std::string partyId;
};

/// The current statuses of followed users (reply to followUsers).
struct Status {
  std::vector<UserPresence> presences;  ///< With `status` set; offline users are absent.
};

/// Followed users came online, changed status (a join with the new and a leave with the old status),
/// or went offline.
struct StatusPresenceEvent {
  /// Users who came online, or their new status.
  std::vector<UserPresence> joins;
  /// Users who went offline, or their old status.
  std::vector<UserPresence> leaves;
};

/// A server-side stream (joined by runtime code on the socket's behalf).
struct Stream {
  /// The stream's mode (kind of stream, as defined by the server).
  std::int32_t mode = 0;
  /// The stream's subject (often a user or group id).
  std::string subject;
  /// The stream's subcontext.
  std::string subcontext;
  /// The stream's label.
  std::string label;
};

/// Data runtime code sent on a stream.
struct StreamData {
  /// The stream the data was sent on.
  Stream stream;
  /// The sender, when the data came from a user's presence.
  std::optional<UserPresence> sender;
  std::string data;  ///< Text, as sent by the runtime (not base64).
  /// Whether it was sent reliably.
  bool reliable = false;
};

/// Users joined or left a stream.
struct StreamPresenceEvent {
  /// The stream.
  Stream stream;
  /// Users who joined.
  std::vector<UserPresence> joins;
  /// Users who left.
  std::vector<UserPresence> leaves;
};

/// The reply to a socket RPC.
struct Rpc {
  /// The function's id.
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
  /// The close reason text, when the close frame had one.
  std::string reason;
  bool requested = false;      ///< True when close() (or destroying the socket) ended the connection.
  bool willReconnect = false;  ///< True when the socket is about to reconnect on its own.
};

/// The state's name, e.g. "connected".
NAKAMA_API const char* toString(ConnectionState state);

}  // namespace nakama
