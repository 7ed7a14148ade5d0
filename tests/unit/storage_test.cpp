// StorageApi against the recorded Nakama 3.15 answers (/v2/storage).

#include <gtest/gtest.h>

#include "api/storage_json.h"
#include "api_handles.h"
#include "core/codec.h"
#include "nakama/storage.h"
#include "request_replay.h"

namespace nakama::test {
namespace {

const char* kAlice = "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7";

Timestamp ts(const char* text) { return *internal::parseTimestamp(text); }

TEST(StorageTranscripts, WriteWithPermissions) {
  auto acks = replayCall("storage_write_alice", [](auto core) {
    WriteStorageObject card;
    card.collection = "profiles";
    card.key = "public_card";
    card.value = R"({"title": "Detective", "wins": 3})";
    card.permissionRead = StoragePermissionRead::kPublicRead;
    card.permissionWrite = StoragePermissionWrite::kOwnerWrite;
    WriteStorageObject notes;
    notes.collection = "profiles";
    notes.key = "private_notes";
    notes.value = R"({"suspects": ["bob"]})";
    return makeHandle<StorageApi>(core).write({card, notes});
  });
  ASSERT_TRUE(acks.ok()) << acks.error();
  ASSERT_EQ(acks->acks.size(), 2u);
  EXPECT_EQ(acks->acks[0].collection, "profiles");
  EXPECT_EQ(acks->acks[0].key, "public_card");
  EXPECT_EQ(acks->acks[0].version, "a86cdedbc18b1e9df2d87ea4c8fb463d");
  EXPECT_EQ(acks->acks[0].userId, kAlice);
  EXPECT_EQ(acks->acks[1].key, "private_notes");
  EXPECT_EQ(acks->acks[1].version, "344be3a57f8048b3014ba874dd2ff247");
}

TEST(StorageTranscripts, WriteDefaultPermissions) {
  auto acks = replayCall("storage_write_default_permissions", [](auto core) {
    return makeHandle<StorageApi>(core).write(
        {WriteStorageObject{"settings", "audio", R"({"volume":0.8})", "", {}, {}}});
  });
  ASSERT_TRUE(acks.ok()) << acks.error();
  ASSERT_EQ(acks->acks.size(), 1u);
  EXPECT_EQ(acks->acks[0].version, "a0903b809f733d9f79b3482d1e7ce3fe");
}

TEST(StorageTranscripts, ReadOwn) {
  auto objects = replayCall("storage_read_own", [](auto core) {
    return makeHandle<StorageApi>(core).read(
        {{"profiles", "public_card", kAlice}, {"profiles", "private_notes", kAlice}, {"settings", "audio", kAlice}});
  });
  ASSERT_TRUE(objects.ok()) << objects.error();
  ASSERT_EQ(objects->objects.size(), 3u);
  const StorageObject& notes = objects->objects[0];
  EXPECT_EQ(notes.collection, "profiles");
  EXPECT_EQ(notes.key, "private_notes");
  EXPECT_EQ(notes.userId, kAlice);
  EXPECT_EQ(notes.value, R"({"suspects": ["bob"]})");
  EXPECT_EQ(notes.version, "344be3a57f8048b3014ba874dd2ff247");
  EXPECT_EQ(notes.permissionRead, StoragePermissionRead::kOwnerRead);
  EXPECT_EQ(notes.permissionWrite, StoragePermissionWrite::kOwnerWrite);
  EXPECT_EQ(notes.createTime, ts("2026-11-23T20:08:08Z"));
  EXPECT_EQ(notes.updateTime, ts("2026-11-23T20:08:08Z"));
  EXPECT_EQ(objects->objects[1].permissionRead, StoragePermissionRead::kPublicRead);
  // Values come back re-serialized by the database.
  EXPECT_EQ(objects->objects[1].value, R"({"wins": 3, "title": "Detective"})");
  EXPECT_EQ(objects->objects[2].value, R"({"volume": 0.8})");
}

TEST(StorageTranscripts, ReadOtherUsersObjects) {
  auto visible = replayCall("storage_read_other_users_public_object", [](auto core) {
    return makeHandle<StorageApi>(core).read({{"profiles", "public_card", kAlice}});
  });
  ASSERT_TRUE(visible.ok()) << visible.error();
  ASSERT_EQ(visible->objects.size(), 1u);
  EXPECT_EQ(visible->objects[0].permissionRead, StoragePermissionRead::kPublicRead);

  auto hidden = replayCall("storage_read_other_users_private_object", [](auto core) {
    return makeHandle<StorageApi>(core).read({{"profiles", "private_notes", kAlice}});
  });
  ASSERT_TRUE(hidden.ok()) << hidden.error();
  EXPECT_TRUE(hidden->objects.empty());
}

TEST(StorageTranscripts, ConditionalWrites) {
  auto write = [](std::string key, std::string value, std::string version,
                  std::optional<StoragePermissionRead> read = std::nullopt,
                  std::optional<StoragePermissionWrite> writePermission = std::nullopt) {
    return WriteStorageObject{"profiles", std::move(key), std::move(value), std::move(version), read, writePermission};
  };
  auto ok = replayCall("storage_write_conditional_correct_version", [&](auto core) {
    return makeHandle<StorageApi>(core).write(
        {write("public_card", R"({"title": "Detective", "wins": 4})", "a86cdedbc18b1e9df2d87ea4c8fb463d",
               StoragePermissionRead::kPublicRead, StoragePermissionWrite::kOwnerWrite)});
  });
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->acks.at(0).version, "7ec48f36dd20f9a6065ea0da2bc264fa");

