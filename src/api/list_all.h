#pragma once

// The `listAll*` calls: every page of a listing whose options struct has `limit` and `cursor`.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "nakama/pagination.h"

namespace nakama::internal {

/// Starts at `options.cursor` and asks for `pageSize` items per page unless `options.limit` is set.
/// `listPage(options)` requests one page; `items` is the page's member holding the items.
template <class Options, class ListPage, class Items>
auto listAllPages(std::shared_ptr<CallbackExecutor> executor, Options options, std::int32_t pageSize, ListPage listPage,
                  Items items) {
  if (!options.limit) options.limit = pageSize;
  PaginationOptions pagination;
  pagination.executor = std::move(executor);
  pagination.startCursor = options.cursor;
  return collectAllPages(
      [options, listPage](const std::string& cursor) mutable {
        Options page = options;
        page.cursor = cursor;
        return listPage(page);
      },
      items, pagination);
}

}  // namespace nakama::internal
