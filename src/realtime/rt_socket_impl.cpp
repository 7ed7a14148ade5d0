#include "realtime/rt_socket_impl.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/asio/io_context.hpp>

#include "core/codec.h"
#include "realtime/rt_json.h"
#include "rest/client_core.h"

namespace nakama::internal {

namespace {

constexpr int kNormalClose = 1000;
constexpr int kGoingAway = 1001;
constexpr int kAbnormalClose = 1006;

Error disconnected(const std::string& why) { return Error{ErrorKind::kDisconnected, why}; }

Error clientGone() { return Error{ErrorKind::kCancelled, "the Client that created this socket was destroyed"}; }

std::string truncated(const std::string& text, std::size_t max = 200) {
  return text.size() <= max ? text : text.substr(0, max) + "...";
}

// Best effort for frames that are not valid JSON: find `"cid":"..."` so that the request it answers
// fails now instead of timing out.
std::optional<std::string> scanCid(const std::string& text) {
  const auto at = text.find("\"cid\"");
  if (at == std::string::npos) return std::nullopt;
  std::size_t i = at + 5;
  auto skipSpace = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skipSpace();
  if (i >= text.size() || text[i] != ':') return std::nullopt;
  ++i;
  skipSpace();
  if (i >= text.size() || text[i] != '"') return std::nullopt;
  const auto end = text.find('"', i + 1);
  if (end == std::string::npos) return std::nullopt;
  return text.substr(i + 1, end - i - 1);
}

// Reply variants that only ever answer a request; arriving without cid they are ignored.
bool isReplyOnly(const std::string& key) {
  return key == "pong" || key == "rpc" || key == "status" || key == "channel" || key == "match" ||
         key == "matchmaker_ticket" || key == "channel_message_ack";
}

Error badFrame(const std::string& what, const std::string& text) {
  return Error{ErrorKind::kBadResponse, what + ": " + truncated(text)};
}

}  // namespace

const std::chrono::milliseconds kZero{0};

std::chrono::milliseconds reconnectDelay(const RtSocketOptions& options, int attempt) {
  if (attempt < 1) attempt = 1;
  const auto base = (std::max)(options.reconnectBaseDelay, kZero);
  const auto cap = (std::max)(options.reconnectMaxDelay, kZero);
  auto delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  return (std::min)(delay, cap);
}

std::shared_ptr<RtSocketImpl> RtSocketImpl::create(std::shared_ptr<ClientCore> core, RtSocketOptions options,
                                                   WsTransportFactory factory) {
  auto self = std::shared_ptr<RtSocketImpl>(new RtSocketImpl(std::move(core), std::move(options), std::move(factory)));
  std::weak_ptr<RtSocketImpl> weak = self;
  self->shutdownHook_ = self->core_->addShutdownHook([weak] {
    if (auto socket = weak.lock()) socket->onClientShutdown();
  });
  return self;
}

RtSocketImpl::RtSocketImpl(std::shared_ptr<ClientCore> core, RtSocketOptions options, WsTransportFactory factory)
    : core_(std::move(core)), options_(std::move(options)), factory_(std::move(factory)) {
  executor_ = core_->executor();
  runtime_ = core_->runtime();
  if (!factory_) {
    WsTransportConfig config;
    config.secure = core_->options().ssl;
    config.tls = TlsSettings::from(core_->options());
    config.maxFrameBytes = core_->options().maxFrameBytes;
    config.connectTimeout = options_.connectTimeout;
    auto* runtime = runtime_.get();  // the core (kept alive by this socket) owns the runtime
    factory_ = makeWsTransportFactory(core_->options().webSocketTransport, *runtime, config);
  }
}

RtSocketImpl::~RtSocketImpl() {
  if (shutdownHook_ != 0) core_->removeShutdownHook(shutdownHook_);
  // Nobody else can reach this object any more: no lock needed. Events are not delivered.
  if (transport_) transport_->close(kNormalClose, "");
  for (auto* timer : {&connectTimer_, &pingTimer_, &reconnectTimer_}) {
    if (*timer) (*timer)->cancel();
  }
  PendingRequests::failAll(pending_.takeAll(), Error{ErrorKind::kCancelled, "the socket was destroyed"});
  for (auto& waiter : connectWaiters_) waiter.complete(Error{ErrorKind::kCancelled, "the socket was destroyed"});
}

bool RtSocketImpl::clientShutDown() const { return clientGone_ || runtime_->stopped(); }

bool RtSocketImpl::exceedsMaxMessageSize(const std::string& text) const {
  return options_.maxMessageSize > 0 && text.size() > options_.maxMessageSize;
}

Error RtSocketImpl::messageTooLarge(std::size_t size) const {
  return Error{ErrorKind::kInvalidArgument,
               "the message is " + std::to_string(size) + " bytes, more than maxMessageSize (" +
                   std::to_string(options_.maxMessageSize) +
                   "): the server would close the connection (socket.max_message_size_bytes)"};
}

ConnectionState RtSocketImpl::state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

std::string RtSocketImpl::buildUrl(const std::string& token) const {
  const auto& client = core_->options();
  std::string host = client.host;
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";  // IPv6 literal
  return std::string(client.ssl ? "wss://" : "ws://") + host + ":" + std::to_string(client.port) +
         "/ws?lang=" + percentEncode(options_.lang) + "&status=" + (options_.appearOnline ? "true" : "false") +
         "&token=" + percentEncode(token) + "&format=json";
}

// ---- Connection life cycle ------------------------------------------------------------------------

Future<void> RtSocketImpl::connect() {
  if (clientShutDown()) return fail<void>(clientGone());
  internal::Promise<void> promise(executor_);
  auto future = promise.future();
  std::uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    switch (state_) {
      case ConnectionState::kConnected:
        promise.complete(Result<void>());  // completes outside any user code: the continuation is posted
        return future;
      case ConnectionState::kConnecting:
      case ConnectionState::kReconnecting: connectWaiters_.push_back(promise); return future;
      case ConnectionState::kDisconnected: break;
    }
    state_ = ConnectionState::kConnecting;
    connectWaiters_.push_back(promise);
    generation = ++generation_;
  }
  postState(ConnectionState::kConnecting);
  startAttempt(generation);
  return future;
}

