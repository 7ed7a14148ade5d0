#pragma once

// JSON mapping of the storage area.

#include <vector>

#include "core/json.h"
#include "nakama/storage.h"

namespace nakama {

void from_json(const internal::JsonValue& j, StorageObject& out);
void from_json(const internal::JsonValue& j, StorageObjects& out);
void from_json(const internal::JsonValue& j, StorageObjectList& out);
void from_json(const internal::JsonValue& j, StorageObjectAck& out);
void from_json(const internal::JsonValue& j, StorageObjectAcks& out);

namespace internal {

/// `ReadStorageObjectsRequest` {"object_ids":[{collection, key, user_id}]}.
Json readStorageBody(const std::vector<StorageObjectId>& ids);
/// `WriteStorageObjectsRequest` {"objects":[{collection, key, value, version, permission_read, permission_write}]}.
Json writeStorageBody(const std::vector<WriteStorageObject>& objects);
/// `DeleteStorageObjectsRequest` {"object_ids":[{collection, key, version}]}.
Json deleteStorageBody(const std::vector<DeleteStorageObjectId>& ids);

}  // namespace internal
}  // namespace nakama
