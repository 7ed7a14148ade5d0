// Validation shared by the authenticate and link routes (same rules and messages as the real server).
#pragma once

#include <string>

#include "core/server_api.h"

namespace nakama::testserver::identity {

// POSIX [[:cntrl:]] or [[:space:]].
bool hasSpaceOrControl(const std::string& s);
// POSIX [[:cntrl:]] or \t\n\r\f\v (a plain space is allowed in usernames).
bool hasUsernameInvalidChars(const std::string& s);
bool looksLikeEmail(const std::string& s);  // ^.+@.+\..+$
std::string toLower(std::string s);

// Throws the real 400 for a bad device / custom id (authenticate wording).
void validateDeviceId(const std::string& id);
void validateCustomId(const std::string& id);
// Username from ?username= (empty -> generated), validated.
std::string usernameOrGenerated(AreaContext& ctx, const std::string& requested);

}  // namespace nakama::testserver::identity
