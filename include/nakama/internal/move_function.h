#pragma once

// Internal (not part of the public API): a move-only std::function for the SDK's callbacks (the REST pipeline's,
// timers', deferred tasks', a Future's continuations and the executors' queues). std::function must be copyable and, in
// libstdc++, keeps on the heap any callable holding a shared_ptr: a request made several such allocations on its way
// down the pipeline and back. MoveFunction keeps callables of up to kInlineSize bytes (48 unless a use asks for more)
// that move without throwing inside itself, and only larger ones on the heap.

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace nakama::internal {

template <class Signature, std::size_t InlineSize = 48>
class MoveFunction;

template <class R, class... Args, std::size_t InlineSize>
class MoveFunction<R(Args...), InlineSize> {
 public:
  static constexpr std::size_t kInlineSize = InlineSize;

  MoveFunction() noexcept = default;
  MoveFunction(std::nullptr_t) noexcept {}  // implicit, like std::function

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, MoveFunction> && std::is_invocable_r_v<R, D&, Args...>>>
  MoveFunction(F&& f) {  // implicit, like std::function
    if (isNull(f))
      return;  // an empty std::function or a null pointer makes an empty MoveFunction, as with std::function
    if constexpr (storedInline<D>()) {
      ::new (static_cast<void*>(&storage_)) D(std::forward<F>(f));
      ops_ = &kInlineOps<D>;
    } else {
      ::new (static_cast<void*>(&storage_)) D*(new D(std::forward<F>(f)));
      ops_ = &kHeapOps<D>;
    }
  }

  MoveFunction(MoveFunction&& other) noexcept { takeFrom(other); }
  MoveFunction& operator=(MoveFunction&& other) noexcept {
    if (this != &other) {
      reset();
      takeFrom(other);
    }
    return *this;
  }
  MoveFunction& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  MoveFunction(const MoveFunction&) = delete;
  MoveFunction& operator=(const MoveFunction&) = delete;
  ~MoveFunction() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  R operator()(Args... args) {
    if (ops_ == nullptr) throw std::bad_function_call();
    return ops_->invoke(&storage_, std::forward<Args>(args)...);
  }

 private:
  struct Ops {
    R (*invoke)(void* storage, Args&&... args);
    void (*relocate)(void* from, void* to) noexcept;  // moves the callable into `to` and destroys it in `from`
    void (*destroy)(void* storage) noexcept;
  };

  template <class D>
  static constexpr bool storedInline() {
    return sizeof(D) <= kInlineSize && alignof(D) <= alignof(std::max_align_t) &&
           std::is_nothrow_move_constructible_v<D>;
  }

  template <class F>
  static bool isNull(const F& f) {
    if constexpr (std::is_pointer_v<F> || std::is_member_pointer_v<F>) {
      return f == nullptr;
    } else {
      return false;
    }
  }
  template <class Sig>
  static bool isNull(const std::function<Sig>& f) {
    return !f;
  }

  template <class D>
  static D& inlineObject(void* storage) {
    return *std::launder(static_cast<D*>(storage));
  }
  template <class D>
  static D*& heapPointer(void* storage) {
    return *std::launder(static_cast<D**>(storage));
  }

  template <class D>
  static constexpr Ops kInlineOps = {
      [](void* storage, Args&&... args) -> R {
        return std::invoke(inlineObject<D>(storage), std::forward<Args>(args)...);
      },
      [](void* from, void* to) noexcept {
        D& source = inlineObject<D>(from);
        ::new (to) D(std::move(source));
        source.~D();
      },
      [](void* storage) noexcept { inlineObject<D>(storage).~D(); },
  };
  template <class D>
  static constexpr Ops kHeapOps = {
      [](void* storage, Args&&... args) -> R {
        return std::invoke(*heapPointer<D>(storage), std::forward<Args>(args)...);
      },
      [](void* from, void* to) noexcept { ::new (to) D*(heapPointer<D>(from)); },
      [](void* storage) noexcept { delete heapPointer<D>(storage); },
  };

  void takeFrom(MoveFunction& other) noexcept {
    if (other.ops_ == nullptr) return;
    other.ops_->relocate(&other.storage_, &storage_);
    ops_ = other.ops_;
    other.ops_ = nullptr;
  }
  void reset() noexcept {
    if (ops_ == nullptr) return;
    const Ops* ops = ops_;
    ops_ = nullptr;  // a callable whose destructor reaches this function again finds it empty
    ops->destroy(&storage_);
  }

  alignas(std::max_align_t) unsigned char storage_[kInlineSize];
  const Ops* ops_ = nullptr;
};

/// A copyable std::function calling `f` (every copy reaches the one callable), for APIs that copy their callbacks.
template <class R, class... Args>
std::function<R(Args...)> sharedCopy(MoveFunction<R(Args...)> f) {
  auto shared = std::make_shared<MoveFunction<R(Args...)>>(std::move(f));
  // Forwarding references: the arguments go through as std::function passes them, without a copy or a move here.
  return [shared](auto&&... args) -> R { return (*shared)(std::forward<decltype(args)>(args)...); };
}

}  // namespace nakama::internal
