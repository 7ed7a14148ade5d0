#pragma once

// Internal: the state of one collectAllPages() walk. Games use nakama/pagination.h.

#include <cstddef>
#include <exception>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nakama/future.h"

namespace nakama {

namespace internal {

template <class Item, class Page, class Fetch, class TakeItems, class NextCursor>
struct PageWalk : std::enable_shared_from_this<PageWalk<Item, Page, Fetch, TakeItems, NextCursor>> {
  PageWalk(Fetch f, TakeItems t, NextCursor n, std::size_t pageLimit, std::size_t itemLimit,
           std::shared_ptr<CallbackExecutor> executor)
      : fetch(std::move(f)),
        takeItems(std::move(t)),
        nextCursor(std::move(n)),
        maxPages(pageLimit),
        maxItems(itemLimit),
        promise(std::move(executor)) {}

  void request(const std::string& cursor) {
    if (promise.completed()) return;  // cancelled by the caller
    Future<Page> page;
    try {
      page = fetch(cursor);
    } catch (const std::exception& e) {
      promise.complete(Error{ErrorKind::kInvalidArgument, std::string("the page fetcher threw: ") + e.what()});
      return;
    } catch (...) {
      promise.complete(Error{ErrorKind::kInvalidArgument, "the page fetcher threw"});
      return;
    }
    if (!page.valid()) {
      promise.complete(Error{ErrorKind::kInvalidArgument, "the page fetcher returned an empty Future"});
      return;
    }
    promise.setCanceller([page] { page.cancel(); });
    auto self = this->shared_from_this();
    page.then([self, cursor](const Result<Page>& result) { self->onPage(cursor, result); });
  }

  void onPage(const std::string& cursor, const Result<Page>& result) {
    if (!result.ok()) {
      promise.complete(result.error());
      return;
    }
    try {
      Page page = result.value();
      std::vector<Item> pageItems = takeItems(page);
      items.insert(items.end(), std::make_move_iterator(pageItems.begin()), std::make_move_iterator(pageItems.end()));
      ++pages;
      std::string next = nextCursor(page);
      const bool pageLimit = maxPages != 0 && pages >= maxPages;
      const bool itemLimit = maxItems != 0 && items.size() >= maxItems;
      if (next.empty() || pageLimit || itemLimit) {
        promise.complete(std::move(items));
        return;
      }
      if (next == cursor) {
        promise.complete(
            Error{ErrorKind::kBadResponse, "the server returned the same cursor twice; stopping the listing"});
        return;
      }
      request(next);
    } catch (const std::exception& e) {
      promise.complete(Error{ErrorKind::kBadResponse, std::string("reading a page failed: ") + e.what()});
    }
  }

  Fetch fetch;
  TakeItems takeItems;
  NextCursor nextCursor;
  std::size_t maxPages;
  std::size_t maxItems;
  Promise<std::vector<Item>> promise;
  std::vector<Item> items;
  std::size_t pages = 0;
};

}  // namespace internal

}  // namespace nakama
