#include "core/log.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <iostream>
#include <memory>
#include <mutex>

namespace nakama {

namespace {

// The lowest level that is written; kNothing when there is no sink. Read without the lock: every call asks
// whether its debug line is wanted.
constexpr int kNothing = static_cast<int>(LogLevel::kError) + 1;

struct SinkState {
  std::mutex mutex;
  std::shared_ptr<const LogSink> sink;  // shared: a line being written keeps the sink it started with
  LogLevel minLevel = LogLevel::kWarn;
  std::atomic<int> lowestWritten{static_cast<int>(LogLevel::kWarn)};
};

SinkState& state() {
  static SinkState* s = [] {
    auto* created = new SinkState;  // never destroyed: threads may log during static destruction
    created->sink = std::make_shared<const LogSink>([](LogLevel level, std::string_view message) {
      std::cerr << "nakama [" << toString(level) << "] " << message << '\n';
    });
    return created;
  }();
  return *s;
}

}  // namespace

void setLogSink(LogSink sink, LogLevel minLevel) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.sink = sink ? std::make_shared<const LogSink>(std::move(sink)) : nullptr;
  s.minLevel = minLevel;
  s.lowestWritten.store(s.sink ? static_cast<int>(minLevel) : kNothing, std::memory_order_relaxed);
}

const char* toString(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "?";
}

}  // namespace nakama

namespace nakama::internal {

bool logEnabled(LogLevel level) {
  return static_cast<int>(level) >= state().lowestWritten.load(std::memory_order_relaxed);
}

void log(LogLevel level, std::string_view message) {
  std::shared_ptr<const LogSink> sink;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.sink || level < s.minLevel) return;
    sink = s.sink;
  }
  const std::string line = redactSecrets(message);
  try {
    (*sink)(level, line);
  } catch (...) {  // a failing sink must not break the SDK
  }
}

namespace {

constexpr std::string_view kRedacted = "[redacted]";

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool isTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-._~+/=%").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool endsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Field and parameter names whose values are credentials.
bool isSecretName(const std::string& name) {
  return endsWith(name, "token") || endsWith(name, "password") || endsWith(name, "secret") || name == "server_key" ||
         name == "serverkey" || name == "http_key" || name == "httpkey";
}

// The end of a JWT-shaped run starting at `i` ("eyJ" and base64url with a dot: a cut-off token counts
// too), or `i` when there is none.
std::size_t jwtEnd(std::string_view text, std::size_t i) {
  if (text.substr(i, 3) != "eyJ") return i;
  std::size_t end = i;
  bool dot = false;
  while (end < text.size() && (isIdentChar(text[end]) || text[end] == '-' || text[end] == '.')) {
    dot = dot || text[end] == '.';
    ++end;
  }
  return dot && end - i >= 16 ? end : i;
}

}  // namespace

std::string redactSecrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool wordStart = isIdentChar(text[i]) && (i == 0 || !isIdentChar(text[i - 1]));
    if (!wordStart) {
      out += text[i++];
      continue;
    }
    if (const auto end = jwtEnd(text, i); end != i) {
      out += kRedacted;
      i = end;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && isIdentChar(text[end])) ++end;
    const std::string name = lower(text.substr(i, end - i));
    out.append(text.substr(i, end - i));
    i = end;
    // "Bearer <credentials>", "Basic <credentials>"
    if ((name == "bearer" || name == "basic") && i + 1 < text.size() && text[i] == ' ' && isTokenChar(text[i + 1])) {
      out += ' ';
      out += kRedacted;
      for (++i; i < text.size() && isTokenChar(text[i]);) ++i;
      continue;
    }
    if (!isSecretName(name)) continue;
    // name=value (a query string or a form)
    if (i < text.size() && text[i] == '=') {
      out += '=';
      ++i;
      if (i < text.size() && text[i] != '&' && text[i] != ' ') out += kRedacted;
      while (i < text.size() && text[i] != '&' && text[i] != ' ' && text[i] != '"' && text[i] != '#' &&
             text[i] != '\'' && text[i] != ',')
        ++i;
      continue;
    }
    // "name": "value" (JSON), quoted or escaped-quoted
    std::size_t j = i;
    if (j < text.size() && text[j] == '\\') ++j;
    if (j < text.size() && text[j] == '"') ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || text[j] != ':') continue;
    ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    const bool escapedQuote = j + 1 < text.size() && text[j] == '\\' && text[j + 1] == '"';
    if (!escapedQuote && (j >= text.size() || text[j] != '"')) continue;
    j += escapedQuote ? 2 : 1;
    out.append(text.substr(i, j - i));
    out += kRedacted;
    // The value ends at the closing quote (skipping escaped characters), or with the text.
    while (j < text.size()) {
      if (escapedQuote && text[j] == '\\' && j + 1 < text.size() && text[j + 1] == '"') break;
      if (!escapedQuote && text[j] == '"') break;
      if (!escapedQuote && text[j] == '\\') ++j;
      ++j;
    }
    i = std::min(j, text.size());
  }
  return out;
}

}  // namespace nakama::internal
