#pragma once

// Analytics-style events passed to the server's event handlers.

#include <memory>
#include <optional>
#include <string>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// An event (`api.Event`).
struct Event {
  std::string name;                    ///< Required: an event name, type or category.
  StringMap properties;                ///< Arbitrary string properties.
  std::optional<Timestamp> timestamp;  ///< When it happened; unset = when the server receives it.
  bool external = false;               ///< True when the event originated outside the game client.
};

/// `client.events()`.
class NAKAMA_API EventsApi {
 public:
  /// Sends an event. Not retried automatically (a repeat would be a second event) unless
  /// `call.idempotent` is set. Fails with kInvalidArgument, without I/O, when the name is empty.
  Future<void> send(const Event& event, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit EventsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
