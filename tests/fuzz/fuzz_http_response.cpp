// The Beast transport's HTTP/1.1 answer parser on any bytes: never a crash or a hang, the same outcome however
// the bytes are cut (the first input byte chooses a cut), and, where Beast's own parser reads the bytes the SDK's
// parser used as one whole final answer, the same status and body.

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdlib>
#include <string>

#include "fuzz_common.h"
#include "transport/http_response_parser.h"

namespace {

using nakama::internal::HttpResponse;
using nakama::internal::HttpResponseParser;

struct Outcome {
  HttpResponseParser::State state;
  std::string error;
  int status = 0;
  std::string body;
  bool keepAlive = false;
  std::size_t consumed = 0;
};

// As the transport feeds it: the bytes not consumed stay in front of those that arrive next, then the end.
Outcome parse(const std::string& text, std::size_t cut) {
  HttpResponseParser parser(1 << 20, false, 4096);
  Outcome out;
  std::string buffered;
  for (const auto& piece : {text.substr(0, cut), text.substr(cut)}) {
    buffered += piece;
    const std::size_t used = parser.parse(buffered);
    buffered.erase(0, used);
    out.consumed += used;
    if (parser.state() != HttpResponseParser::State::kIncomplete) break;
  }
  parser.endOfStream();
  out.state = parser.state();
  out.error = parser.error();
  out.keepAlive = parser.keepAlive();
  HttpResponse response = parser.take();
  out.status = response.status;
  out.body = std::move(response.body);
  return out;
}

bool same(const Outcome& a, const Outcome& b) {
  return a.state == b.state && a.error == b.error && a.status == b.status && a.body == b.body &&
         a.keepAlive == b.keepAlive && a.consumed == b.consumed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text = nakama::fuzz::text(data + 1, size - 1);
  const Outcome whole = parse(text, text.size());
  const Outcome cut = parse(text, data[0] % (text.size() + 1));
  if (!same(whole, cut)) std::abort();

  if (whole.state != HttpResponseParser::State::kComplete || whole.status < 200) return 0;
  namespace http = boost::beast::http;
  http::response_parser<http::string_body> beast;
  beast.eager(true);
  beast.body_limit(1 << 20);
  boost::system::error_code error;
  boost::asio::const_buffer rest(text.data(), whole.consumed);
  while (!beast.is_done() && !error) {
    const std::size_t used = beast.put(rest, error);
    rest += used;
    if (error == http::error::need_more || (!error && used == 0)) {  // more than there is: the stream ends
      error = {};
      if (rest.size() > 0 && used > 0) continue;
      beast.put_eof(error);
      break;
    }
  }
  // Beast reads some bytes differently (obsolete line folding, other transfer codings, interim answers, ...): only
  // the answers it reads whole as a final answer are compared.
  if (error || !beast.is_done() || beast.get().result_int() < 200) return 0;
  if (beast.get().result_int() != static_cast<unsigned>(whole.status) || beast.get().body() != whole.body) std::abort();
  return 0;
}
