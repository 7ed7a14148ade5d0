// Guide part 4, storage: save the player's favourite cosmetics, read them back, read another player's
// public object, update with a version check (and see a stale version rejected), and list a collection
// page by page with a cursor.

#include <iostream>
#include <string>

#include <nakama/client.h>
#include <nakama/storage.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player red = guide::newPlayer(server, "red", suffix);
  guide::Player blue = guide::newPlayer(server, "blue", suffix);
  Client& client = *red.client;

  std::cout << "\n== Saving favourite cosmetics\n";
  // [guide:write]
  WriteStorageObject favorites;
  favorites.collection = "cosmetics";
  favorites.key = "favorites";
  favorites.value = R"({"hat":"cowboy","skin":"red","pet":"mini_crewmate"})";  // a JSON object
  favorites.permissionRead = StoragePermissionRead::kPublicRead;               // other players may read it
  favorites.permissionWrite = StoragePermissionWrite::kOwnerWrite;
  StorageObjectAcks acks = check(client.storage().write({favorites}).get(), "write the favourites");
  std::cout << "  ..  version " << acks.acks.at(0).version << '\n';
  // [/guide:write]

  // [guide:read]
  StorageObjects mine = check(client.storage().read({{"cosmetics", "favorites", red.id()}}).get(), "read them back");
  std::cout << "  ..  " << mine.objects.at(0).value << '\n';
  // [/guide:read]

  std::cout << "\n== Another player's public object\n";
  // [guide:read-other]
  StorageObjects theirs =
      check(blue.client->storage().read({{"cosmetics", "favorites", red.id()}}).get(), "blue reads red's favourites");
  // [/guide:read-other]
  guide::expect(theirs.objects.size() == 1 && theirs.objects[0].userId == red.id(), "red's object is readable");

  std::cout << "\n== Conditional writes\n";
  // [guide:conditional]
  StorageObject current = mine.objects.at(0);
  favorites.value = R"({"hat":"crown","skin":"red","pet":"mini_crewmate"})";
  favorites.version = current.version;  // only if nobody changed it since we read it
  check(client.storage().write({favorites}).get(), "change the hat, if unchanged since read");

  // Writing again with the same (now stale) version is rejected instead of overwriting the newer data.
  favorites.value = R"({"hat":"party_hat","skin":"red","pet":"mini_crewmate"})";
  Result<StorageObjectAcks> stale = client.storage().write({favorites}).get();
  if (!stale) std::cout << "  ..  rejected: " << stale.error() << '\n';
  // [/guide:conditional]
  guide::expect(!stale && stale.error().grpcCode == GrpcCode::kInvalidArgument, "the stale write is rejected");
  mine = check(client.storage().read({{"cosmetics", "favorites", red.id()}}).get(), "read the favourites again");
  guide::expect(mine.objects.at(0).value.find("crown") != std::string::npos, "the crown stayed");

  std::cout << "\n== Listing with a cursor\n";
  for (const char* hat : {"cowboy", "crown", "party_hat", "top_hat", "viking"}) {
    WriteStorageObject unlock;
    unlock.collection = "unlocks";
    unlock.key = hat;
    unlock.value = R"({"unlocked":true})";
    check(client.storage().write({unlock}).get(), std::string("unlock the ") + hat);
  }
  int listed = 0;
  // [guide:list]
  StorageListOptions page;
  page.limit = 2;
  do {
    StorageObjectList list = check(client.storage().listOwn("unlocks", page).get(), "list a page of unlocks");
    for (const StorageObject& object : list.objects) std::cout << "  ..  " << object.key << '\n';
    listed += static_cast<int>(list.objects.size());
    page.cursor = list.cursor;  // empty after the last page
  } while (!page.cursor.empty());
  // [/guide:list]
  guide::expect(listed == 5, "all 5 unlocks listed", std::to_string(listed) + " listed");
  std::cout << "\nPart 4 done.\n";
  return 0;
}
