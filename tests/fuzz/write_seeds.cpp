// Writes the fuzzers' seed corpora from the recorded transcripts, so that the seeds follow the fixtures:
//   nakama-fuzz-seeds <rest.jsonl> <rt_captured_frames.h> <output dir>
// rest/ gets the 2xx response bodies, errors/ the other ones, session/ "token\nrefresh token" pairs from
// the session answers, rt/ every frame literal of the captured-frames header, http/ each response as HTTP/1.1
// answers (its body framed by Content-Length, and in chunks).

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

void write(const fs::path& dir, std::set<std::string>& seen, const std::string& content) {
  if (!seen.insert(dir.string() + '\n' + content).second) return;  // one file per distinct seed
  std::ofstream(dir / ("seed" + std::to_string(seen.size())), std::ios::binary) << content;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: nakama-fuzz-seeds <rest.jsonl> <rt_captured_frames.h> <output dir>\n";
    return 2;
  }
  const fs::path out = argv[3];
  for (const char* dir : {"rest", "errors", "session", "rt", "http"}) fs::create_directories(out / dir);
  std::set<std::string> seen;

  std::ifstream transcripts(argv[1]);
  std::string line;
  while (std::getline(transcripts, line)) {
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_object() || !record.contains("response")) continue;
    const auto& response = record["response"];
    const std::string body = response.value("body", "");
    const int status = response.value("status", 0);
    write(out / (status >= 200 && status < 300 ? "rest" : "errors"), seen, body);
    const std::string head = "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Type: application/json\r\n";
    write(out / "http", seen, head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    std::ostringstream chunked;
    chunked << head << "Transfer-Encoding: chunked\r\n\r\n";
    for (std::size_t at = 0; at < body.size(); at += 100) {
      const std::string piece = body.substr(at, 100);
      chunked << std::hex << piece.size() << ";ext=1\r\n" << piece << "\r\n";
    }
    chunked << "0\r\nTrailer: x\r\n\r\n";
    write(out / "http", seen, chunked.str());
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("token") && parsed["token"].is_string()) {
      write(out / "session", seen, parsed["token"].get<std::string>() + "\n" + parsed.value("refresh_token", ""));
    }
  }

  std::ifstream header(argv[2]);
  std::stringstream all;
  all << header.rdbuf();
  const std::string source = all.str();
  const std::string open = "R\"json(", close = ")json\"";
  for (auto at = source.find(open); at != std::string::npos; at = source.find(open, at)) {
    at += open.size();
    const auto end = source.find(close, at);
    if (end == std::string::npos) break;
    write(out / "rt", seen, source.substr(at, end - at));
    at = end;
  }
  if (seen.empty()) {
    std::cerr << "nakama-fuzz-seeds: no seeds found\n";
    return 1;
  }
  std::cout << "nakama-fuzz-seeds: " << seen.size() << " seeds in " << out << '\n';
  return 0;
}
