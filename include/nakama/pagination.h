#pragma once

// Walking every page of a cursor-based listing (friends, groups, group members, storage objects, ...).
//
//   auto all = nakama::collectAllPages(
//       [&](const std::string& cursor) { return client.friends().list({std::nullopt, 100, cursor}); },
//       &nakama::FriendList::friends);
//   all.then([](const nakama::Result<std::vector<nakama::Friend>>& friends) { ... });
//
// The walk never blocks a thread: each page is requested from the continuation of the previous one
// (`Future::then`), so it runs where the client runs its callbacks. The returned Future completes once,
// with every item of every page in order, or with the first error. Cancelling it cancels the page in
// flight and stops the walk.

#include <cstddef>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "nakama/future.h"
#include "nakama/internal/page_walk.h"

namespace nakama {

/// Limits and start of a `collectAllPages()` walk.
struct PaginationOptions {
  /// The cursor of the first page; empty = from the beginning.
  std::string startCursor;
  /// Stop after this many pages (0 = no limit). Reaching it is not an error.
  std::size_t maxPages = 0;
  /// Stop once at least this many items were collected (0 = no limit). The last page is kept whole.
  std::size_t maxItems = 0;
  /// Where continuations of the returned Future run. The SDK's facades pass the client's executor;
  /// with nullptr they run on the thread that completes the walk (the thread that ran the last page's
  /// continuation), or inline in `then()` when the walk has already finished.
  std::shared_ptr<CallbackExecutor> executor;
};

/// Collects every item of a cursor-based listing.
/// * `fetch(cursor)` requests one page (`cursor` is empty for the first page) and returns `Future<Page>`;
/// * `takeItems(page)` returns the page's items as `std::vector<Item>`;
/// * `nextCursor(page)` returns the cursor of the next page; empty ends the walk.
template <class Page, class Fetch, class TakeItems, class NextCursor,
          class Item = typename std::invoke_result_t<TakeItems, Page&>::value_type>
Future<std::vector<Item>> collectAllPages(Fetch fetch, TakeItems takeItems, NextCursor nextCursor,
                                          PaginationOptions options = {}) {
  using Walk = internal::PageWalk<Item, Page, Fetch, TakeItems, NextCursor>;
  auto walk = std::make_shared<Walk>(std::move(fetch), std::move(takeItems), std::move(nextCursor), options.maxPages,
                                     options.maxItems, std::move(options.executor));
  auto future = walk->promise.future();
  walk->request(options.startCursor);
  return future;
}

/// The common case: the page is a struct with a vector of items and a `std::string cursor` member
/// (FriendList, GroupList, GroupUserList, UserGroupList, StorageObjectList, ...).
///   collectAllPages(fetch, &GroupList::groups)
template <class Fetch, class Page, class Item>
Future<std::vector<Item>> collectAllPages(Fetch fetch, std::vector<Item> Page::*items, PaginationOptions options = {}) {
  return collectAllPages<Page>(
      std::move(fetch), [items](Page& page) { return std::move(page.*items); },
      [](const Page& page) { return page.cursor; }, std::move(options));
}

/// Like the above for pages whose next cursor lives in another member (e.g. `next_cursor`).
template <class Fetch, class Page, class Item>
Future<std::vector<Item>> collectAllPages(Fetch fetch, std::vector<Item> Page::*items, std::string Page::*cursor,
                                          PaginationOptions options = {}) {
  return collectAllPages<Page>(
      std::move(fetch), [items](Page& page) { return std::move(page.*items); },
      [cursor](const Page& page) { return page.*cursor; }, std::move(options));
}

}  // namespace nakama
