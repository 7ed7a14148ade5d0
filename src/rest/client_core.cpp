#include "rest/client_core.h"

#include <vector>

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
  pipeline_ = std::make_shared<AuthLayer>(retry, sessions_);
}

ClientCore::~ClientCore() { shutdown(); }

// One call between send() and its answer, which comes once: from the pipeline or from a shutdown. The request and
// its cancellation state live in it (one allocation per call); the layers reach them through aliasing pointers.
struct ClientCore::PendingCall {
  explicit PendingCall(RestRequest&& request) : request(std::move(request)) {}

  HttpCallback done;
  std::string operation;  // only for a debug log line: empty unless that level is on
  RestRequest request;
  Operation op;
  std::atomic<bool> answered{false};
  // Links of ClientCore's list of unanswered calls (under its pendingMutex_): no allocation per call.
  std::shared_ptr<PendingCall> next;
  PendingCall* previous = nullptr;
  bool listed = false;

  void finish(RestOutcome outcome) {
    if (answered.exchange(true)) return;
    if (outcome.error && !operation.empty() && logEnabled(LogLevel::kDebug))
      log(LogLevel::kDebug, operation + " failed: " + outcome.error->message);
    auto callback = std::move(done);
    if (outcome.error) {
      callback(std::move(*outcome.error));
    } else if (outcome.response) {
      callback(std::move(*outcome.response));
    } else {
      callback(Error{ErrorKind::kBadResponse, "the request ended without an answer"});
    }
  }
  void cancel(const char* why) {
    finish(RestOutcome{std::nullopt, Error{ErrorKind::kCancelled, why}});
    op.cancel();
  }
};

void ClientCore::send(RestRequest&& request, HttpCallback done, MoveFunction<void(MoveFunction<void()>)> bindCancel) {
  auto call = std::make_shared<PendingCall>(std::move(request));
  call->done = std::move(done);
  if (logEnabled(LogLevel::kDebug)) call->operation = call->request.operation();
  bool registered = false;
  {
    std::lock_guard<std::mutex> lock(pendingMutex_);
    if (!shutDown_) {
      link(call);
      registered = true;
    }
  }
  if (!registered) {
    call->cancel("the client has been shut down");
    return;
  }
  bindCancel([call] { call->op.cancel(); });
  std::weak_ptr<ClientCore> weakSelf = weak_from_this();
  OutcomeCallback finish = [weakSelf, call](RestOutcome outcome) {
    if (auto self = weakSelf.lock()) {
      std::lock_guard<std::mutex> lock(self->pendingMutex_);
      self->unlink(*call);
    }
    call->finish(std::move(outcome));
  };
  try {
    pipeline_->send(RestRequestPtr(call, &call->request), std::shared_ptr<Operation>(call, &call->op),
                    std::move(finish));
  } catch (const std::exception& e) {
    // The pipeline reports failures through `finish`; an exception here is a bug, still answered.
    call->finish(RestOutcome{
        std::nullopt, Error{ErrorKind::kConnectionFailed, std::string("could not send the request: ") + e.what()}});
  }
}

void ClientCore::link(const std::shared_ptr<PendingCall>& call) {
  call->next = std::move(pendingCalls_);
  if (call->next) call->next->previous = call.get();
  pendingCalls_ = call;
  call->listed = true;
}

void ClientCore::unlink(PendingCall& call) {
  if (!call.listed) return;  // taken off by shutdown()
  call.listed = false;
  if (call.next) call.next->previous = call.previous;
  // The caller holds a reference to `call`: dropping the list's one here cannot destroy it.
  if (call.previous) {
    call.previous->next = std::move(call.next);
  } else {
    pendingCalls_ = std::move(call.next);
  }
  call.previous = nullptr;
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
      promise.cancelBinder());
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
  shutdownHooks_.emplace(id, std::move(hook));
  return id;
}

void ClientCore::removeShutdownHook(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(pendingMutex_);
  shutdownHooks_.erase(id);
}

void ClientCore::shutdown() {
  std::vector<std::shared_ptr<PendingCall>> calls;
  std::map<std::uint64_t, std::function<void()>> hooks;
  {
    std::lock_guard<std::mutex> lock(pendingMutex_);
    if (shutDown_) return;
    shutDown_ = true;
    for (auto call = std::move(pendingCalls_); call;) {
      auto next = std::move(call->next);
      call->previous = nullptr;
      call->listed = false;
      calls.push_back(std::move(call));
      call = std::move(next);
    }
    hooks.swap(shutdownHooks_);
  }
  for (auto& call : calls) call->cancel("the client was shut down");
  for (auto& [id, hook] : hooks) hook();
  runtime_->stop();
  executor_->shutdown();
}

}  // namespace nakama::internal
