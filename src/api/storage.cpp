#include "nakama/storage.h"

#include "api/list_all.h"
#include "api/storage_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

namespace {

internal::RestRequest listRequest(const std::string& collection, const std::string& userId,
                                  const StorageListOptions& options, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/storage/" + internal::percentEncode(collection);
  if (!userId.empty()) request.path += "/" + internal::percentEncode(userId);
  request.query.addOptional("limit", options.limit).addNonEmpty("cursor", options.cursor);
  request.options = call;
  return request;
}

}  // namespace

StorageApi::StorageApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

StorageApi Client::storage() const { return StorageApi(core_); }

Future<StorageObjects> StorageApi::read(const std::vector<StorageObjectId>& ids, const CallOptions& call) {
  if (ids.empty()) return internal::makeReadyFuture<StorageObjects>(core_->executor(), StorageObjects{});
  internal::RestRequest request;
  request.method = "POST";
  request.path = "/v2/storage";
  request.json = internal::readStorageBody(ids);
  request.options = call;
  return core_->call<StorageObjects>(std::move(request));
}

Future<StorageObjectAcks> StorageApi::write(const std::vector<WriteStorageObject>& objects, const CallOptions& call) {
  if (objects.empty()) return internal::makeReadyFuture<StorageObjectAcks>(core_->executor(), StorageObjectAcks{});
  internal::RestRequest request;
  request.method = "PUT";
  request.path = "/v2/storage";
  request.json = internal::writeStorageBody(objects);
  request.options = call;
  return core_->call<StorageObjectAcks>(std::move(request));
}

Future<void> StorageApi::remove(const std::vector<DeleteStorageObjectId>& ids, const CallOptions& call) {
  if (ids.empty()) return internal::makeReadyFuture<void>(core_->executor(), Result<void>());
  internal::RestRequest request;
  request.method = "PUT";  // sic: DeleteStorageObjects is PUT /v2/storage/delete
  request.path = "/v2/storage/delete";
  request.json = internal::deleteStorageBody(ids);
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<StorageObjectList> StorageApi::listOwn(const std::string& collection, const StorageListOptions& options,
                                              const CallOptions& call) {
  auto session = core_->sessions()->current();
  if (!session) {
    return core_->fail<StorageObjectList>(
        Error{ErrorKind::kInvalidArgument, "listOwn needs a session (authenticate first)"});
  }
  if (collection.empty()) {
    return core_->fail<StorageObjectList>(Error{ErrorKind::kInvalidArgument, "the collection must not be empty"});
  }
  // The same listing as /v2/storage/{collection}/{user_id}, in its query-parameter form.
  auto request = listRequest(collection, {}, options, call);
  request.query.add("user_id", session->userId());
  return core_->call<StorageObjectList>(std::move(request));
}

Future<StorageObjectList> StorageApi::listUser(const std::string& collection, const std::string& userId,
                                               const StorageListOptions& options, const CallOptions& call) {
  if (collection.empty()) {
    return core_->fail<StorageObjectList>(Error{ErrorKind::kInvalidArgument, "the collection must not be empty"});
  }
  if (userId.empty()) {
    return core_->fail<StorageObjectList>(
        Error{ErrorKind::kInvalidArgument, "the user id must not be empty (use listPublic for every user)"});
  }
  return core_->call<StorageObjectList>(listRequest(collection, userId, options, call));
}

Future<StorageObjectList> StorageApi::listPublic(const std::string& collection, const StorageListOptions& options,
                                                 const CallOptions& call) {
  if (collection.empty()) {
    return core_->fail<StorageObjectList>(Error{ErrorKind::kInvalidArgument, "the collection must not be empty"});
  }
  return core_->call<StorageObjectList>(listRequest(collection, {}, options, call));
}

Future<std::vector<StorageObject>> StorageApi::listAll(const std::string& collection, const std::string& userId,
                                                       const StorageListOptions& options, const CallOptions& call) {
  if (collection.empty()) {
    return core_->fail<std::vector<StorageObject>>(
        Error{ErrorKind::kInvalidArgument, "the collection must not be empty"});
  }
  return internal::listAllPages(
      core_->executor(), options, 100,
      [self = *this, collection, userId, call](const StorageListOptions& page) mutable {
        return userId.empty() ? self.listPublic(collection, page, call) : self.listUser(collection, userId, page, call);
      },
      &StorageObjectList::objects);
}

}  // namespace nakama