void RtSocketImpl::startAttempt(std::uint64_t generation) {
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return;
    retriedAfter401_ = false;
    // One deadline for the whole attempt: session refresh, TCP, TLS and the WebSocket handshake.
    if (connectTimer_) connectTimer_->cancel();
    connectTimer_ = runtime_->schedule(options_.connectTimeout, [weak, generation] {
      if (auto self = weak.lock())
        self->attemptFailed(generation,
                            Error{ErrorKind::kTimeout, "the connection was not established within connectTimeout"});
    });
  }
  core_->sessions()->acquireToken([weak, generation](Result<std::string> token) {
    if (auto self = weak.lock()) self->onToken(generation, std::move(token));
  });
}

void RtSocketImpl::onToken(std::uint64_t generation, Result<std::string> token) {
  if (!token.ok()) {
    attemptFailed(generation, token.error());
    return;
  }
  std::shared_ptr<WsTransport> transport;
  try {
    transport = factory_();
  } catch (const std::invalid_argument& e) {  // a transport kind this build does not have
    attemptFailed(generation, Error{ErrorKind::kInvalidArgument, e.what()});
    return;
  } catch (const std::exception& e) {
    attemptFailed(generation,
                  Error{ErrorKind::kConnectionFailed, std::string("could not create the WebSocket: ") + e.what()});
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return;
    transport_ = transport;
    token_ = *token;
  }
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  WsTransport::Handlers handlers;
  handlers.onOpen = [weak, generation] {
    if (auto self = weak.lock()) self->onOpen(generation);
  };
  handlers.onMessage = [weak, generation](std::string text) {
    if (auto self = weak.lock()) self->onMessage(generation, text);
  };
  handlers.onClose = [weak, generation](int code, std::string reason) {
    if (auto self = weak.lock()) self->onConnectionLost(generation, code, reason, false);
  };
  handlers.onFail = [weak, generation](WsFailure failure) {
    if (auto self = weak.lock()) self->onTransportFailed(generation, failure);
  };
  transport->connect(buildUrl(*token), {}, std::move(handlers));
}

