#pragma once

// Frames captured from a real Nakama 3.15 server (docs/PROTOCOL.md §13.2), byte for byte.
// Server -> client unless named k...Sent. Replies keep their original cid; tests swap in the cid the SDK used.

namespace nakama::test::frames {

inline constexpr const char* kStatusPresenceJoin =
    R"json({"status_presence_event":{"joins":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174", "status":""}]}})json";
inline constexpr const char* kPongReply = R"json({"cid":"1", "pong":{}})json";
inline constexpr const char* kAckReply = R"json({"cid":"2"})json";
inline constexpr const char* kStatusPresenceChange =
    R"json({"status_presence_event":{"joins":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174", "status":"ref here"}], "leaves":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174", "status":""}]}})json";
inline constexpr const char* kMatchCreateReply =
    R"json({"cid":"3", "match":{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", "size":1, "self":{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}}})json";
inline constexpr const char* kMatchPresenceJoinSelf =
    R"json({"match_presence_event":{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", "joins":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}]}})json";
inline constexpr const char* kMatchJoinReply =
    R"json({"cid":"4", "match":{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", "size":1, "presences":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}], "self":{"user_id":"7e34773d-dd51-4b1a-8198-b26fa5d6cc87", "session_id":"24de94f0-e776-11f1-be0f-7106fdcb5b46", "username":"ref_b_607527174"}}})json";
inline constexpr const char* kMatchData =
    R"json({"match_data":{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", "presence":{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}, "op_code":"7", "data":"eyJtb3ZlIjoxfQ==", "reliable":true}})json";
inline constexpr const char* kChannelJoinReply =
    R"json({"cid":"5", "channel":{"id":"2...ref_shared_room", "self":{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}, "room_name":"ref_shared_room"}})json";
inline constexpr const char* kChannelPresenceJoin =
    R"json({"channel_presence_event":{"channel_id":"2...ref_shared_room", "joins":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}], "room_name":"ref_shared_room"}})json";
inline constexpr const char* kChannelJoinReplyWithPresences =
    R"json({"cid":"6", "channel":{"id":"2...ref_shared_room", "presences":[{"user_id":"35107a95-6842-4d43-abf6-072083ccdbe5", "session_id":"24de7f69-e776-11f1-be0f-7106fdcb5b46", "username":"ref_a_607527174"}], "self":{"user_id":"7e34773d-dd51-4b1a-8198-b26fa5d6cc87", "session_id":"24de94f0-e776-11f1-be0f-7106fdcb5b46", "username":"ref_b_607527174"}, "room_name":"ref_shared_room"}})json";
inline constexpr const char* kChannelMessage =
    R"json({"channel_message":{"channel_id":"2...ref_shared_room", "message_id":"1b4f11a8-fd4b-4c24-892c-97a7adf90163", "code":0, "sender_id":"7e34773d-dd51-4b1a-8198-b26fa5d6cc87", "username":"ref_b_607527174", "content":"{\"text\":\"hi from B\"}", "create_time":"2026-11-23T19:43:25Z", "update_time":"2026-11-23T19:43:25Z", "persistent":false, "room_name":"ref_shared_room"}})json";
inline constexpr const char* kChannelMessageAck =
    R"json({"cid":"7", "channel_message_ack":{"channel_id":"2...ref_shared_room", "message_id":"1b4f11a8-fd4b-4c24-892c-97a7adf90163", "code":0, "username":"ref_b_607527174", "create_time":"2026-11-23T19:43:25Z", "update_time":"2026-11-23T19:43:25Z", "persistent":false, "room_name":"ref_shared_room"}})json";
inline constexpr const char* kStatusFollowReply =
    R"json({"cid":"3", "status":{"presences":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"c23b7481-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621", "status":"ref online"}]}})json";
inline constexpr const char* kMatchDataFiltered =
    R"json({"match_data":{"match_id":"67f6e876-750b-45ba-834b-daf49bb136bb.", "presence":{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"c23bad10-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}, "op_code":"3", "data":"aGk="}})json";
inline constexpr const char* kMatchDataSendError = R"json({"error":{"code":3, "message":"Invalid match ID"}})json";
inline constexpr const char* kMatchPresenceLeave =
    R"json({"match_presence_event":{"match_id":"67f6e876-750b-45ba-834b-daf49bb136bb.", "leaves":[{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"c23bad10-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}]}})json";
inline constexpr const char* kMatchCreateNamedReply =
    R"json({"cid":"9", "match":{"match_id":"84599aab-ff4d-53ae-911b-c4770a4c1057.", "size":1, "self":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"c23b7481-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}}})json";
inline constexpr const char* kMatchNotFoundError =
    R"json({"cid":"10", "error":{"code":4, "message":"Match not found"}})json";
inline constexpr const char* kStatusPresenceLeave =
    R"json({"status_presence_event":{"leaves":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"c23b7481-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621", "status":"ref busy"}]}})json";
