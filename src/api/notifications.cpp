#include "nakama/notifications.h"

#include "api/notifications_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

NotificationsApi Client::notifications() const { return NotificationsApi(core_); }

NotificationsApi::NotificationsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

Future<NotificationList> NotificationsApi::list(const NotificationListOptions& options, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/notification";
  request.query.addOptional("limit", options.limit);
  request.query.addNonEmpty("cacheable_cursor", options.cacheableCursor);
  request.options = call;
  return core_->call<NotificationList>(std::move(request));
}

Future<void> NotificationsApi::remove(const std::vector<std::string>& ids, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "DELETE";
  request.path = "/v2/notification";
  request.query.addAll("ids", ids);
  request.options = call;
  return core_->callVoid(std::move(request));
}

}  // namespace nakama
