#include "rest/idempotency.h"

#include <cstddef>
#include <string_view>

namespace nakama::internal {

namespace {

struct NotIdempotent {
  std::string_view method;
  const char* path;  // `*` stands for one path segment
  const char* why;
};

// Calls that a repeat after a lost answer would apply twice, or fail although the first one worked.
constexpr NotIdempotent kNotIdempotent[] = {
    {"POST", "/v2/rpc/*", "a runtime function may change state"},
    {"POST", "/v2/event", "a repeat is a second event"},
    {"POST", "/v2/leaderboard/*", "num_score counts every write; incr/decr boards add the score again"},
    {"PUT", "/v2/tournament/*", "num_score counts every write; incr/decr tournaments add the score again"},
    {"DELETE", "/v2/account", "a repeat fails with \"Auth token invalid\""},
    {"POST", "/v2/group", "a repeat fails with \"Group name is in use.\""},
    {"DELETE", "/v2/group/*", "a repeat fails with \"Group not found\""},
    {"POST", "/v2/group/*/promote", "each repeat raises the role once more"},
    {"POST", "/v2/group/*/demote", "each repeat lowers the role once more"},
};

bool matches(const char* pattern, const std::string& path) {
  std::size_t i = 0;
  for (const char* p = pattern; *p; ++p) {
    if (*p == '*') {
      if (i >= path.size() || path[i] == '/') return false;  // a segment is not empty
      while (i < path.size() && path[i] != '/') ++i;
    } else {
      if (i >= path.size() || path[i] != *p) return false;
      ++i;
    }
  }
  return i == path.size();
}

}  // namespace

bool isIdempotent(const std::string& method, const std::string& path) {
  const std::string_view verb = method;  // compared by length first: a GET is ruled out without reading a byte
  for (const auto& call : kNotIdempotent) {
    if (verb == call.method && matches(call.path, path)) return false;
  }
  return true;
}

}  // namespace nakama::internal
