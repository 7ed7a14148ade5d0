// MoveFunction: the move-only callback of the SDK's internals.

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "nakama/internal/move_function.h"

namespace nakama::internal {
namespace {

// Counts the live copies of what a callable captured.
struct Tracked {
  explicit Tracked(std::shared_ptr<int> live) : live(std::move(live)) { ++*this->live; }
  Tracked(const Tracked& other) : live(other.live) { ++*live; }
  Tracked(Tracked&& other) noexcept : live(other.live) { ++*live; }
  ~Tracked() { --*live; }
  std::shared_ptr<int> live;
};

TEST(MoveFunction, EmptyUntilGivenACallableAndThrowsWhenCalledEmpty) {
  MoveFunction<int(int)> empty;
  EXPECT_FALSE(empty);
  EXPECT_THROW(empty(1), std::bad_function_call);
  MoveFunction<int(int)> fromNull = nullptr;
  EXPECT_FALSE(fromNull);
  MoveFunction<int(int)> fromEmptyStdFunction = std::function<int(int)>();
  EXPECT_FALSE(fromEmptyStdFunction);  // as std::function itself would be
  int (*nullPointer)(int) = nullptr;
  MoveFunction<int(int)> fromNullPointer = nullPointer;
  EXPECT_FALSE(fromNullPointer);
}

TEST(MoveFunction, CallsSmallAndLargeCallablesAndMovesThem) {
  auto small = std::make_unique<int>(5);
  MoveFunction<int(int)> inlineOne = [value = std::move(small)](int x) { return *value + x; };
  std::array<char, 200> padding{};  // larger than the inline room: kept on the heap
  padding[0] = 7;
  MoveFunction<int(int)> heapOne = [padding](int x) { return padding[0] + x; };
  EXPECT_EQ(inlineOne(1), 6);
  EXPECT_EQ(heapOne(1), 8);

  MoveFunction<int(int)> moved = std::move(inlineOne);
  EXPECT_FALSE(inlineOne);  // NOLINT(bugprone-use-after-move): a moved-from MoveFunction is empty
  EXPECT_EQ(moved(2), 7);
  moved = std::move(heapOne);
  EXPECT_EQ(moved(2), 9);
  MoveFunction<int(int)> fromStdFunction = std::function<int(int)>([](int x) { return x * 3; });
  EXPECT_EQ(fromStdFunction(3), 9);
}

TEST(MoveFunction, ArgumentsAreForwardedWithoutCopies) {
  MoveFunction<std::string(std::string)> takeValue = [](std::string text) { return text + "!"; };
  EXPECT_EQ(takeValue("hi"), "hi!");
  std::string seen;
  MoveFunction<void(const std::string&)> takeReference = [&seen](const std::string& text) { seen = text; };
  takeReference("ref");
  EXPECT_EQ(seen, "ref");
  auto owned = std::make_unique<int>(4);
  MoveFunction<int(std::unique_ptr<int>)> takeMoveOnly = [](std::unique_ptr<int> p) { return *p; };
  EXPECT_EQ(takeMoveOnly(std::move(owned)), 4);
}

TEST(MoveFunction, DestroysWhatItHoldsExactlyOnce) {
  auto live = std::make_shared<int>(0);
  {
    MoveFunction<void()> inlineOne = [tracked = Tracked(live)] {};
    std::array<char, 200> padding{};
    MoveFunction<void()> heapOne = [tracked = Tracked(live), padding] {};
    EXPECT_EQ(*live, 2);
    MoveFunction<void()> moved = std::move(inlineOne);
    MoveFunction<void()> movedHeap = std::move(heapOne);
    EXPECT_EQ(*live, 2);  // relocated, not copied
    moved = nullptr;
    EXPECT_EQ(*live, 1);
    movedHeap = std::move(moved);  // assigning an empty one releases what was held
    EXPECT_EQ(*live, 0);
  }
  EXPECT_EQ(*live, 0);
}

}  // namespace
}  // namespace nakama::internal
