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
}

/// A page of notifications (`api.NotificationList`).
struct NotificationList {
  std::vector<Notification> notifications;  ///< Oldest first.
  /// Pass it to the next `list()` to get only what arrived after this page. It is returned even when
  /// the page is empty, so it can be stored and reused across launches.
  std::string cacheableCursor;
};

/// `client.notifications()`.
class NAKAMA_API NotificationsApi {
 public:
  explicit NotificationsApi(std::shared_ptr<internal::ClientCore> core);

  /// Lists the session user's notifications after `cacheableCursor` (from the start when empty).
  /// `limit` 1-100; the server's default is 1.
  Future<NotificationList> list(std::optional<std::int32_t> limit = std::nullopt,
                                const std::string& cacheableCursor = {}, const CallOptions& call = {});

  /// Deletes notifications by id. Unknown ids are ignored by the server.
  Future<void> remove(const std::vector<std::string>& ids, const CallOptions& call = {});

 private:
  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
