#include "areas/identity.h"

#include <algorithm>
#include <cctype>

namespace nakama::testserver::identity {

bool hasSpaceOrControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F || c == ' '; });
}

bool hasUsernameInvalidChars(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

bool looksLikeEmail(const std::string& s) {
  auto at = s.find('@', 1);
  while (at != std::string::npos) {
    auto dot = s.find('.', at + 2);
    if (dot != std::string::npos && dot + 1 < s.size()) return true;
    at = s.find('@', at + 1);
  }
  return false;
}

std::string toLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void validateDeviceId(const std::string& id) {
  if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Device ID is required.");
  if (hasSpaceOrControl(id))
    throw ApiError(GrpcCode::kInvalidArgument, "Device ID invalid, no spaces or control characters allowed.");
  if (id.size() < 10 || id.size() > 128)
    throw ApiError(GrpcCode::kInvalidArgument, "Device ID invalid, must be 10-128 bytes.");
}

void validateCustomId(const std::string& id) {
  if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Custom ID is required.");
  if (hasSpaceOrControl(id))
    throw ApiError(GrpcCode::kInvalidArgument, "Custom ID invalid, no spaces or control characters allowed.");
  if (id.size() < 6 || id.size() > 128)
    throw ApiError(GrpcCode::kInvalidArgument, "Custom ID invalid, must be 6-128 bytes.");
}

std::string usernameOrGenerated(AreaContext& ctx, const std::string& requested) {
  if (requested.empty()) return ctx.accounts.generateUsername();
  if (hasUsernameInvalidChars(requested))
    throw ApiError(GrpcCode::kInvalidArgument, "Username invalid, no spaces or control characters allowed.");
  if (requested.size() > 128) throw ApiError(GrpcCode::kInvalidArgument, "Username invalid, must be 1-128 bytes.");
  return requested;
}

}  // namespace nakama::testserver::identity
