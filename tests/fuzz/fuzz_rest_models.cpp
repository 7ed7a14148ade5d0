// Every REST response model decoder (src/api/*_json.cpp and the models decoded next to their facades),
// applied to the same input: one target covers the whole family.

#include "api/account_json.h"
#include "api/friends_json.h"
#include "api/groups_json.h"
#include "api/leaderboard_json.h"
#include "api/storage_json.h"
#include "api/users_json.h"
#include "core/channel_message_json.h"
#include "core/notification_json.h"
#include "fuzz_common.h"
#include "nakama/chat.h"
#include "nakama/matches.h"
#include "nakama/notifications.h"
#include "nakama/purchases.h"
#include "nakama/tournaments.h"

namespace nakama {
// Decoders defined next to their facades (src/api/*.cpp).
void from_json(const internal::JsonValue& j, NotificationList& out);
void from_json(const internal::JsonValue& j, ValidatePurchaseResponse& out);
void from_json(const internal::JsonValue& j, ValidateSubscriptionResponse& out);
void from_json(const internal::JsonValue& j, SubscriptionList& out);
void from_json(const internal::JsonValue& j, Tournament& out);
void from_json(const internal::JsonValue& j, TournamentList& out);
void from_json(const internal::JsonValue& j, ChannelMessageList& out);
void from_json(const internal::JsonValue& j, MatchList& out);
}  // namespace nakama

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nakama;
  const std::string input = fuzz::text(data, size);
  const auto document = internal::tryParseJson(input);  // parsed the way the SDK parses answers
  if (!document) return 0;
  const internal::JsonValue j = document->root();
  fuzz::decode<Account>(j);
  fuzz::decode<FriendList>(j);
  fuzz::decode<GroupList>(j);
  fuzz::decode<GroupUserList>(j);
  fuzz::decode<UserGroupList>(j);
  fuzz::decode<LeaderboardRecordList>(j);
  fuzz::decode<StorageObjects>(j);
  fuzz::decode<StorageObjectList>(j);
  fuzz::decode<StorageObjectAcks>(j);
  fuzz::decode<Users>(j);
  fuzz::decode<ChannelMessage>(j);
  fuzz::decode<Notification>(j);
  fuzz::decode<NotificationList>(j);
  fuzz::decode<ValidatePurchaseResponse>(j);
  fuzz::decode<ValidateSubscriptionResponse>(j);
  fuzz::decode<SubscriptionList>(j);
  fuzz::decode<TournamentList>(j);
  fuzz::decode<ChannelMessageList>(j);
  fuzz::decode<MatchList>(j);
  return 0;
}
