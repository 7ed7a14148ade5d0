#include "nakama/tournaments.h"

#include "api/leaderboard_json.h"
#include "api/tournament_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

using internal::RestRequest;

TournamentsApi Client::tournaments() const { return TournamentsApi(core_); }

TournamentsApi::TournamentsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

namespace {
std::string tournamentPath(const std::string& tournamentId) {
  return "/v2/tournament/" + internal::percentEncode(tournamentId);
}
Error missing(const char* what) { return Error{ErrorKind::kInvalidArgument, std::string(what) + " must not be empty"}; }
}  // namespace

Future<TournamentList> TournamentsApi::list(const TournamentListOptions& options, const CallOptions& call) {
  RestRequest request;
  request.method = "GET";
  request.path = "/v2/tournament";
  request.query.addOptional("category_start", options.categoryStart);
  request.query.addOptional("category_end", options.categoryEnd);
  if (options.startTime) request.query.add("start_time", internal::unixSeconds(*options.startTime));
  if (options.endTime) request.query.add("end_time", internal::unixSeconds(*options.endTime));
  request.query.addOptional("limit", options.limit);
  request.query.addNonEmpty("cursor", options.cursor);
  request.options = call;
  return core_->call<TournamentList>(std::move(request));
}

Future<void> TournamentsApi::join(const std::string& tournamentId, const CallOptions& call) {
  if (tournamentId.empty()) return core_->failVoid(missing("tournamentId"));
  RestRequest request;
  request.method = "POST";
  request.path = tournamentPath(tournamentId) + "/join";
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<LeaderboardRecord> TournamentsApi::writeRecord(const std::string& tournamentId,
                                                      const LeaderboardRecordWrite& record, const CallOptions& call) {
  if (tournamentId.empty()) return core_->fail<LeaderboardRecord>(missing("tournamentId"));
  RestRequest request;
  request.method = "PUT";
  request.path = tournamentPath(tournamentId);
  request.json = internal::recordWriteBody(record);
  request.options = call;
  return core_->call<LeaderboardRecord>(std::move(request));
}

Future<TournamentRecordList> TournamentsApi::listRecords(const std::string& tournamentId,
                                                         const LeaderboardListOptions& options,
                                                         const CallOptions& call) {
  if (tournamentId.empty()) return core_->fail<TournamentRecordList>(missing("tournamentId"));
  RestRequest request;
  request.method = "GET";
  request.path = tournamentPath(tournamentId);
  internal::addRecordListQuery(request.query, options);
  request.options = call;
  return core_->call<TournamentRecordList>(std::move(request));
}

Future<TournamentRecordList> TournamentsApi::listRecordsAroundOwner(const std::string& tournamentId,
                                                                    const std::string& ownerId,
                                                                    const LeaderboardAroundOwnerOptions& options,
                                                                    const CallOptions& call) {
  if (tournamentId.empty()) return core_->fail<TournamentRecordList>(missing("tournamentId"));
  if (ownerId.empty()) return core_->fail<TournamentRecordList>(missing("ownerId"));
  RestRequest request;
  request.method = "GET";
  request.path = tournamentPath(tournamentId) + "/owner/" + internal::percentEncode(ownerId);
  internal::addAroundOwnerQuery(request.query, options);
  request.options = call;
  return core_->call<TournamentRecordList>(std::move(request));
}

}  // namespace nakama