void RtSocketImpl::onTransportFailed(std::uint64_t generation, const WsFailure& failure) {
  if (failure.httpStatus && *failure.httpStatus == 401) {
    std::string rejected;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (generation != generation_) return;
      transport_.reset();
      if (!retriedAfter401_) {
        retriedAfter401_ = true;
        rejected = token_;
      }
    }
    auto authError = [failure](const Error* cause) {
      std::string message = "the server refused the session token (" + failure.message + ")";
      if (cause) message += "; refreshing the session failed: " + cause->message;
      if (!cause || cause->kind != ErrorKind::kSessionExpired) message += ": authenticate again";
      Error error{ErrorKind::kSessionExpired, message};
      error.httpStatus = 401;
      return error;
    };
    if (rejected.empty()) {  // already refreshed once during this attempt
      attemptFailed(generation, authError(nullptr));
      return;
    }
    // The token may have been revoked or the server restarted: refresh once and try again.
    std::weak_ptr<RtSocketImpl> weak = weak_from_this();
    core_->sessions()->recoverFromRejection(
        rejected, [weak, generation, rejected, authError](Result<std::string> token) {
          auto self = weak.lock();
          if (!self) return;
          if (!token.ok() && token.error().isTransient()) {
            // Could not reach the server to refresh: not (yet) an authentication failure; reconnection keeps trying.
            Error error = token.error();
            error.message = "the server refused the session token and refreshing it failed: " + error.message;
            self->attemptFailed(generation, std::move(error));
          } else if (!token.ok()) {
            self->attemptFailed(generation, authError(&token.error()));
          } else if (*token == rejected) {
            self->attemptFailed(generation, authError(nullptr));
          } else {
            self->onToken(generation, std::move(token));
          }
        });
    return;
  }
  Error error;
  if (failure.httpStatus) {
    error = Error{ErrorKind::kServerError, failure.message};
    error.httpStatus = failure.httpStatus;
  } else if (failure.timedOut) {
    error = Error{ErrorKind::kTimeout, failure.message};
  } else {
    error = Error{ErrorKind::kConnectionFailed, failure.message};
  }
  attemptFailed(generation, std::move(error));
}

void RtSocketImpl::attemptFailed(std::uint64_t generation, Error error) {
  std::shared_ptr<WsTransport> transport;
  std::vector<internal::Promise<void>> waiters;
  bool reconnecting = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return;
    if (state_ != ConnectionState::kConnecting && state_ != ConnectionState::kReconnecting) return;
    ++generation_;
    transport = std::move(transport_);
    if (connectTimer_) connectTimer_->cancel();
    connectTimer_.reset();
    reconnecting = state_ == ConnectionState::kReconnecting;
    if (!reconnecting) {
      state_ = ConnectionState::kDisconnected;
      waiters.swap(connectWaiters_);
    }
  }
  if (transport) transport->close(kNormalClose, "");
  if (!reconnecting) {
    for (auto& waiter : waiters) waiter.complete(error);
    postState(ConnectionState::kDisconnected);
    return;
  }
  // Authentication problems do not go away by waiting.
  if (error.kind == ErrorKind::kSessionExpired || error.kind == ErrorKind::kInvalidArgument) {
    giveUp(std::move(error));
  } else {
    scheduleReconnect(std::move(error));
  }
}

void RtSocketImpl::onOpen(std::uint64_t generation) {
  std::vector<internal::Promise<void>> waiters;
  std::vector<std::string> lostMatches;
  bool reconnected = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return;
    if (state_ != ConnectionState::kConnecting && state_ != ConnectionState::kReconnecting) return;
    if (connectTimer_) connectTimer_->cancel();
    connectTimer_.reset();
    reconnected = state_ == ConnectionState::kReconnecting;
    state_ = ConnectionState::kConnected;
    reconnectAttempt_ = 0;
    waiters.swap(connectWaiters_);
    if (reconnected) lostMatches = tracker_.takeMatches();
  }
  postState(ConnectionState::kConnected);
  post(events_.connect);
  for (auto& matchId : lostMatches) post(events_.matchLost, matchId);
  for (auto& waiter : waiters) waiter.complete(Result<void>());
  schedulePing(generation);
  if (reconnected) rejoin();
}

void RtSocketImpl::onConnectionLost(std::uint64_t generation, int code, const std::string& reason,
                                    bool closeTransport) {
  std::shared_ptr<WsTransport> transport;
  PendingRequests::Map pending;
  std::vector<std::string> lostMatches;
  bool reconnect = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_ || state_ != ConnectionState::kConnected) return;
    ++generation_;
    transport = std::move(transport_);
    if (pingTimer_) pingTimer_->cancel();
    pingTimer_.reset();
    pending = pending_.takeAll();
    reconnect = options_.reconnect;
    if (reconnect) {
      state_ = ConnectionState::kReconnecting;
      reconnectAttempt_ = 0;
    } else {
      state_ = ConnectionState::kDisconnected;
      lostMatches = tracker_.takeMatches();
      tracker_.clear();
    }
  }
  if (closeTransport && transport) transport->close(kGoingAway, reason);
  PendingRequests::failAll(std::move(pending), disconnected("the connection was lost (" + std::to_string(code) +
                                                            (reason.empty() ? "" : " " + reason) + ")"));
  post(events_.disconnect, DisconnectInfo{code, reason, false, reconnect});
  postState(reconnect ? ConnectionState::kReconnecting : ConnectionState::kDisconnected);
  for (auto& matchId : lostMatches) post(events_.matchLost, matchId);
  if (reconnect) scheduleReconnect(disconnected("the connection was lost"));
}