  auto stale = replayCall("storage_write_conditional_stale_version", [&](auto core) {
    return makeHandle<StorageApi>(core).write(
        {write("public_card", R"({"title": "Detective", "wins": 5})", "a86cdedbc18b1e9df2d87ea4c8fb463d",
               StoragePermissionRead::kPublicRead, StoragePermissionWrite::kOwnerWrite)});
  });
  expectRecordedError(stale, transcript("storage_write_conditional_stale_version"));

  auto existing = replayCall("storage_write_if_not_exists_on_existing", [&](auto core) {
    return makeHandle<StorageApi>(core).write(
        {write("public_card", R"({"title": "Detective"})", StorageVersion::kIfAbsent)});
  });
  expectRecordedError(existing, transcript("storage_write_if_not_exists_on_existing"));

  auto fresh = replayCall("storage_write_if_not_exists_new", [&](auto core) {
    return makeHandle<StorageApi>(core).write(
        {write("badges", R"({"first_win": true})", "*", StoragePermissionRead::kPublicRead,
               StoragePermissionWrite::kNoWrite)});
  });
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_EQ(fresh->acks.at(0).version, "d1e35e586d026ede2640b5a2c646cb56");

  auto missing = replayCall("storage_write_version_on_missing_object", [&](auto core) {
    return makeHandle<StorageApi>(core).write({write("public_card", "{}", "a86cdedbc18b1e9df2d87ea4c8fb463d")});
  });
  expectRecordedError(missing, transcript("storage_write_version_on_missing_object"));
}

TEST(StorageTranscripts, WriteValueMustBeAnObject) {
  auto result = replayCall("storage_write_value_not_object", [](auto core) {
    return makeHandle<StorageApi>(core).write({WriteStorageObject{"profiles", "bad", "[1,2]", "", {}, {}}});
  });
  expectRecordedError(result, transcript("storage_write_value_not_object"));
}

TEST(StorageTranscripts, WriteBatch) {
  auto acks = replayCall("storage_write_inventory_batch", [](auto core) {
    return makeHandle<StorageApi>(core).write({
        WriteStorageObject{"inventory", "amulet", R"({"qty":1})", "", StoragePermissionRead::kPublicRead, {}},
        WriteStorageObject{"inventory", "lantern", R"({"qty":2})", "", StoragePermissionRead::kOwnerRead, {}},
        WriteStorageObject{"inventory", "sword", R"({"qty":1,"dmg":7})", "", StoragePermissionRead::kPublicRead, {}},
    });
  });
  ASSERT_TRUE(acks.ok()) << acks.error();
  ASSERT_EQ(acks->acks.size(), 3u);
  EXPECT_EQ(acks->acks[2].key, "sword");
}

TEST(StorageTranscripts, ListPages) {
  auto page1 = replayCall("storage_list_limit1_page1",
                          [](auto core) { return makeHandle<StorageApi>(core).listUser("inventory", kAlice, {1}); });
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->objects.size(), 1u);
  EXPECT_EQ(page1->objects[0].key, "lantern");
  ASSERT_FALSE(page1->cursor.empty());

