#pragma once

// The one list of events the server pushes on the realtime socket. Each row is
//   X(Name, Model, "wire_key")
// and gives `RtSocket::on<Name>(std::function<void(const Model&)>)`; the SDK's decoder and dispatcher are
// generated from the same rows, so an event exists everywhere or nowhere.
//
//   ChannelMessage          a chat message in a channel you joined (your own too, before the send's ack)
//   ChannelPresence         users joined or left a channel you are in
//   MatchData               data another match member sent
//   MatchPresence           users joined or left a match you are in
//   MatchmakerMatched       the matchmaker found a match for one of your tickets
//   Notification            one notification (the server pushes them in batches; each is delivered alone)
//   StatusPresence          a user you follow came online, went offline or changed status
//   StreamData              data on a stream the server's runtime put you in
//   StreamPresence          users joined or left such a stream
//   Party                   you joined a party (open party, or the leader accepted your request)
//   PartyPresence           members joined or left your party
//   PartyLeader             your party has a new leader
//   PartyJoinRequest        (leader) users asked to join your closed party
//   PartyData               data another party member sent
//   PartyMatchmakerTicket   your party's leader added the party to the matchmaker
//   PartyClose              the party was closed, or you were removed from it

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
