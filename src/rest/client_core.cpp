#include "rest/client_core.h"

#include "core/log.h"

namespace nakama::internal {

namespace {
std::string baseUrl(const ClientOptions& options) {
  return std::string(options.ssl ? "https://" : "http://") + options.host + ":" + std::to_string(options.port);
}

void reportCallbackException(const std::function<void(std::exception_ptr)>& handler, std::exception_ptr error) {
  if (handler) {
    handler(error);
    return;
  }
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    log(LogLevel::kError, std::string("a callback threw: ") + e.what());
  } catch (...) {
    log(LogLevel::kError, "a callback threw a non-standard exception");
  }
}
}  // namespace

std::shared_ptr<ClientCore> ClientCore::create(ClientOptions options, std::shared_ptr<HttpTransport> transport) {
  return std::shared_ptr<ClientCore>(new ClientCore(std::move(options), std::move(transport)));
}

ClientCore::ClientCore(ClientOptions options, std::shared_ptr<HttpTransport> transport) : options_(std::move(options)) {
  auto onException = options_.onCallbackException;
  auto report = [onException](std::exception_ptr error) { reportCallbackException(onException, error); };
  if (options_.runtime) {
    // A shared Runtime: this client's views on its threads, which stay up when the client goes.
    auto& shared = *options_.runtime->impl_;
    runtime_ = shared.io->share();
    if (options_.callbackMode == CallbackMode::kSdkThread) {
      executor_ = std::make_shared<SharedThreadExecutor>(shared.callbackThread(), std::move(report));
    } else {
      executor_ = makeExecutor(options_.callbackMode, std::move(report), runtime_);
    }
  } else {
    runtime_ = std::make_shared<IoRuntime>();
    executor_ = makeExecutor(options_.callbackMode, std::move(report), runtime_);
  }
  if (!transport) transport = makeHttpTransport(options_, *runtime_, baseUrl(options_));

  auto http = std::make_shared<HttpLayer>(std::move(transport), runtime_, options_.timeout);
  auto retry = std::make_shared<RetryLayer>(http, runtime_, options_.retry, options_.onRetry);

  // Session changes are reported where the game's callbacks run.
  std::weak_ptr<ShutdownExecutor> weakExecutor = executor_;
  auto onSessionChanged = options_.onSessionChanged;
  SessionManager::ChangeCallback notify;
  if (onSessionChanged) {
    notify = [weakExecutor, onSessionChanged](const std::optional<Session>& session) {
      if (auto executor = weakExecutor.lock())
        executor->post([onSessionChanged, session] { onSessionChanged(session); });
    };
  }
  sessions_ = std::make_shared<SessionManager>(retry, options_.serverKey, options_.autoRefreshSession,
                                               options_.refreshWindow, std::move(notify), options_.reauthenticate);
  pipeline_ = std::make_shared<AuthLayer>(retry, sessions_, options_.serverKey);
}

ClientCore::~ClientCore() { shutdown(); }

void ClientCore::send(RestRequest request, std::function<void(Result<HttpResponse>)> done,
                      const std::function<void(std::function<void()>)>& bindCancel) {
  auto op = std::make_shared<Operation>();
  const auto id = nextId_.fetch_add(1) + 1;
  std::weak_ptr<ClientCore> weakSelf = weak_from_this();
  // The operation's name is only for a debug log line: not built unless that level is on.
  std::string operation = logEnabled(LogLevel::kDebug) ? request.operation() : std::string();
  auto finish = runOnce(std::function<void(RestOutcome)>(
      [weakSelf, id, operation = std::move(operation), done = std::move(done)](RestOutcome outcome) {
        if (outcome.error && !operation.empty() && logEnabled(LogLevel::kDebug))
          log(LogLevel::kDebug, operation + " failed: " + outcome.error->message);
        if (auto self = weakSelf.lock()) {
          std::lock_guard<std::mutex> lock(self->pendingMutex_);
          self->pending_.erase(id);
        }
        if (outcome.error) {
          done(std::move(*outcome.error));
        } else if (outcome.response) {
          done(std::move(*outcome.response));
        } else {
          done(Error{ErrorKind::kBadResponse, "the request ended without an answer"});
        }
      }));
  bool registered = false;
  {
    std::lock_guard<std::mutex> lock(pendingMutex_);
    if (!shutDown_) {
      registered = true;
      pending_.emplace(id, [op, finish] {
        finish(RestOutcome{std::nullopt, Error{ErrorKind::kCancelled, "the client was shut down"}});
        op->cancel();
      });
    }
  }
  if (!registered) {
    finish(RestOutcome{std::nullopt, Error{ErrorKind::kCancelled, "the client has been shut down"}});
    return;
  }
  bindCancel([op] { op->cancel(); });
  try {
    pipeline_->send(std::make_shared<RestRequest>(std::move(request)), op, finish);
  } catch (const std::exception& e) {
    // The pipeline reports failures through `finish`; an exception here is a bug, still answered.
    finish(RestOutcome{std::nullopt,
                       Error{ErrorKind::kConnectionFailed, std::string("could not send the request: ") + e.what()}});
  }
}

Future<void> ClientCore::callVoid(RestRequest request) {
  internal::Promise<void> promise(executor_);
  auto future = promise.future();
  send(
      std::move(request),
      [promise](Result<HttpResponse> response) {
        if (response.ok()) {
          promise.complete(Result<void>());
        } else {
          promise.complete(response.error());
        }
      },
      [promise](std::function<void()> cancel) { promise.setCanceller(std::move(cancel)); });
  return future;
}

Future<void> ClientCore::failVoid(Error error) const {
  return internal::makeReadyFuture<void>(executor_, Result<void>(std::move(error)));
}

std::size_t ClientCore::poll() {
  if (auto polled = std::dynamic_pointer_cast<PolledExecutor>(executor_)) return polled->poll();
  return 0;
}

std::uint64_t ClientCore::addShutdownHook(std::function<void()> hook) {
  std::lock_guard<std::mutex> lock(pendingMutex_);
  if (shutDown_) return 0;
  const auto id = nextId_.fetch_add(1) + 1;
  pending_.emplace(id, std::move(hook));
  return id;
}

void ClientCore::removeShutdownHook(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(pendingMutex_);
  pending_.erase(id);
}

void ClientCore::shutdown() {
  std::unordered_map<std::uint64_t, std::function<void()>> pending;
  {
    std::lock_guard<std::mutex> lock(pendingMutex_);
    if (shutDown_) return;
    shutDown_ = true;
    pending.swap(pending_);
  }
  for (auto& [id, cancel] : pending) cancel();
  runtime_->stop();
  executor_->shutdown();
}

}  // namespace nakama::internal