void RtSocketImpl::scheduleReconnect(Error lastError) {
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ != ConnectionState::kReconnecting) return;
    ++reconnectAttempt_;
    if (options_.reconnectMaxAttempts <= 0 || reconnectAttempt_ <= options_.reconnectMaxAttempts) {
      auto delay = reconnectDelay(options_, reconnectAttempt_);
      if (options_.reconnectJitter && delay.count() > 0) {
        std::uniform_int_distribution<std::int64_t> pick(0, delay.count());
        delay = std::chrono::milliseconds(pick(rng_));
      }
      const auto generation = generation_;
      if (reconnectTimer_) reconnectTimer_->cancel();
      reconnectTimer_ = runtime_->schedule(delay, [weak, generation] {
        if (auto self = weak.lock()) self->startAttempt(generation);
      });
      return;
    }
  }
  giveUp(Error{lastError.kind, "gave up reconnecting after " + std::to_string(options_.reconnectMaxAttempts) +
                                   " attempts; last error: " + lastError.message});
}

void RtSocketImpl::giveUp(Error error) {
  std::vector<internal::Promise<void>> waiters;
  std::vector<std::string> lostMatches;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ != ConnectionState::kReconnecting) return;
    ++generation_;
    state_ = ConnectionState::kDisconnected;
    if (reconnectTimer_) reconnectTimer_->cancel();
    reconnectTimer_.reset();
    waiters.swap(connectWaiters_);
    lostMatches = tracker_.takeMatches();
    tracker_.clear();
  }
  postState(ConnectionState::kDisconnected);
  for (auto& matchId : lostMatches) post(events_.matchLost, matchId);
  postError(error);
  for (auto& waiter : waiters) waiter.complete(error);
}

void RtSocketImpl::close() {
  closeWith(disconnected("the socket was closed"),
            Error{ErrorKind::kCancelled, "close() was called before the connection opened"}, true);
}

void RtSocketImpl::onClientShutdown() {
  clientGone_ = true;
  // The connection is not closed here: the I/O thread stops right after this hook, so a close handshake
  // could only start, leaving Beast operations suspended mid-close when the io_context is destroyed (which
  // crashes Beast's teardown). The connection ends with the io_context instead, as when a process exits.
  closeWith(clientGone(), clientGone(), false);
}

void RtSocketImpl::closeWith(const Error& pendingError, const Error& connectError, bool closeTransport) {
  std::shared_ptr<WsTransport> transport;
  PendingRequests::Map pending;
  std::vector<internal::Promise<void>> waiters;
  ConnectionState previous;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    previous = state_;
    if (previous == ConnectionState::kDisconnected) return;
    ++generation_;
    state_ = ConnectionState::kDisconnected;
    transport = std::move(transport_);
    for (auto* timer : {&connectTimer_, &pingTimer_, &reconnectTimer_}) {
      if (*timer) (*timer)->cancel();
      timer->reset();
    }
    pending = pending_.takeAll();
    waiters.swap(connectWaiters_);
  }
  tracker_.clear();
  if (transport && closeTransport) transport->close(kNormalClose, "");
  PendingRequests::failAll(std::move(pending), pendingError);
  for (auto& waiter : waiters) waiter.complete(connectError);
  if (previous == ConnectionState::kConnected) post(events_.disconnect, DisconnectInfo{kNormalClose, "", true, false});
  postState(ConnectionState::kDisconnected);
}

// ---- Liveness probe -------------------------------------------------------------------------------

void RtSocketImpl::schedulePing(std::uint64_t generation) {
  if (options_.pingInterval.count() <= 0) return;
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_ || state_ != ConnectionState::kConnected) return;
  if (pingTimer_) pingTimer_->cancel();
  pingTimer_ = runtime_->schedule(options_.pingInterval, [weak, generation] {
    if (auto self = weak.lock()) self->sendProbe(generation);
  });
}

