// Authenticates a new device account against the server named on the command line.
#include <iostream>
#include <random>
#include <string>

#include <nakama/client.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: consumer HOST PORT\n";
    return 2;
  }
  nakama::ClientOptions options;
  options.host = argv[1];
  options.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  nakama::Client client(options);
  auto session = client.authenticateDevice("consumer-" + std::to_string(std::random_device{}())).get();
  if (!session.ok()) {
    std::cerr << "authentication failed: " << session.error() << '\n';
    return 1;
  }
  std::cout << "authenticated as " << session->username() << " (" << session->userId() << ")\n";
  return 0;
}
