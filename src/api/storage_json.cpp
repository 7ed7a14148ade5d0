#include "api/storage_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, StorageObject& out) {
  using internal::read;
  read(j, "collection", out.collection);
  read(j, "key", out.key);
  read(j, "user_id", out.userId);
  read(j, "value", out.value);
  read(j, "version", out.version);
  read(j, "permission_read", out.permissionRead);
  read(j, "permission_write", out.permissionWrite);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
}

void from_json(const internal::JsonValue& j, StorageObjects& out) { internal::read(j, "objects", out.objects); }

void from_json(const internal::JsonValue& j, StorageObjectList& out) {
  internal::read(j, "objects", out.objects);
  internal::read(j, "cursor", out.cursor);
}

void from_json(const internal::JsonValue& j, StorageObjectAck& out) {
  using internal::read;
  read(j, "collection", out.collection);
  read(j, "key", out.key);
  read(j, "version", out.version);
  read(j, "user_id", out.userId);
}

void from_json(const internal::JsonValue& j, StorageObjectAcks& out) { internal::read(j, "acks", out.acks); }

namespace internal {

Json readStorageBody(const std::vector<StorageObjectId>& ids) {
  Json list = Json::array();
  for (const auto& id : ids) {
    Json item = Json::object();
    item["collection"] = id.collection;
    item["key"] = id.key;
    writeNonEmpty(item, "user_id", id.userId);
    list.push_back(std::move(item));
  }
  Json body = Json::object();
  body["object_ids"] = std::move(list);
  return body;
}

Json writeStorageBody(const std::vector<WriteStorageObject>& objects) {
  Json list = Json::array();
  for (const auto& object : objects) {
    Json item = Json::object();
    item["collection"] = object.collection;
    item["key"] = object.key;
    item["value"] = object.value;
    writeNonEmpty(item, "version", object.version);
    writeOptional(item, "permission_read", object.permissionRead);
    writeOptional(item, "permission_write", object.permissionWrite);
    list.push_back(std::move(item));
  }
  Json body = Json::object();
  body["objects"] = std::move(list);
  return body;
}

Json deleteStorageBody(const std::vector<DeleteStorageObjectId>& ids) {
  Json list = Json::array();
  for (const auto& id : ids) {
    Json item = Json::object();
    item["collection"] = id.collection;
    item["key"] = id.key;
    writeNonEmpty(item, "version", id.version);
    list.push_back(std::move(item));
  }
  Json body = Json::object();
  body["object_ids"] = std::move(list);
  return body;
}

}  // namespace internal

}  // namespace nakama
