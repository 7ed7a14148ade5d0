#pragma once

// Real request/response pairs recorded against Nakama 3.15 (tests/fixtures/rest.jsonl, format in
// docs/PROTOCOL.md §13.1), for decoder tests.

#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#ifndef NAKAMA_FIXTURES_DIR
#error "NAKAMA_FIXTURES_DIR must point at tests/fixtures"
#endif

namespace nakama::test {

struct Transcript {
  std::string name;
  nlohmann::json request;  // method, path, query, headers, body (JSON or null)
  int status = 0;
  std::string responseBody;  // byte-exact
};

inline const std::map<std::string, Transcript>& transcripts() {
  static const std::map<std::string, Transcript> all = [] {
    std::map<std::string, Transcript> out;
    std::ifstream in(std::string(NAKAMA_FIXTURES_DIR) + "/rest.jsonl");
    if (!in) throw std::runtime_error("cannot open rest.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line);
      Transcript t;
      t.name = j.at("name").get<std::string>();
      t.request = j.at("request");
      t.status = j.at("response").at("status").get<int>();
      t.responseBody = j.at("response").at("body").get<std::string>();
      out.emplace(t.name, std::move(t));
    }
    return out;
  }();
  return all;
}

/// The transcript called `name`; throws when there is none (a typo in a test must fail it).
inline const Transcript& transcript(const std::string& name) {
  auto it = transcripts().find(name);
  if (it == transcripts().end()) throw std::runtime_error("no transcript named " + name);
  return it->second;
}

}  // namespace nakama::test
