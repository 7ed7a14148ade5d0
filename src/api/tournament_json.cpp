#include "api/tournament_json.h"

namespace nakama {

namespace {
/// The uint32 unix-seconds fields of api.Tournament, read into Timestamps.
void readUnixTime(const internal::JsonValue& j, const char* key, Timestamp& out) {
  std::uint32_t seconds = 0;
  internal::read(j, key, seconds);
  if (j.find(key)) out = internal::fromUnixSeconds(seconds);
}
}  // namespace

void from_json(const internal::JsonValue& j, Tournament& out) {
  using internal::read;
  read(j, "id", out.id);
  read(j, "title", out.title);
  read(j, "description", out.description);
  read(j, "category", out.category);
  read(j, "sort_order", out.sortOrder);
  read(j, "size", out.size);
  read(j, "max_size", out.maxSize);
  read(j, "max_num_score", out.maxNumScore);
  read(j, "can_enter", out.canEnter);
  readUnixTime(j, "end_active", out.endActive);
  readUnixTime(j, "next_reset", out.nextReset);
  read(j, "metadata", out.metadata);
  read(j, "create_time", out.createTime);
  read(j, "start_time", out.startTime);
  read(j, "end_time", out.endTime);
  read(j, "duration", out.duration);
  readUnixTime(j, "start_active", out.startActive);
  readUnixTime(j, "prev_reset", out.prevReset);
  read(j, "operator", out.scoreOperator);
  read(j, "authoritative", out.authoritative);
  read(j, "join_required", out.joinRequired);
}

void from_json(const internal::JsonValue& j, TournamentList& out) {
  internal::read(j, "tournaments", out.tournaments);
  internal::read(j, "cursor", out.cursor);
}
}  // namespace nakama
