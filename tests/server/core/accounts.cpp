#include "core/accounts.h"

#include <algorithm>
#include <cctype>

namespace nakama::testserver {

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

bool Account::hasDevice(const std::string& deviceId) const {
  return std::any_of(devices.begin(), devices.end(), [&](const Device& d) { return d.id == deviceId; });
}

int Account::identityCount() const {
  int n = static_cast<int>(devices.size());
  for (const std::string* s :
       {&email, &customId, &facebookId, &facebookInstantGameId, &googleId, &gamecenterId, &steamId, &appleId}) {
    if (!s->empty()) ++n;
  }
  return n;
}

Account* Accounts::byId(const std::string& id) {
  auto it = accounts_.find(lower(id));
  return it == accounts_.end() ? nullptr : it->second.get();
}

template <typename Pred>
static Account* findIf(std::map<std::string, std::unique_ptr<Account>>& accounts, Pred pred) {
  for (auto& [id, a] : accounts) {
    if (pred(*a)) return a.get();
  }
  return nullptr;
}
// Identities are unique, so scan order does not matter for these lookups.

Account* Accounts::byUsername(const std::string& username) {
  if (username.empty()) return nullptr;
  return findIf(accounts_, [&](const Account& a) { return a.username == username; });
}
Account* Accounts::byDevice(const std::string& deviceId) {
  return findIf(accounts_, [&](const Account& a) { return a.hasDevice(deviceId); });
}
Account* Accounts::byEmail(const std::string& email) {
  if (email.empty()) return nullptr;
  std::string e = lower(email);
  return findIf(accounts_, [&](const Account& a) { return a.email == e; });
}
Account* Accounts::byCustomId(const std::string& customId) {
  if (customId.empty()) return nullptr;
  return findIf(accounts_, [&](const Account& a) { return a.customId == customId; });
}
Account* Accounts::byFacebookId(const std::string& facebookId) {
  if (facebookId.empty()) return nullptr;
  return findIf(accounts_, [&](const Account& a) { return a.facebookId == facebookId; });
}

Accounts::Accounts(const Clock& clock) : clock_(clock) {
  system_.id = kNilUuid;
  system_.createTime = system_.updateTime = clock_.unix();
}

Account& Accounts::create(const std::string& username) {
  auto a = std::make_unique<Account>();
  a->id = newUuid();
  a->username = username;
  a->createTime = a->updateTime = clock_.unix();
  a->seq = nextSeq_++;
  Account& ref = *a;
  accounts_[a->id] = std::move(a);
  return ref;
}

void Accounts::remove(const std::string& id) {
  auto it = accounts_.find(lower(id));
  if (it == accounts_.end()) return;
  for (auto& hook : deleteHooks_) hook(*it->second);
  accounts_.erase(it);
}

void Accounts::rename(Account& account, const std::string& username) { account.username = username; }

std::string Accounts::generateUsername() {
  for (;;) {
    std::string name = randomString(10, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (!byUsername(name)) return name;
  }
}

std::vector<Account*> Accounts::all() {
  std::vector<Account*> out;
  for (auto& [id, a] : accounts_) out.push_back(a.get());
  std::sort(out.begin(), out.end(), [](const Account* x, const Account* y) { return x->seq < y->seq; });
  return out;
}

Json Accounts::userJson(const Account& a) const {
  Json u = Json::object();
  u["id"] = a.id;
  setIfNotEmpty(u, "username", a.username);
  setIfNotEmpty(u, "display_name", a.displayName);
  setIfNotEmpty(u, "avatar_url", a.avatarUrl);
  setIfNotEmpty(u, "lang_tag", a.langTag);
  setIfNotEmpty(u, "location", a.location);
  setIfNotEmpty(u, "timezone", a.timezone);
  setIfNotEmpty(u, "metadata", a.metadata);
  setIfNotEmpty(u, "facebook_id", a.facebookId);
  setIfNotEmpty(u, "google_id", a.googleId);
  setIfNotEmpty(u, "gamecenter_id", a.gamecenterId);
  setIfNotEmpty(u, "steam_id", a.steamId);
  setIfTrue(u, "online", onlineCheck && onlineCheck(a.id));
  setIfNotZero(u, "edge_count", a.edgeCount);
  u["create_time"] = rfc3339(a.createTime);
  u["update_time"] = rfc3339(a.updateTime);
  setIfNotEmpty(u, "facebook_instant_game_id", a.facebookInstantGameId);
  setIfNotEmpty(u, "apple_id", a.appleId);
  return u;
}

Json Accounts::accountJson(const Account& a) const {
  Json out = Json::object();
  out["user"] = userJson(a);
  setIfNotEmpty(out, "wallet", a.wallet);
  setIfNotEmpty(out, "email", a.email);
  Json devices = Json::array();
  for (const auto& d : a.devices) devices.push_back(Json{{"id", d.id}});
  setIfNotEmpty(out, "devices", devices);
  setIfNotEmpty(out, "custom_id", a.customId);
  if (a.verifyTime) out["verify_time"] = rfc3339(a.verifyTime);
  if (a.disableTime) out["disable_time"] = rfc3339(a.disableTime);
  return out;
}

}  // namespace nakama::testserver
