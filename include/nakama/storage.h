#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// Who may read a storage object. Unknown numbers sent by a newer server are kept as they are.
enum class StoragePermissionRead : std::int32_t {
  kNoRead = 0,      ///< Only server code can read it.
  kOwnerRead = 1,   ///< The owner (and server code). The server's default for writes.
  kPublicRead = 2,  ///< Every user.
};

/// Who may write a storage object.
enum class StoragePermissionWrite : std::int32_t {
  kNoWrite = 0,     ///< Only server code; clients can no longer change or delete it.
  kOwnerWrite = 1,  ///< The owner (and server code). The server's default for writes.
};

/// A stored object as read back from the server.
struct StorageObject {
  /// The collection.
  std::string collection;
  /// The object's key in the collection.
  std::string key;
  std::string userId;   ///< The owner.
  std::string value;    ///< JSON object as a string (re-serialized by the server: spacing/key order may differ).
  std::string version;  ///< Opaque version hash; pass it to a write or delete for optimistic concurrency.
  /// Who may read it.
  StoragePermissionRead permissionRead = StoragePermissionRead::kNoRead;
  /// Who may write it.
  StoragePermissionWrite permissionWrite = StoragePermissionWrite::kNoWrite;
  /// When the object was created.
  Timestamp createTime{};
  /// When the object was last written.
  Timestamp updateTime{};
};

/// The answer of `StorageApi::read`: the objects found and readable (others are silently left out).
struct StorageObjects {
  /// The objects found.
  std::vector<StorageObject> objects;
};

/// One page of `StorageApi::list*`. An empty `cursor` means this is the last page.
struct StorageObjectList {
  /// The objects of this page.
  std::vector<StorageObject> objects;
  /// The next page's cursor; empty on the last page.
  std::string cursor;
};

/// The receipt of one written object.
struct StorageObjectAck {
  /// The collection.
  std::string collection;
  /// The object's key.
  std::string key;
  std::string version;  ///< The new version.
  /// The owner.
  std::string userId;
};

/// The answer of `StorageApi::write`: one receipt per object written.
struct StorageObjectAcks {
  /// The receipts.
  std::vector<StorageObjectAck> acks;
};

/// Identifies an object to read.
struct StorageObjectId {
  /// The collection.
  std::string collection;
  /// The object's key.
  std::string key;
  std::string userId;  ///< The owner; the signed-in user for one's own objects.
};

/// Version values with a special meaning for writes.
namespace StorageVersion {
/// Write only if the object does not exist yet.
inline constexpr const char* kIfAbsent = "*";
}  // namespace StorageVersion

/// An object to write (create or replace) for the signed-in user. Collection, key and value must not
/// be empty (kServerError code 3 "Invalid collection or key value supplied. They must be set.").
struct WriteStorageObject {
  /// The collection.
  std::string collection;
  /// The object's key.
  std::string key;
  std::string value;  ///< Must be a JSON object ("{...}"); anything else is rejected by the server.
  /// Optimistic concurrency: "" = unconditional, "*" (`StorageVersion::kIfAbsent`) = only if absent,
  /// a version hash = only if the stored object still has that version. A failed check rejects the
  /// whole batch: kServerError code 3 "Storage write rejected - version check failed.". It is checked
  /// before the object's write permission ("Storage write rejected - permission denied.").
  std::string version;
  /// Server default kOwnerRead when unset; other than 0-2: "Invalid Read permission supplied. It must be
  /// either 0, 1 or 2.".
  std::optional<StoragePermissionRead> permissionRead;
  /// Server default kOwnerWrite when unset; other than 0-1: "Invalid Write permission supplied. It must
  /// be either 0 or 1.".
  std::optional<StoragePermissionWrite> permissionWrite;
};

/// An object of the signed-in user to delete.
struct DeleteStorageObjectId {
  /// The collection.
  std::string collection;
  /// The object's key.
  std::string key;
  std::string version;  ///< "" = unconditional; otherwise delete only if the version matches.
};

/// Which page `StorageApi::listOwn`, `listUser` and `listPublic` return.
struct StorageListOptions {
  std::optional<std::int32_t> limit;  ///< 1..100; the server's default is 1.
  std::string cursor;                 ///< From a previous page; empty = the first page.
};

/// Nakama's storage engine: collections of JSON objects per user, with permissions and versions.
///
/// Storage calls are retried on transient failures: repeating an unconditional write or delete gives
/// the same result, and a repeated conditional one is rejected by its version check instead of
/// overwriting newer data.
class NAKAMA_API StorageApi {
 public:
  /// Reads objects by id. Objects that do not exist or that the caller may not read are left out.
  Future<StorageObjects> read(const std::vector<StorageObjectId>& ids, const CallOptions& call = {});
  /// Writes objects atomically (all or none). Rewriting an object with the same value and permissions
  /// stores nothing (its update time stays) but is acknowledged like a write.
  Future<StorageObjectAcks> write(const std::vector<WriteStorageObject>& objects, const CallOptions& call = {});
  /// Deletes objects of the signed-in user atomically. Fails (code 3) when a version does not match
  /// or the object is not writable by the caller.
  Future<void> remove(const std::vector<DeleteStorageObjectId>& ids, const CallOptions& call = {});

  /// Lists the signed-in user's own objects of a collection (those the owner may read).
  Future<StorageObjectList> listOwn(const std::string& collection, const StorageListOptions& options = {},
                                    const CallOptions& call = {});
  /// Lists a user's objects of a collection: all readable ones for oneself, public ones for others.
  Future<StorageObjectList> listUser(const std::string& collection, const std::string& userId,
                                     const StorageListOptions& options = {}, const CallOptions& call = {});
  /// Lists the public objects of every user in a collection.
  Future<StorageObjectList> listPublic(const std::string& collection, const StorageListOptions& options = {},
                                       const CallOptions& call = {});

  /// Every page of `listUser` (or of `listPublic` when `userId` is empty), 100 objects per request
  /// unless `options.limit` is set, starting at `options.cursor`.
  Future<std::vector<StorageObject>> listAll(const std::string& collection, const std::string& userId,
                                             const StorageListOptions& options = {}, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit StorageApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
