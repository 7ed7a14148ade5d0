#include "fake_http_transport.h"

#include <chrono>

#include "core/codec.h"
#include "core/json.h"

namespace nakama::test {

namespace {
std::string base64Url(const std::string& text) {
  std::string out = internal::base64Encode(text);
  for (auto& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}
}  // namespace

std::string makeJwt(const std::string& userId, const std::string& username, std::int64_t expiresEpochSeconds,
                    const std::map<std::string, std::string>& vars) {
  internal::Json claims{{"uid", userId}, {"usn", username}, {"exp", expiresEpochSeconds}};
  if (!vars.empty()) claims["vrs"] = vars;
  return base64Url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64Url(claims.dump()) + ".c2lnbmF0dXJl";
}

std::string sessionBody(const std::string& userId, std::int64_t sessionSeconds, std::int64_t refreshSeconds,
                        const std::string& tag) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::map<std::string, std::string> vars;
  if (!tag.empty()) vars["tag"] = tag;
  internal::Json body{{"token", makeJwt(userId, "user", now + sessionSeconds, vars)},
                      {"refresh_token", makeJwt(userId, "user", now + refreshSeconds)}};
  return body.dump();
}

}  // namespace nakama::test
