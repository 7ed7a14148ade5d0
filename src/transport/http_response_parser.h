#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "transport/http_transport.h"

namespace nakama::internal {

/// Whether `text` is an HTTP token (RFC 9110): a method, a field name, a transfer coding.
bool isHttpToken(std::string_view text);

/// Reads one HTTP/1.1 answer (RFC 9112) from its bytes as they arrive, straight into an HttpResponse. Written for
/// the Beast transport instead of Beast's parser, which costs about as much per answer as decoding its JSON.
///
/// Accepted: a status line "HTTP/1.x NNN reason", fields separated by CRLF, bodies delimited by Content-Length, by
/// chunked transfer coding (extensions and trailers read and ignored) or by the end of the connection; interim
/// answers (1xx but 101) are skipped; HEAD answers and 204/304 have no body. Refused: anything else (other
/// transfer codings, obsolete line folding, control characters, conflicting lengths), with a short reason.
class HttpResponseParser {
 public:
  enum class State {
    kIncomplete,    // needs more bytes (or the end of the stream)
    kComplete,      // the answer is whole: take() it
    kMalformed,     // not an HTTP/1.1 answer: error() says why
    kBodyTooLarge,  // the body exceeds the limit
  };

  /// `maxBodyBytes`: 0 for no limit. `headRequest`: the answer to a HEAD request, which has no body whatever its
  /// header says. `maxHeaderBytes` bounds the header (and a chunked body's trailer).
  HttpResponseParser(std::uint64_t maxBodyBytes, bool headRequest, std::size_t maxHeaderBytes);

  /// Reads from the front of `bytes` (what came after the bytes consumed before) and returns how many it consumed.
  /// An incomplete header is left unconsumed: the next call passes it again with more bytes after it.
  std::size_t parse(std::string_view bytes);
  /// The connection ended: completes an answer whose body runs to the end; any other incomplete answer stays
  /// incomplete (the caller reports the broken connection).
  void endOfStream();

  State state() const { return state_; }
  const std::string& error() const { return error_; }
  /// Whether the connection may carry another request after this answer.
  bool keepAlive() const { return keepAlive_; }
  /// Whether any answer (an interim one included) was read.
  bool gotSome() const { return gotSome_; }
  HttpResponse take() { return std::move(response_); }

 private:
  enum class Part { kHeader, kBody, kChunkSize, kChunkData, kChunkEnd, kTrailer, kBodyToEnd, kDone };

  // Each reads what it can of its part from `bytes` and returns how many bytes it consumed.
  std::size_t header(std::string_view bytes);
  std::size_t chunkSize(std::string_view bytes);
  std::size_t trailer(std::string_view bytes);
  std::size_t body(std::string_view bytes, std::uint64_t most);
  // The body of known length, or a chunk's data: `length_` bytes, then `next`.
  std::size_t sizedBody(std::string_view bytes, Part next);

  // Where `terminator` starts in `bytes`, resuming after what earlier calls searched; the bytes up to and including
  // it are held to `limit` (past it, fails with `tooLong`). npos while it has not come, and on failure.
  std::size_t lineEnd(std::string_view bytes, std::string_view terminator, std::size_t limit, const char* tooLong);
  bool statusLine(std::string_view line);
  bool field(std::string_view name, std::string_view value);
  bool fail(const char* why);  // false

  const std::uint64_t maxBody_;
  const bool head_;
  const std::size_t maxHeader_;
  State state_ = State::kIncomplete;
  Part part_ = Part::kHeader;
  std::string error_;
  HttpResponse response_;
  std::size_t scanned_ = 0;  // the unconsumed bytes already searched by lineEnd()
  std::size_t trailerBytes_ = 0;
  int minorVersion_ = 1;
  bool keepAlive_ = true;
  bool gotSome_ = false;
  bool chunked_ = false;
  bool hasLength_ = false;
  bool sawClose_ = false;
  bool sawKeepAlive_ = false;
  std::uint64_t length_ = 0;  // Content-Length, then the bytes of the body or chunk still to come
};

}  // namespace nakama::internal
