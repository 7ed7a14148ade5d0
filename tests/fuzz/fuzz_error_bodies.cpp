// HTTP error bodies (errorFromHttpResponse), Retry-After headers, and the session answer of authenticate
// and refresh (sessionFromResponse, which runs the token parser on what the server sent).

#include "fuzz_common.h"
#include "rest/rest_layers.h"
#include "rest/session_manager.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nakama;
  internal::HttpResponse response;
  response.status = size > 0 ? 400 + data[0] % 200 : 500;
  response.body = fuzz::text(data, size);
  response.addHeader("retry-after", response.body.substr(0, 24));
  const Error error = internal::errorFromHttpResponse(response);
  (void)error;
  (void)internal::parseRetryAfter(response);
  response.status = 200;
  auto session = internal::sessionFromResponse(response);
  if (session.ok()) (void)session->serialize();
  return 0;
}
