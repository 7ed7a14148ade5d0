// Storage engine: /v2/storage read, write, delete and list, as Nakama 3.15 serves client calls
// (tests/server/README.md, "Leaderboards, tournaments and storage"):
// * an object is (collection, key, user_id); its version is the MD5 hex digest of the value text written;
// * write: collection, key and value must be set, the value a JSON object; permissions default to
//   read 1 / write 1; version "" is unconditional, "*" only-if-absent, "<hash>" if-match, checked before
//   the write permission (an existing object with write 0 cannot be changed by a client); rewriting the
//   same value and permissions changes nothing; the batch is all-or-nothing; acks keep request order;
// * read: an object is visible when read == 2, or read == 1 and the caller owns it; others are skipped;
// * delete: the caller's own objects with write > 0 (and the matching version when given); anything
//   not deleted rejects the whole batch;
// * list: own objects with read >= 1, another user's with read == 2, or every user's with read == 2,
//   ordered by (read, key, user_id), with a cursor only when more objects follow.
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct StoredObject {
  std::string collection;
  std::string key;
  std::string userId;
  std::string value;  // JSONB text
  std::string version;
  int read = 1;
  int write = 1;
  std::int64_t createTime = 0;
  std::int64_t updateTime = 0;
};

using ObjectKey = std::tuple<std::string, std::string, std::string>;  // collection, key, user id

struct StorageState {
  std::map<ObjectKey, StoredObject> objects;
};

std::string md5Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Json objectJson(const StoredObject& o) {
  Json out = Json::object();
  out["collection"] = o.collection;
  out["key"] = o.key;
  out["user_id"] = o.userId;
  out["value"] = o.value;
  out["version"] = o.version;
  setIfNotZero(out, "permission_read", o.read);
  setIfNotZero(out, "permission_write", o.write);
  out["create_time"] = rfc3339(o.createTime);
  out["update_time"] = rfc3339(o.updateTime);
  return out;
}

