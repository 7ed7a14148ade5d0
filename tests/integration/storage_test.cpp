// StorageApi against the test server (or a real Nakama 3.15). Collections are unique per test so a
// long-lived server's other data never shows up in listings.

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include "nakama/client.h"
#include "nakama/storage.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestUser;
using test::uniqueId;

const char* kVersionRejected = "Storage write rejected - version check failed.";
const char* kDeleteRejected = "Storage delete rejected - not found, version check failed, or permission denied.";
const char* kPermissionRejected = "Storage write rejected - permission denied.";
const char* kMustBeSet = "Invalid collection or key value supplied. They must be set.";

WriteStorageObject object(const std::string& collection, const std::string& key, const std::string& value,
                          std::optional<StoragePermissionRead> read = std::nullopt,
                          std::optional<StoragePermissionWrite> write = std::nullopt, std::string version = {}) {
  WriteStorageObject o;
  o.collection = collection;
  o.key = key;
  o.value = value;
  o.version = std::move(version);
  o.permissionRead = read;
  o.permissionWrite = write;
  return o;
}

// Values come back re-serialized by the database: compare them as JSON.
nlohmann::json json(const std::string& text) { return nlohmann::json::parse(text); }

std::vector<std::string> keys(const std::vector<StorageObject>& objects) {
  std::vector<std::string> out;
  for (const auto& o : objects) out.push_back(o.key);
  return out;
}

TEST(StorageIntegration, WriteThenReadOwnObjects) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("profiles_");

  auto acks = api.write({object(collection, "card", R"({"title":"Detective","wins":3})",
                                StoragePermissionRead::kPublicRead, StoragePermissionWrite::kOwnerWrite),
                         object(collection, "notes", R"({"suspects":["bob"]})")})
                  .get();
  ASSERT_TRUE(acks.ok()) << acks.error();
  ASSERT_EQ(acks->acks.size(), 2u);
  EXPECT_EQ(acks->acks[0].collection, collection);
  EXPECT_EQ(acks->acks[0].key, "card");
  EXPECT_EQ(acks->acks[0].userId, alice.id());
  EXPECT_EQ(acks->acks[0].version.size(), 32u);
  EXPECT_EQ(acks->acks[1].key, "notes");
  EXPECT_NE(acks->acks[0].version, acks->acks[1].version);

  auto read =
      api.read(
             {{collection, "card", alice.id()}, {collection, "notes", alice.id()}, {collection, "missing", alice.id()}})
          .get();
  ASSERT_TRUE(read.ok()) << read.error();
  ASSERT_EQ(read->objects.size(), 2u);
  const StorageObject* card = nullptr;
  const StorageObject* notes = nullptr;
  for (const auto& o : read->objects) (o.key == "card" ? card : notes) = &o;
  ASSERT_TRUE(card && notes);
  EXPECT_EQ(card->collection, collection);
  EXPECT_EQ(card->userId, alice.id());
  EXPECT_EQ(json(card->value), json(R"({"title":"Detective","wins":3})"));
  EXPECT_EQ(card->version, acks->acks[0].version);
  EXPECT_EQ(card->permissionRead, StoragePermissionRead::kPublicRead);
  EXPECT_EQ(card->permissionWrite, StoragePermissionWrite::kOwnerWrite);
  EXPECT_NE(card->createTime, Timestamp{});
  EXPECT_EQ(card->createTime, card->updateTime);
  // Defaults: owner read, owner write.
  EXPECT_EQ(notes->permissionRead, StoragePermissionRead::kOwnerRead);
  EXPECT_EQ(notes->permissionWrite, StoragePermissionWrite::kOwnerWrite);
  EXPECT_EQ(json(notes->value), json(R"({"suspects":["bob"]})"));
}

TEST(StorageIntegration, ReadPermissions) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  const std::string collection = uniqueId("perm_");
  ASSERT_TRUE(alice.client->storage()
                  .write({object(collection, "public", "{}", StoragePermissionRead::kPublicRead),
                          object(collection, "owner", "{}", StoragePermissionRead::kOwnerRead),
                          object(collection, "hidden", "{}", StoragePermissionRead::kNoRead)})
                  .get()
                  .ok());
  const std::vector<StorageObjectId> ids = {
      {collection, "public", alice.id()}, {collection, "owner", alice.id()}, {collection, "hidden", alice.id()}};

  auto own = alice.client->storage().read(ids).get();
  ASSERT_TRUE(own.ok()) << own.error();
  auto ownKeys = keys(own->objects);
  std::sort(ownKeys.begin(), ownKeys.end());
  EXPECT_EQ(ownKeys, (std::vector<std::string>{"owner", "public"}));  // read=0 is for server code only

  auto other = bob.client->storage().read(ids).get();
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_EQ(keys(other->objects), std::vector<std::string>{"public"});
}

