#pragma once

// Chat over REST: the stored history of a channel. Joining channels and sending messages happen on
// the realtime socket.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/channel_message.h"
#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// A page of channel history (`api.ChannelMessageList`).
struct ChannelMessageList {
  /// The messages, in the order asked for (see ChannelMessageListOptions::forward).
  std::vector<ChannelMessage> messages;
  std::string nextCursor;  ///< Empty when there is no next page.
  std::string prevCursor;  ///< Empty when there is no previous page.
  /// Cursor to fetch only messages newer than this page later (returned with every non-empty page).
  std::string cacheableCursor;
};

/// Options of `ChatApi::listMessages()`.
struct ChannelMessageListOptions {
  std::optional<std::int32_t> limit;  ///< 1-100; the server's default is 1.
  /// true = oldest first (what a real 3.15 server does when unset); false = newest first.
  std::optional<bool> forward;
  std::string cursor;  ///< A cursor of an earlier page.
};

/// `client.chat()`.
class NAKAMA_API ChatApi {
 public:
  /// Lists the stored messages of a channel: `channelId` as given by the socket's channel join
  /// (`"2...<room>"`, `"3.<group id>.."`, `"4.<user id>.<user id>."`).
  Future<ChannelMessageList> listMessages(const std::string& channelId, const ChannelMessageListOptions& options = {},
                                          const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit ChatApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