// "Value must be a JSON object.": valid JSON whose first non-space character is '{'.
bool isJsonObjectText(const std::string& text) {
  auto parsed = Json::parse(text, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

// Reads, writes (value included) and deletes all need these set.
void requireSet(const std::string& collection, const std::string& key, const std::string& value = "-") {
  if (collection.empty() || key.empty() || value.empty()) {
    throw ApiError(GrpcCode::kInvalidArgument, "Invalid collection or key value supplied. They must be set.");
  }
}

// The order the real server runs a batch in: an insertion sort (Go's sort for small slices) with its
// comparator, which is not a strict ordering (collection < or key < or owner <). It decides which
// failure a batch reports and how repeats of one object in a batch combine.
template <class T, class Key>
std::vector<std::size_t> batchOrder(const std::vector<T>& items, Key key) {
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto less = [&](std::size_t a, std::size_t b) {
    const ObjectKey& x = key(items[a]);
    const ObjectKey& y = key(items[b]);
    return std::get<0>(x) < std::get<0>(y) || std::get<1>(x) < std::get<1>(y) || std::get<2>(x) < std::get<2>(y);
  };
  for (std::size_t i = 1; i < order.size(); ++i) {
    for (std::size_t j = i; j > 0 && less(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  }
  return order;
}

const char* kInvalidUserId = "Invalid user ID - make sure user ID is a valid UUID.";

// The list cursor: the sort key of the last object returned.
struct ListCursor {
  int read = 0;
  std::string key;
  std::string userId;
};

std::string encodeCursor(const StoredObject& last) {
  Json c = Json::object();
  c["r"] = last.read;
  c["k"] = last.key;
  c["u"] = last.userId;
  return base64Encode(c.dump(), true, false);
}

ListCursor decodeCursor(const std::string& text) {
  auto raw = base64Decode(text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_object() || !c.contains("r") || !c["r"].is_number_integer() || !c.contains("k") || !c["k"].is_string() ||
      !c.contains("u") || !c["u"].is_string()) {
    throw ApiError(GrpcCode::kInvalidArgument, "Malformed cursor was used.");
  }
  return ListCursor{c["r"].get<int>(), c["k"].get<std::string>(), c["u"].get<std::string>()};
}

Json list(StorageState& state, const std::string& caller, const std::string& collection,
          const std::optional<std::string>& owner, Request& req) {
  int limit = 1;
  if (auto l = req.queryInt32("limit")) {
    if (*l < 1 || *l > 100)
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
    limit = *l;
  }
  std::optional<ListCursor> cursor;
  if (auto c = req.queryValue("cursor"); c && !c->empty()) cursor = decodeCursor(*c);

  std::vector<const StoredObject*> matches;
  for (const auto& [id, o] : state.objects) {
    if (o.collection != collection) continue;
    if (owner) {
      if (o.userId != *owner) continue;
      if (*owner == caller ? o.read < 1 : o.read != 2) continue;
    } else if (o.read != 2) {
      continue;
    }
    matches.push_back(&o);
  }
  std::sort(matches.begin(), matches.end(), [](const StoredObject* a, const StoredObject* b) {
    return std::tie(a->read, a->key, a->userId) < std::tie(b->read, b->key, b->userId);
  });
  if (cursor) {
    matches.erase(std::remove_if(matches.begin(), matches.end(),
                                 [&](const StoredObject* o) {
                                   return std::tie(o->read, o->key, o->userId) <=
                                          std::tie(cursor->read, cursor->key, cursor->userId);
                                 }),
                  matches.end());
  }
  Json objects = Json::array();
  Json out = Json::object();
  for (std::size_t i = 0; i < matches.size() && i < static_cast<std::size_t>(limit); ++i) {
    objects.push_back(objectJson(*matches[i]));
  }
  setIfNotEmpty(out, "objects", objects);
  if (matches.size() > static_cast<std::size_t>(limit)) out["cursor"] = encodeCursor(*matches[limit - 1]);
  return out;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(storage) {
  auto state = std::make_shared<StorageState>();

  // ReadStorageObjects.
  ctx.router.add("POST", "/v2/storage", Auth::kSession, [state](Request& req) {
    const Json& body = req.json();
    std::vector<ObjectKey> ids;
    if (const Json* list = field(body, "object_ids")) {
      if (!list->is_array()) throw JsonTypeError("object_ids", "list", list->dump());
      for (const Json& item : *list) {
        if (!item.is_object()) throw JsonTypeError("object_ids", "message", item.dump());
        std::string collection = getString(item, "collection");
        std::string key = getString(item, "key");
        std::string userId = getString(item, "user_id");
        requireSet(collection, key);
        if (!userId.empty() && (!isUuid(userId) || lowercase(userId) == kNilUuid)) {
          throw ApiError(GrpcCode::kInvalidArgument, kInvalidUserId);
        }
        ids.emplace_back(collection, key, userId.empty() ? std::string(kNilUuid) : lowercase(userId));
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    Json objects = Json::array();
    for (const auto& id : ids) {
      auto it = state->objects.find(id);
      if (it == state->objects.end()) continue;
      const StoredObject& o = it->second;
      if (o.read == 2 || (o.read == 1 && o.userId == req.user.userId)) objects.push_back(objectJson(o));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "objects", objects);
    return out;
  });

  // WriteStorageObjects: validate every object, then run the batch in the server's order on a copy of
  // the store, committed only when every object passes.
  ctx.router.add("PUT", "/v2/storage", Auth::kSession, [state, &ctx](Request& req) {
    const Json& body = req.json();
    struct Op {
      StoredObject object;
      std::string rawValue;
      std::string version;
      ObjectKey id;
    };
    std::vector<Op> ops;
    if (const Json* list = field(body, "objects")) {
      if (!list->is_array()) throw JsonTypeError("objects", "list", list->dump());
      for (const Json& item : *list) {
        if (!item.is_object()) throw JsonTypeError("objects", "message", item.dump());
        Op op;
        op.object.collection = getString(item, "collection");
        op.object.key = getString(item, "key");
        op.rawValue = getString(item, "value");
        op.version = getString(item, "version");
        requireSet(op.object.collection, op.object.key, op.rawValue);
        if (auto read = optInt32(item, "permission_read")) {
          if (*read < 0 || *read > 2) {
            throw ApiError(GrpcCode::kInvalidArgument,
                           "Invalid Read permission supplied. It must be either 0, 1 or 2.");
          }
          op.object.read = *read;
        }
        if (auto write = optInt32(item, "permission_write")) {
          if (*write < 0 || *write > 1) {
            throw ApiError(GrpcCode::kInvalidArgument, "Invalid Write permission supplied. It must be either 0 or 1.");
          }
          op.object.write = *write;
        }
        if (!isJsonObjectText(op.rawValue)) throw ApiError(GrpcCode::kInvalidArgument, "Value must be a JSON object.");
        op.object.userId = req.user.userId;
        op.id = {op.object.collection, op.object.key, op.object.userId};
        ops.push_back(std::move(op));
      }
    }
    auto staged = state->objects;
    const std::int64_t now = ctx.clock.unix();
    std::vector<Json> acks(ops.size());
    for (std::size_t i : batchOrder(ops, [](const Op& op) -> const ObjectKey& { return op.id; })) {
      const Op& op = ops[i];
      auto it = staged.find(op.id);
      const StoredObject* existing = it == staged.end() ? nullptr : &it->second;
      // The version check comes first, then the write permission.
      const bool versionOk =
          op.version.empty() || (op.version == "*" ? existing == nullptr : existing && existing->version == op.version);
      if (!versionOk) throw ApiError(GrpcCode::kInvalidArgument, "Storage write rejected - version check failed.");
      if (existing && existing->write == 0) {
        throw ApiError(GrpcCode::kInvalidArgument, "Storage write rejected - permission denied.");
      }
      const std::string version = md5Hex(op.rawValue);
      // The same value and permissions again: nothing is written (update_time stays).
      const bool unchanged = existing && existing->version == version && existing->read == op.object.read &&
                             existing->write == op.object.write;
      if (!unchanged) {
        StoredObject stored = op.object;
        stored.value = jsonbTextOf(op.rawValue);
        stored.version = version;
        stored.createTime = existing ? existing->createTime : now;
        stored.updateTime = now;
        staged[op.id] = std::move(stored);
      }
      Json ack = Json::object();
      ack["collection"] = op.object.collection;
      ack["key"] = op.object.key;
      ack["version"] = version;
      ack["user_id"] = op.object.userId;
      acks[i] = std::move(ack);  // acks keep the request order
    }
    state->objects = std::move(staged);
    Json out = Json::object();
    if (!acks.empty()) out["acks"] = Json(acks);
    return out;
  });

  // DeleteStorageObjects (PUT, sic).
  ctx.router.add("PUT", "/v2/storage/delete", Auth::kSession, [state](Request& req) {
    const Json& body = req.json();
    std::vector<std::pair<ObjectKey, std::string>> ops;
    if (const Json* list = field(body, "object_ids")) {
      if (!list->is_array()) throw JsonTypeError("object_ids", "list", list->dump());
      for (const Json& item : *list) {
        if (!item.is_object()) throw JsonTypeError("object_ids", "message", item.dump());
        std::string collection = getString(item, "collection");
        std::string key = getString(item, "key");
        requireSet(collection, key);
        ops.emplace_back(ObjectKey{collection, key, req.user.userId}, getString(item, "version"));
      }
    }
    // One transaction: every delete must remove an object (a repeat of an object in the batch finds
    // nothing left and fails it).
    auto staged = state->objects;
    using IdVersion = std::pair<ObjectKey, std::string>;
    for (std::size_t i : batchOrder(ops, [](const IdVersion& op) -> const ObjectKey& { return op.first; })) {
      const auto& [id, version] = ops[i];
      auto it = staged.find(id);
      const bool deletable =
          it != staged.end() && it->second.write > 0 && (version.empty() || it->second.version == version);
      if (!deletable) {
        throw ApiError(GrpcCode::kInvalidArgument,
                       "Storage delete rejected - not found, version check failed, or permission denied.");
      }
      staged.erase(it);
    }
    state->objects = std::move(staged);
    return Json::object();
  });

  // ListStorageObjects: /v2/storage/{collection}?user_id= and /v2/storage/{collection}/{user_id}.
  auto listHandler = [state](Request& req, const std::string& userIdText) {
    std::optional<std::string> owner;
    if (!userIdText.empty()) {
      if (!isUuid(userIdText)) throw ApiError(GrpcCode::kInvalidArgument, kInvalidUserId);
      owner = lowercase(userIdText);
    }
    return list(*state, req.user.userId, req.param("collection"), owner, req);
  };
  ctx.router.add("GET", "/v2/storage/{collection}", Auth::kSession,
                 [listHandler](Request& req) { return listHandler(req, req.queryValue("user_id").value_or("")); });
  ctx.router.add("GET", "/v2/storage/{collection}/{user_id}", Auth::kSession,
                 [listHandler](Request& req) { return listHandler(req, req.param("user_id")); });

  ctx.accounts.onDelete([state](const Account& account) {
    for (auto it = state->objects.begin(); it != state->objects.end();) {
      it = it->second.userId == account.id ? state->objects.erase(it) : std::next(it);
    }
  });
}

}  // namespace nakama::testserver