  auto page2 = replayCall("storage_list_limit1_page2", [&](auto core) {
    return makeHandle<StorageApi>(core).listUser("inventory", kAlice, {1, page1->cursor});
  });
  ASSERT_TRUE(page2.ok()) << page2.error();
  EXPECT_EQ(page2->objects.at(0).key, "amulet");

  auto page3 = replayCall("storage_list_limit1_page3", [&](auto core) {
    return makeHandle<StorageApi>(core).listUser("inventory", kAlice, {1, page2->cursor});
  });
  ASSERT_TRUE(page3.ok()) << page3.error();
  EXPECT_EQ(page3->objects.at(0).key, "sword");
  EXPECT_EQ(page3->objects.at(0).value, R"({"dmg": 7, "qty": 1})");
  EXPECT_TRUE(page3->cursor.empty());
}

TEST(StorageTranscripts, ListOwnUsesTheSessionUser) {
  auto own = replayCall("storage_list_own_collection_user_id_query",
                        [](auto core) { return makeHandle<StorageApi>(core).listOwn("inventory", {10}); });
  ASSERT_TRUE(own.ok()) << own.error();
  ASSERT_EQ(own->objects.size(), 3u);
  EXPECT_EQ(own->objects[0].permissionRead, StoragePermissionRead::kOwnerRead);
  EXPECT_TRUE(own->cursor.empty());
}

TEST(StorageTranscripts, ListOtherUserAndEmpty) {
  auto other = replayCall("storage_list_other_users_collection",
                          [](auto core) { return makeHandle<StorageApi>(core).listUser("inventory", kAlice, {10}); });
  ASSERT_TRUE(other.ok()) << other.error();
  ASSERT_EQ(other->objects.size(), 2u);
  for (const auto& object : other->objects) EXPECT_EQ(object.permissionRead, StoragePermissionRead::kPublicRead);

  auto empty = replayCall("storage_list_empty_collection", [](auto core) {
    return makeHandle<StorageApi>(core).listUser("nothing_here", "7e8ab7fb-b22d-4aca-8242-d1c311ce174a", {10});
  });
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_TRUE(empty->objects.empty());
  EXPECT_TRUE(empty->cursor.empty());
}

TEST(StorageTranscripts, ListInvalidUserId) {
  auto result = replayCall("storage_list_invalid_user_id",
                           [](auto core) { return makeHandle<StorageApi>(core).listUser("inventory", "not-a-uuid"); });
  expectRecordedError(result, transcript("storage_list_invalid_user_id"));
}

TEST(StorageTranscripts, Delete) {
  auto ok = replayCall("storage_delete", [](auto core) {
    return makeHandle<StorageApi>(core).remove({DeleteStorageObjectId{"inventory", "sword", ""}});
  });
  EXPECT_TRUE(ok.ok()) << ok.error();

  auto stale = replayCall("storage_delete_stale_version", [](auto core) {
    return makeHandle<StorageApi>(core).remove({DeleteStorageObjectId{"inventory", "amulet", "0123456789abcdef"}});
  });
  expectRecordedError(stale, transcript("storage_delete_stale_version"));

  auto after = replayCall("storage_read_after_delete", [](auto core) {
    return makeHandle<StorageApi>(core).read({{"inventory", "sword", kAlice}});
  });
  ASSERT_TRUE(after.ok()) << after.error();
  EXPECT_TRUE(after->objects.empty());
}

