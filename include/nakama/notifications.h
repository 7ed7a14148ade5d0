#pragma once

// Stored (persistent) notifications: list and delete. Live notifications arrive on the realtime socket.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/notification.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// A page of notifications (`api.NotificationList`).
struct NotificationList {
  std::vector<Notification> notifications;  ///< Oldest first.
  /// Pass it to the next `list()` to get only what arrived after this page. It is returned even when
  /// the page is empty, so it can be stored and reused across launches.
  std::string cacheableCursor;
};

/// Which page of notifications `NotificationsApi::list` returns.
struct NotificationListOptions {
  std::optional<std::int32_t> limit;  ///< 1..100; the server's default is 1.
  /// Only notifications after this cursor (a NotificationList::cacheableCursor); empty = from the start.
  std::string cacheableCursor;
};

/// `client.notifications()`.
class NAKAMA_API NotificationsApi {
 public:
  /// Lists the session user's notifications (`list({100})`, `list({100, savedCursor})`).
  Future<NotificationList> list(const NotificationListOptions& options = {}, const CallOptions& call = {});

  /// Deletes notifications by id. Unknown ids are ignored by the server.
  Future<void> remove(const std::vector<std::string>& ids, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit NotificationsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
