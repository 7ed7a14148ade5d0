#pragma once

// Where the integration tests find their server: the project's own test server, started once per
// test binary on an ephemeral port, or an external Nakama named by the NAKAMA_TEST_* variables
// (docs/PROTOCOL.md §12; the variables are in §12.1). Tests create uniquely named users so that they can run
// again and again against a long-lived server.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "nakama/client.h"
#include "nakama/client_options.h"
#include "nakama/session.h"

namespace nakama::testserver {
class TestServer;
}

namespace nakama::test {

class TestEnv {
 public:
  /// The shared environment (starts the in-process server on first use unless NAKAMA_TEST_HOST is set).
  static TestEnv& instance();

  /// Options pointing at the test server (kSdkThread callbacks, short timeouts).
  ClientOptions clientOptions() const;
  const std::string& httpKey() const { return httpKey_; }
  /// True when the tests run against an external server (NAKAMA_TEST_HOST).
  bool external() const { return server_ == nullptr; }
  /// The in-process server, or nullptr when external.
  testserver::TestServer* server() const { return server_.get(); }

  /// An in-process test server in every configuration: the shared one, or (when the suite targets an
  /// external server) a private one started on first use. Tests that must control the server (its clock,
  /// its sockets) use it, so they run, and check the SDK, whichever server the rest of the suite uses.
  testserver::TestServer& localServer();
  /// Client options pointing at localServer().
  ClientOptions localClientOptions();

 private:
  TestEnv();
  std::shared_ptr<testserver::TestServer> server_;
  std::shared_ptr<testserver::TestServer> privateServer_;
  std::mutex privateServerMutex_;
  std::string host_;
  std::uint16_t port_ = 7350;
  bool ssl_ = false;
  std::string serverKey_;
  std::string httpKey_;
};

/// A random id with a readable prefix, unique across runs ("dev-3f9a...").
std::string uniqueId(const std::string& prefix);

/// A client with a freshly created device account.
struct TestUser {
  std::unique_ptr<Client> client;
  std::optional<Session> session;  // empty when authentication failed (the test has already failed)
  std::string deviceId;
  std::string id() const { return session ? session->userId() : std::string(); }
  std::string username() const { return session ? session->username() : std::string(); }
};

/// Creates a new user (fails the calling test on error; check with ASSERT_NO_FATAL_FAILURE if needed).
TestUser newUser(ClientOptions options);
TestUser newUser();

/// Fills each of `users` with a new user; true when all of them are signed in (ASSERT_TRUE on it).
template <class... Users>
bool newUsers(Users&... users) {
  ((users = newUser()), ...);
  return (users.session.has_value() && ...);
}

}  // namespace nakama::test
