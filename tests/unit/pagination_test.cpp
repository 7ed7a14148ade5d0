// nakama::collectAllPages (include/nakama/pagination.h).

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "core/executors.h"
#include "nakama/pagination.h"

namespace nakama::test {
namespace {

struct NumberPage {
  std::vector<int> numbers;
  std::string cursor;
};

/// Serves pages "" -> "1" -> "2" -> end, each with two numbers, completing synchronously or from
/// another thread; records the cursors asked for.
struct PageServer {
  std::vector<std::string> cursors;
  std::mutex mutex;
  bool async = false;
  std::shared_ptr<CallbackExecutor> executor;
  std::vector<std::thread> threads;

  ~PageServer() {
    for (auto& t : threads) t.join();
  }

  Future<NumberPage> fetch(const std::string& cursor) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      cursors.push_back(cursor);
    }
    internal::Promise<NumberPage> promise(executor);
    NumberPage page;
    const int index = cursor.empty() ? 0 : std::stoi(cursor);
    page.numbers = {index * 2, index * 2 + 1};
    if (index < 2) page.cursor = std::to_string(index + 1);
    if (async) {
      std::lock_guard<std::mutex> lock(mutex);
      threads.emplace_back([promise, page] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        promise.complete(page);
      });
    } else {
      promise.complete(page);
    }
    return promise.future();
  }
};

TEST(Pagination, CollectsEveryPageInOrder) {
  PageServer server;
  auto all = collectAllPages([&](const std::string& c) { return server.fetch(c); }, &NumberPage::numbers).get();
  ASSERT_TRUE(all.ok()) << all.error();
  EXPECT_EQ(*all, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(server.cursors, (std::vector<std::string>{"", "1", "2"}));
}

TEST(Pagination, AsynchronousPagesOnTheCallbackExecutor) {
  auto executor = internal::makeExecutor(CallbackMode::kSdkThread, nullptr, nullptr);
  auto sdkExecutor = std::dynamic_pointer_cast<internal::SdkThreadExecutor>(executor);
  ASSERT_TRUE(sdkExecutor);
  PageServer server;
  server.async = true;
  server.executor = executor;
  std::atomic<int> fetchesOnCallbackThread{0};
  PaginationOptions options;
  options.executor = executor;
  auto future = collectAllPages(
      [&](const std::string& c) {
        if (sdkExecutor->onExecutorThread()) ++fetchesOnCallbackThread;
        return server.fetch(c);
      },
      &NumberPage::numbers, options);
  std::atomic<bool> continuationOnCallbackThread{false};
  std::promise<void> done;
  future.then([&](const Result<std::vector<int>>& result) {
    EXPECT_TRUE(result.ok());
    continuationOnCallbackThread = sdkExecutor->onExecutorThread();
    done.set_value();
  });
  ASSERT_EQ(done.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get()->size(), 6u);
  // The first page is requested by the caller; the next ones from continuations, never blocking.
  EXPECT_EQ(fetchesOnCallbackThread.load(), 2);
  EXPECT_TRUE(continuationOnCallbackThread.load());
  executor->shutdown();
}

TEST(Pagination, FirstErrorWins) {
  int calls = 0;
  auto result = collectAllPages<NumberPage>(
                    [&](const std::string& cursor) {
                      ++calls;
                      internal::Promise<NumberPage> promise(nullptr);
                      if (cursor.empty()) {
                        promise.complete(NumberPage{{1}, "next"});
                      } else {
                        Error error{ErrorKind::kServerError, "boom"};
                        error.httpStatus = 500;
                        promise.complete(error);
                      }
                      return promise.future();
                    },
                    [](NumberPage& page) { return page.numbers; }, [](const NumberPage& page) { return page.cursor; })
                    .get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "boom");
  EXPECT_EQ(calls, 2);
}

TEST(Pagination, LimitsAndStartCursor) {
  PageServer server;
  PaginationOptions pages;
  pages.maxPages = 2;
  auto two = collectAllPages([&](const std::string& c) { return server.fetch(c); }, &NumberPage::numbers, pages).get();
  EXPECT_EQ(*two, (std::vector<int>{0, 1, 2, 3}));

  PaginationOptions items;
  items.maxItems = 3;  // the page that reaches the limit is kept whole
  auto four = collectAllPages([&](const std::string& c) { return server.fetch(c); }, &NumberPage::numbers, items).get();
  EXPECT_EQ(*four, (std::vector<int>{0, 1, 2, 3}));

  PaginationOptions start;
  start.startCursor = "2";
  auto last = collectAllPages([&](const std::string& c) { return server.fetch(c); }, &NumberPage::numbers, start).get();
  EXPECT_EQ(*last, (std::vector<int>{4, 5}));
}

TEST(Pagination, RepeatedCursorStopsWithAnError) {
  int calls = 0;
  auto result = collectAllPages(
                    [&](const std::string&) {
                      ++calls;
                      internal::Promise<NumberPage> promise(nullptr);
                      promise.complete(NumberPage{{1}, "same"});
                      return promise.future();
                    },
                    &NumberPage::numbers)
                    .get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
  EXPECT_EQ(calls, 2);
}

TEST(Pagination, OtherCursorMember) {
  struct Page {
    std::vector<std::string> messages;
    std::string cursor;  // unused
    std::string nextCursor;
  };
  auto result = collectAllPages(
                    [](const std::string& cursor) {
                      internal::Promise<Page> promise(nullptr);
                      promise.complete(cursor.empty() ? Page{{"a"}, "x", "n"} : Page{{"b"}, "x", ""});
                      return promise.future();
                    },
                    &Page::messages, &Page::nextCursor)
                    .get();
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result, (std::vector<std::string>{"a", "b"}));
}

TEST(Pagination, FetcherFailures) {
  auto throwing = collectAllPages([](const std::string&) -> Future<NumberPage> { throw std::runtime_error("nope"); },
                                  &NumberPage::numbers)
                      .get();
  ASSERT_FALSE(throwing.ok());
  EXPECT_EQ(throwing.error().kind, ErrorKind::kInvalidArgument);

  auto empty = collectAllPages([](const std::string&) { return Future<NumberPage>(); }, &NumberPage::numbers).get();
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidArgument);
}

TEST(Pagination, CancelStopsTheWalkAndCancelsThePageInFlight) {
  std::vector<internal::Promise<NumberPage>> pending;
  std::vector<Future<NumberPage>> pages;
  auto future = collectAllPages(
      [&](const std::string&) {
        internal::Promise<NumberPage> promise(nullptr);
        pending.push_back(promise);
        pages.push_back(promise.future());
        return promise.future();
      },
      &NumberPage::numbers);
  ASSERT_EQ(pages.size(), 1u);
  future.cancel();
  auto result = future.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
  ASSERT_TRUE(pages[0].ready());
  EXPECT_EQ(pages[0].get().error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(pages.size(), 1u);  // no further page requested
}

}  // namespace
}  // namespace nakama::test
