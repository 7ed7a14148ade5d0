// GET/DELETE /v2/notification with the cacheable cursor (the service itself is core/notifications.h).
#include "core/server_api.h"

namespace nakama::testserver {

namespace {
// Opaque cursor: the creation sequence of the last notification the client has seen.
std::string encodeCursor(std::uint64_t seq) { return base64Encode("nc:" + std::to_string(seq), true, false); }

std::uint64_t decodeCursor(const std::string& cursor) {
  auto raw = base64Decode(cursor);
  if (!raw || raw->compare(0, 3, "nc:") != 0) throw ApiError(GrpcCode::kInvalidArgument, "Malformed cursor was used.");
  try {
    return std::stoull(raw->substr(3));
  } catch (const std::exception&) {
    throw ApiError(GrpcCode::kInvalidArgument, "Malformed cursor was used.");
  }
}
}  // namespace

NAKAMA_TEST_SERVER_AREA(notifications) {
  ctx.router.add("GET", "/v2/notification", Auth::kSession, [&ctx](Request& req) {
    int limit = 1;
    if (auto l = req.queryInt32("limit")) {
      if (*l < 1 || *l > 100)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *l;
    }
    std::string cursor = req.queryValue("cacheable_cursor").value_or("");
    std::uint64_t after = cursor.empty() ? 0 : decodeCursor(cursor);
    auto list = ctx.notifications.list(req.user.userId, after, static_cast<std::size_t>(limit));
    Json out = Json::object();
    Json items = Json::array();
    for (const Notification* n : list) items.push_back(Notifications::toJson(*n, true));
    setIfNotEmpty(out, "notifications", items);
    // Always a cursor: past the last item, the one given, or "now" for an empty first listing.
    if (!list.empty())
      out["cacheable_cursor"] = encodeCursor(list.back()->seq);
    else
      out["cacheable_cursor"] = cursor.empty() ? encodeCursor(ctx.notifications.lastSeq()) : cursor;
    return out;
  });

  ctx.router.add("DELETE", "/v2/notification", Auth::kSession, [&ctx](Request& req) {
    auto ids = req.queryAll("ids");
    // Nakama hands the ids to its database as UUIDs: one that is not fails the whole delete.
    for (const auto& id : ids) {
      if (!isUuid(id)) throw ApiError(GrpcCode::kInternal, "Error while deleting notifications.");
    }
    if (!ids.empty()) ctx.notifications.remove(req.user.userId, ids);
    return Json::object();
  });
}

}  // namespace nakama::testserver