TEST(StorageIntegration, OptimisticConcurrency) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("occ_");

  // "*": only if absent.
  auto created = api.write({object(collection, "k", R"({"v":1})", {}, {}, StorageVersion::kIfAbsent)}).get();
  ASSERT_TRUE(created.ok()) << created.error();
  const std::string v1 = created->acks.at(0).version;
  expectServerError(api.write({object(collection, "k", R"({"v":2})", {}, {}, "*")}).get(), 400,
                    GrpcCode::kInvalidArgument, kVersionRejected);

  // If-match.
  auto updated = api.write({object(collection, "k", R"({"v":2})", {}, {}, v1)}).get();
  ASSERT_TRUE(updated.ok()) << updated.error();
  const std::string v2 = updated->acks.at(0).version;
  EXPECT_NE(v1, v2);
  expectServerError(api.write({object(collection, "k", R"({"v":3})", {}, {}, v1)}).get(), 400,
                    GrpcCode::kInvalidArgument, kVersionRejected);
  // A version on an object that does not exist fails too.
  expectServerError(api.write({object(collection, "absent", "{}", {}, {}, v1)}).get(), 400, GrpcCode::kInvalidArgument,
                    kVersionRejected);

  // A failed check rejects the whole batch.
  expectServerError(
      api.write({object(collection, "batch", R"({"b":1})"), object(collection, "k", "{}", {}, {}, v1)}).get(), 400,
      GrpcCode::kInvalidArgument, kVersionRejected);
  auto batch = api.read({{collection, "batch", alice.id()}}).get();
  ASSERT_TRUE(batch.ok()) << batch.error();
  EXPECT_TRUE(batch->objects.empty());

  auto current = api.read({{collection, "k", alice.id()}}).get();
  ASSERT_TRUE(current.ok()) << current.error();
  ASSERT_EQ(current->objects.size(), 1u);
  EXPECT_EQ(current->objects[0].version, v2);
  EXPECT_EQ(json(current->objects[0].value), json(R"({"v":2})"));

  // An unconditional write always wins; the same value gives the same version.
  auto again = api.write({object(collection, "k", R"({"v":2})")}).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->acks.at(0).version, v2);
}

