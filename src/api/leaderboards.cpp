#include "nakama/leaderboards.h"

#include "api/leaderboard_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

using internal::RestRequest;

LeaderboardsApi Client::leaderboards() const { return LeaderboardsApi(core_); }

LeaderboardsApi::LeaderboardsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

namespace {
std::string leaderboardPath(const std::string& leaderboardId) {
  return "/v2/leaderboard/" + internal::percentEncode(leaderboardId);
}
Error missing(const char* what) { return Error{ErrorKind::kInvalidArgument, std::string(what) + " must not be empty"}; }
}  // namespace

Future<LeaderboardRecord> LeaderboardsApi::writeRecord(const std::string& leaderboardId,
                                                       const LeaderboardRecordWrite& record, const CallOptions& call) {
  if (leaderboardId.empty()) return core_->fail<LeaderboardRecord>(missing("leaderboardId"));
  RestRequest request;
  request.method = "POST";
  request.path = leaderboardPath(leaderboardId);
  request.json = internal::recordWriteBody(record);
  request.options = call;
  return core_->call<LeaderboardRecord>(std::move(request));
}

Future<LeaderboardRecordList> LeaderboardsApi::listRecords(const std::string& leaderboardId,
                                                           const LeaderboardListOptions& options,
                                                           const CallOptions& call) {
  if (leaderboardId.empty()) return core_->fail<LeaderboardRecordList>(missing("leaderboardId"));
  RestRequest request;
  request.method = "GET";
  request.path = leaderboardPath(leaderboardId);
  internal::addRecordListQuery(request.query, options);
  request.options = call;
  return core_->call<LeaderboardRecordList>(std::move(request));
}

Future<LeaderboardRecordList> LeaderboardsApi::listRecordsAroundOwner(const std::string& leaderboardId,
                                                                      const std::string& ownerId,
                                                                      const LeaderboardAroundOwnerOptions& options,
                                                                      const CallOptions& call) {
  if (leaderboardId.empty()) return core_->fail<LeaderboardRecordList>(missing("leaderboardId"));
  if (ownerId.empty()) return core_->fail<LeaderboardRecordList>(missing("ownerId"));
  RestRequest request;
  request.method = "GET";
  request.path = leaderboardPath(leaderboardId) + "/owner/" + internal::percentEncode(ownerId);
  internal::addAroundOwnerQuery(request.query, options);
  request.options = call;
  return core_->call<LeaderboardRecordList>(std::move(request));
}

Future<void> LeaderboardsApi::deleteRecord(const std::string& leaderboardId, const CallOptions& call) {
  if (leaderboardId.empty()) return core_->failVoid(missing("leaderboardId"));
  RestRequest request;
  request.method = "DELETE";
  request.path = leaderboardPath(leaderboardId);
  request.options = call;
  return core_->callVoid(std::move(request));
}

}  // namespace nakama