inline constexpr const char* kChannelMessageUpdated =
    R"json({"channel_message":{"channel_id":"2...ref_room_776151621", "message_id":"34a7e59a-d22a-4c43-b096-4ab013f5d5fe", "code":1, "sender_id":"a44aba12-f041-49fa-8479-083c27a49158", "username":"ref_a_776151621", "content":"{\"text\":\"edited\"}", "create_time":"2026-11-23T19:40:57Z", "update_time":"2026-11-23T19:40:57Z", "persistent":true, "room_name":"ref_room_776151621"}})json";
inline constexpr const char* kChannelMessageUpdateAck =
    R"json({"cid":"4", "channel_message_ack":{"channel_id":"2...ref_room_776151621", "message_id":"34a7e59a-d22a-4c43-b096-4ab013f5d5fe", "code":1, "username":"ref_a_776151621", "create_time":"2026-11-23T19:40:57Z", "update_time":"2026-11-23T19:40:57Z", "persistent":true, "room_name":"ref_room_776151621"}})json";
inline constexpr const char* kBadContentError =
    R"json({"cid":"5", "error":{"code":3, "message":"Message content must be a valid JSON object"}})json";
inline constexpr const char* kChannelMessageRemoved =
    R"json({"channel_message":{"channel_id":"2...ref_room_776151621", "message_id":"34a7e59a-d22a-4c43-b096-4ab013f5d5fe", "code":2, "sender_id":"a44aba12-f041-49fa-8479-083c27a49158", "username":"ref_a_776151621", "content":"{}", "create_time":"2026-11-23T19:40:57Z", "update_time":"2026-11-23T19:40:58Z", "persistent":true, "room_name":"ref_room_776151621"}})json";
inline constexpr const char* kChannelMessageRemoveAck =
    R"json({"cid":"6", "channel_message_ack":{"channel_id":"2...ref_room_776151621", "message_id":"34a7e59a-d22a-4c43-b096-4ab013f5d5fe", "code":2, "username":"ref_a_776151621", "create_time":"2026-11-23T19:40:58Z", "update_time":"2026-11-23T19:40:58Z", "persistent":true, "room_name":"ref_room_776151621"}})json";
inline constexpr const char* kChannelPresenceLeave =
    R"json({"channel_presence_event":{"channel_id":"2...ref_room_776151621", "leaves":[{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"cd315c01-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621", "persistence":true}], "room_name":"ref_room_776151621"}})json";
inline constexpr const char* kDmChannelPresence =
    R"json({"channel_presence_event":{"channel_id":"4.80359edc-4621-41d2-a84d-77cfd2c68b4f.a44aba12-f041-49fa-8479-083c27a49158.", "joins":[{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"cd315c01-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621", "persistence":true}], "user_id_one":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "user_id_two":"a44aba12-f041-49fa-8479-083c27a49158"}})json";
inline constexpr const char* kDmNotification =
    R"json({"notifications":{"notifications":[{"id":"1855031a-8f45-4cd2-80e3-4881e74b34b4", "subject":"ref_b_776151621 wants to chat", "content":"{\"username\":\"ref_b_776151621\"}", "code":-1, "sender_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "create_time":"2026-11-23T19:40:59Z", "persistent":true}]}})json";
inline constexpr const char* kDmChannelJoinReply =
    R"json({"cid":"8", "channel":{"id":"4.80359edc-4621-41d2-a84d-77cfd2c68b4f.a44aba12-f041-49fa-8479-083c27a49158.", "self":{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"cd315c01-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621", "persistence":true}, "user_id_one":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "user_id_two":"a44aba12-f041-49fa-8479-083c27a49158"}})json";
inline constexpr const char* kRpcEchoReply = R"json({"cid":"10", "rpc":{"id":"ref_echo", "payload":"{\"x\":1}"}})json";
inline constexpr const char* kRpcFailureError =
    R"json({"cid":"11", "error":{"code":7, "message":"ref failure message"}})json";
inline constexpr const char* kRpcNotFoundError =
    R"json({"cid":"12", "error":{"code":6, "message":"RPC function not found"}})json";
inline constexpr const char* kStreamPresence =
    R"json({"stream_presence_event":{"stream":{"mode":123, "subject":"a44aba12-f041-49fa-8479-083c27a49158", "label":"ref"}, "joins":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"cd3147c8-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}]}})json";
inline constexpr const char* kRuntimeNotification =
    R"json({"notifications":{"notifications":[{"id":"370a1bd1-e2e9-4efc-8121-d419633cb822", "subject":"ref subject", "content":"{\"hello\":\"world\"}", "code":101, "sender_id":"00000000-0000-0000-0000-000000000000", "create_time":"2026-11-23T19:41:00Z", "persistent":true}]}})json";
inline constexpr const char* kStreamData =
    R"json({"stream_data":{"stream":{"mode":123, "subject":"a44aba12-f041-49fa-8479-083c27a49158", "label":"ref"}, "data":"{\"x\":1}", "reliable":true}})json";
