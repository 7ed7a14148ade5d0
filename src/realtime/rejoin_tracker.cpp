#include "realtime/rejoin_tracker.h"

namespace nakama::internal {

namespace {

std::string stringField(const Json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void insertStrings(std::set<std::string>& into, const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return;
  for (const auto& value : *it) {
    if (value.is_string()) into.insert(value.get<std::string>());
  }
}

}  // namespace

bool RejoinTracker::tracks(const std::string& key) {
  return key == "channel_join" || key == "channel_leave" || key == "match_create" || key == "match_join" ||
         key == "match_leave" || key == "status_follow" || key == "status_unfollow" || key == "status_update" ||
         key == "party_create" || key == "party_leave" || key == "party_close";
}

void RejoinTracker::onReply(const std::string& key, const Json& request, const JsonValue& reply) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (key == "channel_join") {
    const auto id = stringMember(reply, "id");
    if (!id.empty()) channels_[id] = request;
  } else if (key == "channel_leave") {
    channels_.erase(stringField(request, "channel_id"));
  } else if (key == "match_create" || key == "match_join") {
    const auto id = stringMember(reply, "match_id");
    if (!id.empty()) matches_.insert(id);
  } else if (key == "match_leave") {
    matches_.erase(stringField(request, "match_id"));
  } else if (key == "status_follow") {
    insertStrings(followedIds_, request, "user_ids");
    insertStrings(followedUsernames_, request, "usernames");
  } else if (key == "status_unfollow") {
    std::set<std::string> ids;
    insertStrings(ids, request, "user_ids");
    for (const auto& id : ids) followedIds_.erase(id);
  } else if (key == "status_update") {
    // `{}` is appearOffline(): nothing to restore.
    if (request.contains("status"))
      status_ = stringField(request, "status");
    else
      status_.reset();
  } else if (key == "party_create") {
    const auto id = stringMember(reply, "party_id");
    if (!id.empty()) partyId_ = id;
  } else if (key == "party_leave" || key == "party_close") {
    if (partyId_ && *partyId_ == stringField(request, "party_id")) partyId_.reset();
  }
}

void RejoinTracker::observe(const Party& party) {
  std::lock_guard<std::mutex> lock(mutex_);
  partyId_ = party.partyId;
}

void RejoinTracker::observe(const PartyClose& close) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (partyId_ && *partyId_ == close.partyId) partyId_.reset();
}

std::vector<std::string> RejoinTracker::takeMatches() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> matches(matches_.begin(), matches_.end());
  matches_.clear();
  return matches;
}

std::vector<RejoinTracker::Step> RejoinTracker::takeRejoinSteps() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Step> steps;
  for (auto& [channelId, join] : channels_) {
    steps.push_back({"channel_join", std::move(join), "channel", "rejoining chat channel " + channelId + " failed"});
  }
  channels_.clear();
  if (!followedIds_.empty() || !followedUsernames_.empty()) {
    Json body = Json::object();
    if (!followedIds_.empty()) body["user_ids"] = std::vector<std::string>(followedIds_.begin(), followedIds_.end());
    if (!followedUsernames_.empty())
      body["usernames"] = std::vector<std::string>(followedUsernames_.begin(), followedUsernames_.end());
    steps.push_back({"status_follow", std::move(body), "status", "following users again failed"});
    followedIds_.clear();
    followedUsernames_.clear();
  }
  if (status_) steps.push_back({"status_update", Json{{"status", *status_}}, "", "restoring the status failed"});
  if (partyId_) {
    steps.push_back({"party_join", Json{{"party_id", *partyId_}}, "", "rejoining party " + *partyId_ + " failed"});
    partyId_.reset();  // tracked again when the `party` event arrives
  }
  return steps;
}

void RejoinTracker::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  channels_.clear();
  matches_.clear();
  followedIds_.clear();
  followedUsernames_.clear();
  status_.reset();
  partyId_.reset();
}

}  // namespace nakama::internal
