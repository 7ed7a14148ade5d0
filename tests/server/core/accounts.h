// User accounts: the shared user table every area reads (friends, groups, storage owners...).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/json_util.h"
#include "core/util.h"

namespace nakama::testserver {

struct Device {
  std::string id;
  std::map<std::string, std::string> vars;
};

struct Account {
  std::string id;
  std::string username;
  std::string displayName;
  std::string avatarUrl;
  std::string langTag = "en";
  std::string location;
  std::string timezone;
  std::string metadata = "{}";  // JSON text
  std::string wallet = "{}";    // JSON text
  // identities
  std::string email;     // lowercase
  std::string password;  // kept in clear: it is a test server
  std::string customId;
  std::vector<Device> devices;
  std::string facebookId, facebookInstantGameId, googleId, gamecenterId, steamId, appleId;
  // bookkeeping
  std::int64_t createTime = 0;  // unix seconds (the real server reports whole seconds)
  std::int64_t updateTime = 0;
  std::int64_t verifyTime = 0;
  std::int64_t disableTime = 0;  // non-zero: banned
  std::int32_t edgeCount = 0;    // friend count; maintained by the friends area
  std::uint64_t seq = 0;         // creation order

  bool hasDevice(const std::string& deviceId) const;
  // How many login identities are linked (devices count individually).
  int identityCount() const;
};

// Owns all accounts. Lookups are linear scans except by id: a test server holds few users and this
// keeps every index trivially consistent.
class Accounts {
 public:
  explicit Accounts(const Clock& clock);

  Account* byId(const std::string& id);
  Account* byUsername(const std::string& username);
  Account* byDevice(const std::string& deviceId);
  Account* byEmail(const std::string& email);  // case-insensitive
  Account* byCustomId(const std::string& customId);
  Account* byFacebookId(const std::string& facebookId);

  // New account with the given (already validated, unused) username.
  Account& create(const std::string& username);
  // Deletes the account and runs the onDelete hooks first (areas drop the user's data there).
  void remove(const std::string& id);
  // Changes the username (caller checked it is free).
  void rename(Account& account, const std::string& username);
  // Random 10-letter [a-zA-Z] username that is not taken, like the real server generates.
  std::string generateUsername();

  std::vector<Account*> all();  // in creation order
  std::size_t size() const { return accounts_.size(); }

  void onDelete(std::function<void(const Account&)> hook) { deleteHooks_.push_back(std::move(hook)); }

  // Nakama's system user (the nil id, an empty username), created with the database: GET /v2/user finds it
  // by that id or username, though it is no account (all() and the lookups above leave it out).
  const Account& systemUser() const { return system_; }

  // api.User JSON. `online` comes from onlineCheck (the core wires it to Hooks::isOnline).
  Json userJson(const Account& account) const;
  // api.Account JSON (GET /v2/account).
  Json accountJson(const Account& account) const;

  std::function<bool(const std::string& userId)> onlineCheck;

 private:
  const Clock& clock_;
  Account system_;
  std::map<std::string, std::unique_ptr<Account>> accounts_;
  std::vector<std::function<void(const Account&)>> deleteHooks_;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace nakama::testserver
