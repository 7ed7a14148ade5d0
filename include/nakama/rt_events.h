#pragma once

// The one list of events the server pushes on the realtime socket. Each row is
//   X(Name, Model, "wire_key")
// and gives `RtSocket::on<Name>(std::function<void(const Model&)>)`; the SDK's decoder and dispatcher are
// generated from the same rows, so an event exists everywhere or nowhere.
//
// What each event means, as the API reference shows it on the generated RtSocket handlers (Doxygen
// expands the table there). A new row needs its entry here, or the `docs` target fails.
// clang-format off
/// \fn Subscription RtSocket::onChannelMessage(std::function<void(const ChannelMessage&)> handler)
/// A chat message arrived in a channel you joined (your own messages too, before the send's ack).

/// \fn Subscription RtSocket::onChannelPresence(std::function<void(const ChannelPresenceEvent&)> handler)
/// Users joined or left a chat channel you are in.

/// \fn Subscription RtSocket::onMatchData(std::function<void(const MatchData&)> handler)
/// Another match member (or an authoritative match) sent data.

/// \fn Subscription RtSocket::onMatchPresence(std::function<void(const MatchPresenceEvent&)> handler)
/// Users joined or left a match you are in.

/// \fn Subscription RtSocket::onMatchmakerMatched(std::function<void(const MatchmakerMatched&)> handler)
/// The matchmaker found a match for one of your tickets.

/// \fn Subscription RtSocket::onNotification(std::function<void(const Notification&)> handler)
/// A notification arrived (the server pushes them in batches; each is delivered alone).

/// \fn Subscription RtSocket::onStatusPresence(std::function<void(const StatusPresenceEvent&)> handler)
/// A user you follow came online, went offline or changed status.

/// \fn Subscription RtSocket::onStreamData(std::function<void(const StreamData&)> handler)
/// Data arrived on a stream the server's runtime put you in.

/// \fn Subscription RtSocket::onStreamPresence(std::function<void(const StreamPresenceEvent&)> handler)
/// Users joined or left such a stream.

/// \fn Subscription RtSocket::onParty(std::function<void(const Party&)> handler)
/// You joined a party (an open party, or the leader accepted your request).

/// \fn Subscription RtSocket::onPartyPresence(std::function<void(const PartyPresenceEvent&)> handler)
/// Members joined or left your party.

/// \fn Subscription RtSocket::onPartyLeader(std::function<void(const PartyLeader&)> handler)
/// Your party has a new leader.

/// \fn Subscription RtSocket::onPartyJoinRequest(std::function<void(const PartyJoinRequest&)> handler)
/// (Leader) users asked to join your closed party.

/// \fn Subscription RtSocket::onPartyData(std::function<void(const PartyData&)> handler)
/// Another party member sent data.

/// \fn Subscription RtSocket::onPartyMatchmakerTicket(std::function<void(const PartyMatchmakerTicket&)> handler)
/// Your party's leader added the party to the matchmaker.

/// \fn Subscription RtSocket::onPartyClose(std::function<void(const PartyClose&)> handler)
/// The party was closed, or you were removed from it.
// clang-format on

#include "nakama/rt_models.h"

#define NAKAMA_RT_SERVER_EVENTS(X)                                           \
  X(ChannelMessage, ChannelMessage, "channel_message")                       \
  X(ChannelPresence, ChannelPresenceEvent, "channel_presence_event")         \
  X(MatchData, MatchData, "match_data")                                      \
  X(MatchPresence, MatchPresenceEvent, "match_presence_event")               \
  X(MatchmakerMatched, MatchmakerMatched, "matchmaker_matched")              \
  X(Notification, Notification, "notifications")                             \
  X(StatusPresence, StatusPresenceEvent, "status_presence_event")            \
  X(StreamData, StreamData, "stream_data")                                   \
  X(StreamPresence, StreamPresenceEvent, "stream_presence_event")            \
  X(Party, Party, "party")                                                   \
  X(PartyPresence, PartyPresenceEvent, "party_presence_event")               \
  X(PartyLeader, PartyLeader, "party_leader")                                \
  X(PartyJoinRequest, PartyJoinRequest, "party_join_request")                \
  X(PartyData, PartyData, "party_data")                                      \
  X(PartyMatchmakerTicket, PartyMatchmakerTicket, "party_matchmaker_ticket") \
  X(PartyClose, PartyClose, "party_close")