TEST(Storage, ListPublicHasNoUserId) {
  Replay r = replayResponse(200, "{}");
  ASSERT_TRUE(makeHandle<StorageApi>(r.core).listPublic("scores board", {5, "c/1"}).get().ok());
  auto request = r.onlyRequest();
  EXPECT_EQ(request.target, "/v2/storage/scores%20board?limit=5&cursor=c%2F1");
}

TEST(Storage, ArgumentErrorsSendNothing) {
  Replay r = replayResponse(200, "{}");
  auto api = makeHandle<StorageApi>(r.core);
  EXPECT_EQ(api.listUser("", kAlice).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listUser("c", "").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listPublic("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listAll("", "").get().error().kind, ErrorKind::kInvalidArgument);
  // Empty batches succeed without a request.
  EXPECT_TRUE(api.read({}).get().ok());
  EXPECT_TRUE(api.write({}).get().ok());
  EXPECT_TRUE(api.remove({}).get().ok());
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(Storage, ListOwnWithoutSession) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(200, "{}")); });
  auto core = internal::ClientCore::create(ClientOptions{}, transport);
  auto result = makeHandle<StorageApi>(core).listOwn("c").get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(transport->requests().empty());
}

TEST(Storage, UnknownPermissionNumbersAreKept) {
  auto object = internal::decodeAs<StorageObject>(internal::parseJson(R"({"permission_read":7,"permission_write":9})"));
  EXPECT_EQ(static_cast<int>(object.permissionRead), 7);
  EXPECT_EQ(static_cast<int>(object.permissionWrite), 9);
  // Absent means zero on the wire (protojson omits defaults).
  auto bare = internal::decodeAs<StorageObject>(internal::parseJson("{}"));
  EXPECT_EQ(bare.permissionRead, StoragePermissionRead::kNoRead);
  EXPECT_EQ(bare.permissionWrite, StoragePermissionWrite::kNoWrite);
}

TEST(Storage, ListAllWalksEveryPage) {
  // Pages answered in turn from the three recorded pages.
  std::vector<std::string> bodies = {transcript("storage_list_limit1_page1").responseBody,
                                     transcript("storage_list_limit1_page2").responseBody,
                                     transcript("storage_list_limit1_page3").responseBody};
  auto index = std::make_shared<std::atomic<int>>(0);
  auto transport = std::make_shared<FakeHttpTransport>([bodies, index](const auto&, auto done) {
    done(httpResponse(200, bodies.at(static_cast<std::size_t>(index->fetch_add(1)))));
  });
  ClientOptions options;
  options.retry = RetryPolicy::none();
  auto core = internal::ClientCore::create(options, transport);
  auto session = nlohmann::json::parse(sessionBody(kAlice, 3600, 7200));
  core->sessions()->set(*Session::restore(session["token"], session["refresh_token"]));

  auto all = makeHandle<StorageApi>(core).listAll("inventory", kAlice).get();
  ASSERT_TRUE(all.ok()) << all.error();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].key, "lantern");
  EXPECT_EQ((*all)[1].key, "amulet");
  EXPECT_EQ((*all)[2].key, "sword");
  auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_TRUE(parseTarget(requests[0].target).values("cursor").empty());
  EXPECT_EQ(
      parseTarget(requests[1].target).values("cursor"),
      std::vector<std::string>{transcript("storage_list_limit1_page2").request["query"]["cursor"].get<std::string>()});
  EXPECT_EQ(parseTarget(requests[2].target).values("limit"), std::vector<std::string>{"100"});
}

}  // namespace
}  // namespace nakama::test
