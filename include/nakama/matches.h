#pragma once

// Listing running matches over REST. Creating and joining matches happen on the realtime socket.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// A running match as the listing reports it (`api.Match`).
struct MatchSummary {
  std::string matchId;         ///< Relayed: `"<uuid>."`; authoritative: `"<uuid>.<node>"`.
  bool authoritative = false;  ///< Run by server code (a match handler).
  std::string label;           ///< Authoritative matches: the handler's label (often JSON text).
  std::int32_t size = 0;       ///< Current number of players.
  std::int32_t tickRate = 0;   ///< Authoritative matches: ticks per second.
  std::string handlerName;     ///< Authoritative matches: the handler's name.
};

/// The running matches `MatchesApi::list()` found (`api.MatchList`).
struct MatchList {
  /// The matches found.
  std::vector<MatchSummary> matches;
};

/// Filters of `MatchesApi::list()`. Unset filters are not sent.
struct MatchListOptions {
  std::optional<std::int32_t> limit;  ///< 1-100; the server's default is 10.
  std::optional<bool> authoritative;  ///< Only authoritative (true) or only relayed (false) matches.
  /// Exact label match (authoritative matches only: the server rejects it with authoritative=false).
  std::optional<std::string> label;
  std::optional<std::int32_t> minSize;  ///< At least this many players.
  std::optional<std::int32_t> maxSize;  ///< At most this many players (>= minSize).
  /// A search query over authoritative matches, e.g. `+label.mode:deathmatch label.players:>=2`: parts
  /// `field:value` (`+` must, `-` must not; without `+` parts one plain part must match). Fields of a
  /// JSON label are `label.<key>`; terms are exact, booleans are the terms `T`/`F`, numbers compare
  /// with `>`, `>=`, `<`, `<=`. Other fields, bare terms and "quoted phrases" match nothing (write values
  /// unquoted). Results: best match first, then newest first. A query that does not parse fails with
  /// HTTP 500 (kInternal).
  std::optional<std::string> query;
};

/// `client.matches()`.
class NAKAMA_API MatchesApi {
 public:
  /// Lists running matches. Authoritative matches are found through a label index that the server
  /// updates in batches (about every second), so a new match, or a label change, shows up only after
  /// that delay; sizes are current.
  Future<MatchList> list(const MatchListOptions& options = {}, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit MatchesApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
