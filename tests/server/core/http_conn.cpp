// Plain HTTP on Boost.Beast: keep-alive request loop, HTTP fault injection, WebSocket upgrade hand-off.
#include <algorithm>
#include <cctype>
#include <iostream>

#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "core/dispatch.h"
#include "core/server_impl.h"

namespace nakama::testserver {

namespace {
// Far above maxRequestSize: dispatchHttp answers the gateway's own 400 for bodies over that limit.
constexpr std::uint64_t kBodyLimit = 64ull * 1024 * 1024;
constexpr std::uint32_t kHeaderLimit = 1024 * 1024;

std::map<std::string, std::string> lowerHeaders(const HttpRequest& req) {
  std::map<std::string, std::string> out;
  for (const auto& field : req) {
    std::string key(field.name_string());
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, inserted] = out.emplace(key, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  return out;
}

bool isSocketPath(const std::string& target) {
  return target.compare(0, 3, "/ws") == 0 && (target.size() == 3 || target[3] == '?');
}
}  // namespace

HttpConn::HttpConn(TestServer::Impl& server, tcp::socket socket)
    : server_(server), stream_(std::move(socket)), delay_(stream_.get_executor()) {}

HttpConn::~HttpConn() { server_.httpConns.erase(this); }

void HttpConn::start() {
  server_.httpConns[this] = weak_from_this();
  readRequest();
}

void HttpConn::closeIfIdle() {
  if (!idle_) return;
  error_code ignored;
  stream_.socket().close(ignored);
}

void HttpConn::readRequest() {
  // Refusing: a connection that finishes its answer after refuseConnections() closed the idle ones
  // must not serve another request either.
  if (server_.faults->refuse) return shutdown();
  parser_.emplace();
  headRequest_ = false;
  parser_->body_limit(kBodyLimit);
  parser_->header_limit(kHeaderLimit);
  idle_ = true;
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](const error_code& ec, std::size_t) {
    self->idle_ = false;
    if (ec) {
      if (ec == http::error::body_limit || ec == http::error::header_limit) {
        Response r;
        r.status = 413;
        r.contentType = "text/plain; charset=utf-8";
        r.body = "Request Entity Too Large\n";
        return self->send(r, false, 11, std::nullopt);
      }
      return self->shutdown();
    }
    self->onRequest(self->parser_->release());
  });
}

void HttpConn::onRequest(HttpRequest req) {
  auto headers = lowerHeaders(req);
  std::string target(req.target());
  headRequest_ = req.method() == http::verb::head;
  if (websocket::is_upgrade(req)) return upgrade(std::move(req), headers);
  Response r;
  std::optional<HttpFault> fault;
  if (isSocketPath(target)) {
    // A plain GET on the socket endpoint: token checks first, then the upgrade failure.
    if (authorizeSocket(server_.ctx, target, headers, r)) {
      r.status = 400;
      r.contentType = "text/plain; charset=utf-8";
      r.body = "Bad Request\n";
    }
  } else {
    fault = server_.faults->take(target.substr(0, target.find('?')));
    if (fault && fault->kind == HttpFault::Kind::kStatus) {
      r.status = fault->status;
      r.body = faultStatusBody(fault->status);
      if (fault->retryAfter) r.headers["Retry-After"] = std::to_string(fault->retryAfter->count());
    } else {
      r = dispatchHttp(server_.ctx, std::string(req.method_string()), target, headers, req.body());
    }
    if (fault && fault->kind == HttpFault::Kind::kCorrupt) r.body = corruptBody(r.body, fault->body);
  }
  send(r, req.keep_alive(), req.version(), fault);
}

void HttpConn::upgrade(HttpRequest req, const std::map<std::string, std::string>& headers) {
  Response reject;
  std::optional<RtSession> session;
  if (!server_.accepting) {
    reject.status = 503;
    reject.contentType = "text/plain; charset=utf-8";
    reject.body = "Service Unavailable\n";
  } else {
    session = authorizeSocket(server_.ctx, std::string(req.target()), headers, reject);
    if (!session && server_.config.log) std::cerr << "[ws] upgrade rejected " << reject.status << " " << reject.body;
  }
  if (!session) return send(reject, false, req.version(), std::nullopt);
  server_.httpConns.erase(this);
  auto ws = std::make_shared<WsConn>(server_, std::move(stream_), *session);
  server_.sockets[ws.get()] = ws;
  ws->start(std::move(req));
}

void HttpConn::send(const Response& r, bool keepAlive, unsigned version, const std::optional<HttpFault>& fault) {
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version);
  if (!r.contentType.empty()) res->set(http::field::content_type, r.contentType);
  for (const auto& [name, value] : r.headers) res->set(name, value);
  res->body() = r.body;
  res->keep_alive(keepAlive);
  res->prepare_payload();
  if (headRequest_) res->body().clear();  // Content-Length still says what a GET would have carried
  if (fault && fault->kind == HttpFault::Kind::kDrop) return writeDropped(std::move(res));
  if (fault && fault->kind == HttpFault::Kind::kDelay) {
    delay_.expires_after(fault->delay);
    delay_.async_wait([self = shared_from_this(), res](const error_code& ec) {
      if (ec) return self->shutdown();
      self->write(res);
    });
    return;
  }
  write(std::move(res));
}

void HttpConn::write(std::shared_ptr<http::response<http::string_body>> res) {
  http::async_write(stream_, *res, [self = shared_from_this(), res](const error_code& ec, std::size_t) {
    if (ec || !res->keep_alive()) return self->shutdown();
    self->readRequest();
  });
}

// The status line, the headers (with the full Content-Length) and half of the body, then the connection ends.
void HttpConn::writeDropped(std::shared_ptr<http::response<http::string_body>> res) {
  auto raw = std::make_shared<std::string>();
  *raw = "HTTP/1.1 " + std::to_string(res->result_int()) + " " + std::string(res->reason()) + "\r\n";
  for (const auto& field : *res) *raw += std::string(field.name_string()) + ": " + std::string(field.value()) + "\r\n";
  *raw += "\r\n" + res->body().substr(0, res->body().size() / 2);
  asio::async_write(stream_, asio::buffer(*raw), [self = shared_from_this(), raw](const error_code&, std::size_t) {
    error_code ignored;
    self->stream_.socket().close(ignored);
  });
}

void HttpConn::shutdown() {
  error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

}  // namespace nakama::testserver
