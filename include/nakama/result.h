#pragma once

#include <cassert>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "nakama/error.h"

namespace nakama {

/// Thrown by `Result<T>::value()` when the result holds an error instead of a value.
class NAKAMA_API BadResultAccess : public std::logic_error {
 public:
  /// Carries the error that was accessed as a value.
  explicit BadResultAccess(const Error& error);
  /// The result's error.
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

namespace internal {
/// What `error()` returns in release builds when misused on a success.
NAKAMA_API const Error& noError();
}  // namespace internal

/// A value of type `T` or an `Error` (like absl::StatusOr). Every SDK request yields one.
template <class T>
class Result {
 public:
  static_assert(!std::is_same_v<T, Error>, "Result<Error> is ambiguous");

  /// A success holding `value`.
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  /// A failure holding `error`.
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  /// True when the result holds a value.
  bool ok() const noexcept { return data_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws BadResultAccess when the result is an error.
  const T& value() const& {
    check();
    return std::get<0>(data_);
  }
  /// The value; throws BadResultAccess when the result is an error.
  T& value() & {
    check();
    return std::get<0>(data_);
  }
  /// The value, moved out; throws BadResultAccess when the result is an error.
  T&& value() && {
    check();
    return std::get<0>(std::move(data_));
  }

  /// The value; throws BadResultAccess when the result is an error.
  const T& operator*() const& { return value(); }
  /// The value; throws BadResultAccess when the result is an error.
  T& operator*() & { return value(); }
  /// Member access to the value; throws BadResultAccess when the result is an error.
  const T* operator->() const { return &value(); }
  /// Member access to the value; throws BadResultAccess when the result is an error.
  T* operator->() { return &value(); }

  /// The error. Precondition: `!ok()`. Asking a success for its error is a programming error: it
  /// asserts in debug builds (release builds return an Error whose content is unspecified).
  const Error& error() const {
    assert(!ok() && "Result::error() called on a successful Result");
    return ok() ? internal::noError() : std::get<1>(data_);
  }

  /// The value, or `fallback` converted to T when the result is an error.
  template <class U>
  T valueOr(U&& fallback) const& {
    return ok() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void check() const {
    if (!ok()) throw BadResultAccess(std::get<1>(data_));
  }
  std::variant<T, Error> data_;
};

/// Success without a value, or an `Error`.
template <>
class Result<void> {
 public:
  /// A success.
  Result() = default;
  /// A failure holding `error`.
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  /// True on success.
  bool ok() const noexcept { return !error_; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }
  /// Throws BadResultAccess when the result is an error.
  void value() const {
    if (error_) throw BadResultAccess(*error_);
  }
  /// The error. Precondition: `!ok()` (see Result<T>::error()).
  const Error& error() const {
    assert(!ok() && "Result::error() called on a successful Result");
    return error_ ? *error_ : internal::noError();
  }

 private:
  std::optional<Error> error_;
};

}  // namespace nakama