void RtSocketImpl::sendProbe(std::uint64_t generation) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_ || state_ != ConnectionState::kConnected) return;
  }
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  startRequest(
      "ping", Json::object(), "pong",
      [weak, generation](Result<JsonValue> reply) {
        auto self = weak.lock();
        if (!self) return;
        if (reply.ok()) {
          self->schedulePing(generation);
        } else if (reply.error().kind == ErrorKind::kTimeout) {
          self->onConnectionLost(generation, kAbnormalClose, "no pong within pongTimeout", true);
        }
      },
      options_.pongTimeout, [](MoveFunction<void()>) {});
}

// ---- Reconnection: restore what the socket had ----------------------------------------------------

void RtSocketImpl::rejoin() {
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  for (auto& step : tracker_.takeRejoinSteps()) {
    // Success is tracked like any reply (completePending); a failure is reported and the item forgotten.
    startRequest(
        step.key.c_str(), std::move(step.body), step.replyKey,
        [weak, what = std::move(step.description)](Result<JsonValue> reply) {
          auto self = weak.lock();
          if (!self || reply.ok()) return;
          Error error = reply.error();
          error.message = what + ": " + error.message;
          self->postError(std::move(error));
        },
        options_.requestTimeout, [](MoveFunction<void()>) {});
  }
}

// ---- Requests -------------------------------------------------------------------------------------

void RtSocketImpl::startRequest(const char* key, Json body, std::string expectKey,
                                PendingRequests::ReplyHandler handler, std::chrono::milliseconds timeout,
                                MoveFunction<void(MoveFunction<void()>)> bindCancel) {
  if (clientShutDown()) {  // no I/O thread any more: nothing could ever answer or time out
    handler(clientGone());
    return;
  }
  auto encoded = body.is_null() ? Result<std::string>(std::string("{}"))
                                : encodeBody(body, std::string("the '") + key + "' message");
  if (!encoded.ok()) {  // text that is not UTF-8: the caller's mistake, nothing is sent
    handler(encoded.error());
    return;
  }
  const std::string payload = std::move(encoded).value();
  std::string cid, text;
  std::shared_ptr<WsTransport> transport;
  bool tooLarge = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == ConnectionState::kConnected && transport_) {
      cid = pending_.nextCid();
      text = "{\"cid\":\"" + cid + "\",\"" + key + "\":" + payload + "}";
      tooLarge = exceedsMaxMessageSize(text);
      if (!tooLarge) {
        transport = transport_;
        Json tracked = RejoinTracker::tracks(key) ? std::move(body) : Json();
        pending_.add(cid, PendingRequests::Entry{key, std::move(tracked), std::move(expectKey), handler, nullptr});
      }
    }
  }
  // Not under the lock: the handler completes a promise.
  if (tooLarge) {
    handler(messageTooLarge(text.size()));
    return;
  }
  if (!transport) {
    handler(disconnected("the socket is not connected"));
    return;
  }
  std::weak_ptr<RtSocketImpl> weak = weak_from_this();
  bindCancel([weak, cid] {
    auto self = weak.lock();
    if (!self) return;
    std::optional<PendingRequests::Entry> entry;
    {
      std::lock_guard<std::mutex> lock(self->mutex_);
      entry = self->pending_.take(cid);  // the promise itself already completed with kCancelled
    }
    if (entry && entry->timer) entry->timer->cancel();
  });
  auto timer = runtime_->schedule(timeout, [weak, cid, timeout] {
    if (auto self = weak.lock())
      self->completePending(cid,
                            Error{ErrorKind::kTimeout, "no reply within " + std::to_string(timeout.count()) + " ms"});
  });
  bool attached = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    attached = pending_.setTimer(cid, timer);
  }
  if (!attached) timer->cancel();  // already answered (or failed) meanwhile

  transport->send(std::move(text));
}

Future<void> RtSocketImpl::requestAck(const char* key, Json body) {
  internal::Promise<void> promise(executor_);
  auto future = promise.future();
  startRequest(
      key, std::move(body), std::string(),
      [promise](Result<JsonValue> reply) {
        if (!reply.ok()) {
          promise.complete(reply.error());
          return;
        }
        promise.complete(Result<void>());
      },
      options_.requestTimeout, promise.cancelBinder());
  return future;
}