TEST(StorageIntegration, InvalidWrites) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("bad_");
  expectServerError(api.write({object(collection, "k", "[1,2]")}).get(), 400, GrpcCode::kInvalidArgument,
                    "Value must be a JSON object.");
  expectServerError(api.write({object(collection, "k", "not json")}).get(), 400, GrpcCode::kInvalidArgument,
                    "Value must be a JSON object.");
  expectServerError(api.write({object("", "k", "{}")}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.write({object(collection, "", "{}")}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.write({object(collection, "k", "")}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.write({object(collection, "k", "{}", static_cast<StoragePermissionRead>(3))}).get(), 400,
                    GrpcCode::kInvalidArgument, "Invalid Read permission supplied. It must be either 0, 1 or 2.");
  expectServerError(api.write({object(collection, "k", "{}", {}, static_cast<StoragePermissionWrite>(2))}).get(), 400,
                    GrpcCode::kInvalidArgument, "Invalid Write permission supplied. It must be either 0 or 1.");
  // Every object is checked before anything is written.
  expectServerError(api.write({object(collection, "ok", "{}"), object(collection, "k", "[]")}).get(), 400,
                    GrpcCode::kInvalidArgument, "Value must be a JSON object.");
  auto nothing = api.read({{collection, "ok", alice.id()}}).get();
  ASSERT_TRUE(nothing.ok()) << nothing.error();
  EXPECT_TRUE(nothing->objects.empty());

  // Reads and deletes need a collection and a key too.
  expectServerError(api.read({{"", "k", alice.id()}}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.read({{collection, "", alice.id()}}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.remove({{"", "k", ""}}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
  expectServerError(api.remove({{collection, "", ""}}).get(), 400, GrpcCode::kInvalidArgument, kMustBeSet);
}

// On an object clients may not write, a write with a failing version check reports the version, and
// only a write that passes it reports the permission.
TEST(StorageIntegration, VersionCheckComesBeforeWritePermission) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("sealed_");
  auto created = api.write({object(collection, "medal", R"({"gold":1})", {}, StoragePermissionWrite::kNoWrite)}).get();
  ASSERT_TRUE(created.ok()) << created.error();
  const std::string version = created->acks.at(0).version;

  expectServerError(api.write({object(collection, "medal", "{}", {}, {}, StorageVersion::kIfAbsent)}).get(), 400,
                    GrpcCode::kInvalidArgument, kVersionRejected);
  expectServerError(api.write({object(collection, "medal", "{}", {}, {}, "0123456789abcdef0123456789abcdef")}).get(),
                    400, GrpcCode::kInvalidArgument, kVersionRejected);
  expectServerError(api.write({object(collection, "medal", "{}", {}, {}, version)}).get(), 400,
                    GrpcCode::kInvalidArgument, kPermissionRejected);
  expectServerError(api.write({object(collection, "medal", "{}")}).get(), 400, GrpcCode::kInvalidArgument,
                    kPermissionRejected);
  expectServerError(
      api.write({object(collection, "medal", R"({"gold":1})", {}, StoragePermissionWrite::kNoWrite)}).get(), 400,
      GrpcCode::kInvalidArgument, kPermissionRejected);
}

// Writing the same value with the same permissions again stores nothing: the update time stays.
TEST(StorageIntegration, RewritingTheSameObjectChangesNothing) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("same_");
  auto readOne = [&](const std::string& key) -> std::optional<StorageObject> {
    auto read = api.read({{collection, key, alice.id()}}).get();
    EXPECT_TRUE(read.ok()) << read.error();
    if (!read.ok() || read->objects.size() != 1) return std::nullopt;
    return read->objects[0];
  };
  ASSERT_TRUE(api.write({object(collection, "k", R"({"v":1})")}).get().ok());
  const auto first = readOne("k");
  ASSERT_TRUE(first);

  // Let the server's clock move on (seen through another object's update time).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (int i = 0;; ++i) {
    ASSERT_TRUE(api.write({object(collection, "clock", "{\"tick\":" + std::to_string(i) + "}")}).get().ok());
    const auto clock = readOne("clock");
    ASSERT_TRUE(clock);
    if (clock->updateTime > first->updateTime) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the server clock does not advance";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  auto same = api.write({object(collection, "k", R"({"v":1})")}).get();
  ASSERT_TRUE(same.ok()) << same.error();
  EXPECT_EQ(same->acks.at(0).version, first->version);
  EXPECT_EQ(same->acks.at(0).userId, alice.id());
  const auto after = readOne("k");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->updateTime, first->updateTime);

  // New permissions are a change, even with the same value.
  ASSERT_TRUE(api.write({object(collection, "k", R"({"v":1})", StoragePermissionRead::kPublicRead)}).get().ok());
  const auto changed = readOne("k");
  ASSERT_TRUE(changed);
  EXPECT_GT(changed->updateTime, first->updateTime);
  EXPECT_EQ(changed->createTime, first->createTime);
  EXPECT_EQ(changed->permissionRead, StoragePermissionRead::kPublicRead);
}

TEST(StorageIntegration, NoWritePermissionLocksTheObject) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  const std::string collection = uniqueId("locked_");
  auto created = api.write({object(collection, "badge", R"({"first_win":true})", StoragePermissionRead::kPublicRead,
                                   StoragePermissionWrite::kNoWrite)})
                     .get();
  ASSERT_TRUE(created.ok()) << created.error();
  expectServerError(api.write({object(collection, "badge", R"({"first_win":false})")}).get(), 400,
                    GrpcCode::kInvalidArgument);
  expectServerError(api.remove({{collection, "badge", created->acks.at(0).version}}).get(), 400,
                    GrpcCode::kInvalidArgument, kDeleteRejected);
  auto read = api.read({{collection, "badge", alice.id()}}).get();
  ASSERT_TRUE(read.ok()) << read.error();
  ASSERT_EQ(read->objects.size(), 1u);
  EXPECT_EQ(read->objects[0].permissionWrite, StoragePermissionWrite::kNoWrite);
  EXPECT_EQ(json(read->objects[0].value), json(R"({"first_win":true})"));
}

TEST(StorageIntegration, Delete) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto api = alice.client->storage();
  const std::string collection = uniqueId("inv_");
  auto acks = api.write({object(collection, "sword", "{}"), object(collection, "amulet", R"({"qty":1})")}).get();
  ASSERT_TRUE(acks.ok()) << acks.error();

  ASSERT_TRUE(api.remove({{collection, "sword", ""}}).get().ok());
  expectServerError(api.remove({{collection, "amulet", "0123456789abcdef"}}).get(), 400, GrpcCode::kInvalidArgument,
                    kDeleteRejected);
  // Bob cannot delete Alice's objects: his delete only names his own (nonexistent) object.
  expectServerError(bob.client->storage().remove({{collection, "amulet", acks->acks[1].version}}).get(), 400,
                    GrpcCode::kInvalidArgument, kDeleteRejected);
  ASSERT_TRUE(api.remove({{collection, "amulet", acks->acks[1].version}}).get().ok());

  auto read = api.read({{collection, "sword", alice.id()}, {collection, "amulet", alice.id()}}).get();
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_TRUE(read->objects.empty());
}

TEST(StorageIntegration, Listings) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  const std::string collection = uniqueId("inventory_");
  ASSERT_TRUE(alice.client->storage()
                  .write({object(collection, "amulet", R"({"qty":1})", StoragePermissionRead::kPublicRead),
                          object(collection, "lantern", R"({"qty":2})", StoragePermissionRead::kOwnerRead),
                          object(collection, "sword", R"({"qty":1})", StoragePermissionRead::kPublicRead),
                          object(collection, "secret", "{}", StoragePermissionRead::kNoRead)})
                  .get()
                  .ok());
  ASSERT_TRUE(bob.client->storage()
                  .write({object(collection, "shield", "{}", StoragePermissionRead::kPublicRead),
                          object(collection, "diary", "{}", StoragePermissionRead::kOwnerRead)})
                  .get()
                  .ok());

  // Own objects, one page at a time: everything the owner may read.
  auto& aliceApi = *alice.client;
  std::vector<std::string> own;
  std::string cursor;
  int pages = 0;
  do {
    auto page = aliceApi.storage().listOwn(collection, {1, cursor}).get();
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_LE(page->objects.size(), 1u);
    for (const auto& o : page->objects) {
      EXPECT_EQ(o.userId, alice.id());
      own.push_back(o.key);
    }
    cursor = page->cursor;
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  std::sort(own.begin(), own.end());
  EXPECT_EQ(own, (std::vector<std::string>{"amulet", "lantern", "sword"}));

  // The same through listUser with one's own id, and listAll.
  auto ownAll = aliceApi.storage().listAll(collection, alice.id()).get();
  ASSERT_TRUE(ownAll.ok()) << ownAll.error();
  EXPECT_EQ(ownAll->size(), 3u);

  // Another user's objects: public ones only.
  auto bobView = bob.client->storage().listUser(collection, alice.id(), {10}).get();
  ASSERT_TRUE(bobView.ok()) << bobView.error();
  auto bobKeys = keys(bobView->objects);
  std::sort(bobKeys.begin(), bobKeys.end());
  EXPECT_EQ(bobKeys, (std::vector<std::string>{"amulet", "sword"}));
  EXPECT_TRUE(bobView->cursor.empty());

  // The whole collection: every user's public objects.
  auto everyone = bob.client->storage().listAll(collection, "").get();
  ASSERT_TRUE(everyone.ok()) << everyone.error();
  auto allKeys = keys(*everyone);
  std::sort(allKeys.begin(), allKeys.end());
  EXPECT_EQ(allKeys, (std::vector<std::string>{"amulet", "shield", "sword"}));

  auto firstPublic = bob.client->storage().listPublic(collection, {2}).get();
  ASSERT_TRUE(firstPublic.ok()) << firstPublic.error();
  EXPECT_EQ(firstPublic->objects.size(), 2u);
  EXPECT_FALSE(firstPublic->cursor.empty());

  // An empty collection.
  auto empty = alice.client->storage().listUser(uniqueId("nothing_"), bob.id(), {10}).get();
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_TRUE(empty->objects.empty());
  EXPECT_TRUE(empty->cursor.empty());
}

TEST(StorageIntegration, ListErrors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->storage();
  expectServerError(api.listUser("inventory", "not-a-uuid").get(), 400, GrpcCode::kInvalidArgument,
                    "Invalid user ID - make sure user ID is a valid UUID.");
  expectServerError(api.listOwn("inventory", {0}).get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(api.listOwn("inventory", {101}).get(), 400, GrpcCode::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