inline constexpr const char* kPartyCreateReply =
    R"json({"cid":"1", "party":{"party_id":"42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk", "open":true, "max_size":4, "self":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "leader":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "presences":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}]}})json";
inline constexpr const char* kPartyPresenceJoin =
    R"json({"party_presence_event":{"party_id":"42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk", "joins":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}]}})json";
inline constexpr const char* kPartyPushed =
    R"json({"party":{"party_id":"42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk", "open":true, "max_size":4, "self":{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"d781aaea-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}, "leader":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "presences":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, {"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"d781aaea-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}]}})json";
inline constexpr const char* kPartyData =
    R"json({"party_data":{"party_id":"42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk", "presence":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "op_code":"5", "data":"cGRhdGE="}})json";
inline constexpr const char* kEmptyEnvelope = R"json({})json";
inline constexpr const char* kClosedPartyCreateReply =
    R"json({"cid":"6", "party":{"party_id":"c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk", "max_size":2, "self":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "leader":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "presences":[{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}]}})json";
inline constexpr const char* kPartyJoinRequestPush =
    R"json({"party_join_request":{"party_id":"c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk", "presences":[{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"d781aaea-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}]}})json";
inline constexpr const char* kPartyJoinRequestReply =
    R"json({"cid":"8", "party_join_request":{"party_id":"c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk", "presences":[{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"d781aaea-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}]}})json";
inline constexpr const char* kPartyClose =
    R"json({"party_close":{"party_id":"c131d39b-7841-425a-9638-4e08ccd16ae9.ref_nk"}})json";
inline constexpr const char* kPartyMaxSizeError =
    R"json({"cid":"11b", "error":{"code":3, "message":"Invalid party max size, must be 1-256"}})json";
inline constexpr const char* kMatchmakerTicketReply =
    R"json({"cid":"12", "matchmaker_ticket":{"ticket":"1c10f06d-cb60-4916-aaec-85176effe920"}})json";
inline constexpr const char* kMatchmakerMatched =
    R"json({"matchmaker_matched":{"ticket":"1c10f06d-cb60-4916-aaec-85176effe920", "token":"eyJhbGciO…(JWT trimmed)", "users":[{"presence":{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"d781aaea-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}, "string_properties":{"region":"ref"}, "numeric_properties":{"skill":11}}, {"presence":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "string_properties":{"region":"ref"}, "numeric_properties":{"skill":10.5}}], "self":{"presence":{"user_id":"a44aba12-f041-49fa-8479-083c27a49158", "session_id":"d7819a3a-e775-11f1-823c-fd476a6ef1b3", "username":"ref_a_776151621"}, "string_properties":{"region":"ref"}, "numeric_properties":{"skill":10.5}}}})json";
inline constexpr const char* kMatchmakerTicketNotFoundError =
    R"json({"cid":"15", "error":{"code":3, "message":"Matchmaker ticket not found"}})json";
inline constexpr const char* kPartyMatchmakerTicketReply =
    R"json({"cid":"3", "party_matchmaker_ticket":{"party_id":"cd1bebab-5e02-427a-be70-b466fbbb4b87.ref_nk", "ticket":"34760c50-1d14-4273-8044-1a78ae669347"}})json";
inline constexpr const char* kPartyMatchmakerTicketPush =
    R"json({"party_matchmaker_ticket":{"party_id":"cd1bebab-5e02-427a-be70-b466fbbb4b87.ref_nk", "ticket":"34760c50-1d14-4273-8044-1a78ae669347"}})json";
inline constexpr const char* kPartyLeader =
    R"json({"party_leader":{"party_id":"cd1bebab-5e02-427a-be70-b466fbbb4b87.ref_nk", "presence":{"user_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", "session_id":"fb84285d-e775-11f1-823c-fd476a6ef1b3", "username":"ref_b_776151621"}}})json";

// Client frames as the capturing client sent them (the SDK must send equivalent JSON).
inline constexpr const char* kMatchDataSendSent =
    R"json({"match_data_send":{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.","op_code":"7","data":"eyJtb3ZlIjoxfQ==","reliable":true}})json";
inline constexpr const char* kChannelJoinSent =
    R"json({"cid":"5","channel_join":{"target":"ref_shared_room","type":1,"persistence":false}})json";
inline constexpr const char* kPartyDataSendSent =
    R"json({"party_data_send":{"party_id":"42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk","op_code":"5","data":"cGRhdGE="}})json";
inline constexpr const char* kMatchmakerAddSent =
    R"json({"cid":"12","matchmaker_add":{"min_count":2,"max_count":2,"query":"+properties.region:ref","string_properties":{"region":"ref"},"numeric_properties":{"skill":10.5}}})json";
inline constexpr const char* kStatusFollowSent =
    R"json({"cid":"3","status_follow":{"user_ids":["a44aba12-f041-49fa-8479-083c27a49158"]}})json";

}  // namespace nakama::test::frames