Future<void> RtSocketImpl::sendWithoutReply(const char* key, Json body) {
  if (clientShutDown()) return fail<void>(clientGone());
  Json envelope = Json::object();
  envelope[key] = std::move(body);
  auto encoded = encodeBody(envelope, std::string("the '") + key + "' message");
  if (!encoded.ok()) return fail<void>(encoded.error());
  std::string text = std::move(encoded).value();
  if (exceedsMaxMessageSize(text)) return fail<void>(messageTooLarge(text.size()));
  std::shared_ptr<WsTransport> transport;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == ConnectionState::kConnected) transport = transport_;
  }
  if (!transport) return fail<void>(disconnected("the socket is not connected"));
  transport->send(std::move(text));
  return internal::makeReadyFuture<void>(executor_, Result<void>());
}

Future<std::chrono::milliseconds> RtSocketImpl::ping() {
  const auto start = std::chrono::steady_clock::now();
  return request<std::chrono::milliseconds>("ping", Json::object(), "pong", [start](const JsonValue&) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  });
}

bool RtSocketImpl::completePending(const std::string& cid, Result<JsonValue> result, const std::string& replyKey) {
  std::optional<PendingRequests::Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entry = pending_.take(cid);
  }
  if (!entry) return false;
  if (entry->timer) entry->timer->cancel();
  result = PendingRequests::checkReplyKey(*entry, std::move(result), replyKey);
  if (result.ok() && RejoinTracker::tracks(entry->requestKey))
    tracker_.onReply(entry->requestKey, entry->requestBody, *result);
  entry->handler(std::move(result));
  return true;
}

// ---- Inbound frames -------------------------------------------------------------------------------

void RtSocketImpl::onMessage(std::uint64_t generation, const std::string& text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_ || state_ != ConnectionState::kConnected) return;
  }
  const auto document = tryParseJson(text);
  const JsonValue envelope = document ? document->root() : JsonValue();
  if (!envelope.isObject()) {
    Error error = badFrame("the server sent a frame that is not a JSON object", text);
    if (auto cid = scanCid(text); cid && completePending(*cid, error)) return;
    postError(std::move(error));
    return;
  }
  std::optional<std::string> cid;
  if (const auto value = envelope.find("cid")) {
    if (!value->isString()) {
      postError(badFrame("the server sent a frame whose cid is not a string", text));
      return;
    }
    cid = std::string(value->asString());
  }
  JsonValue payload;
  std::string key;
  int variants = 0;
  for (const auto& member : envelope.members()) {
    if (member.key == "cid") continue;
    if (variants == 0 || member.key != key) ++variants;  // a repeated key is one message, its last value
    key = std::string(member.key);
    payload = member.value;
  }
  if (variants == 0) {
    if (cid) completePending(*cid, JsonValue());  // an empty acknowledgement
    return;                                       // a bare `{}` (party_data_send without cid) means nothing
  }
  if (variants > 1) {
    Error error = badFrame("the server sent a frame with several messages", text);
    if (!cid || !completePending(*cid, error)) postError(std::move(error));
    return;
  }
  if (cid) {
    if (key == "error") {
      Result<JsonValue> result = Error{};
      try {
        result = decodeRealtimeError(payload);
      } catch (const std::exception& e) {
        result = badFrame(std::string("could not decode the server's error: ") + e.what(), text);
      }
      completePending(*cid, std::move(result), key);
    } else {
      completePending(*cid, payload, key);
    }
    return;  // a reply nobody waits for any more (timed out or cancelled) is dropped
  }
  try {
    if (key == "error") {
      postError(decodeRealtimeError(payload));
    } else if (!dispatchEvent(key, payload) && !isReplyOnly(key)) {
      // (A reply variant without cid answers a request made without cid: nothing to do.)
      postError(Error{ErrorKind::kBadResponse, "the server sent an unknown message '" + key + "'"});
    }
  } catch (const std::exception& e) {
    postError(badFrame("could not decode the server's '" + key + "' message (" + e.what() + ")", text));
  }
}

bool RtSocketImpl::dispatchEvent(const std::string& key, const JsonValue& payload) {
#define NAKAMA_RT_ROUTE(Name, Model, wireKey) \
  if (key == wireKey) {                       \
    deliver(events_.on##Name, payload);       \
    return true;                              \
  }
  NAKAMA_RT_SERVER_EVENTS(NAKAMA_RT_ROUTE)
#undef NAKAMA_RT_ROUTE
  return false;
}

}  // namespace nakama::internal
