#include "nakama/chat.h"

#include "api/chat_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

ChatApi Client::chat() const { return ChatApi(core_); }

ChatApi::ChatApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

Future<ChannelMessageList> ChatApi::listMessages(const std::string& channelId, const ChannelMessageListOptions& options,
                                                 const CallOptions& call) {
  if (channelId.empty()) {
    return core_->fail<ChannelMessageList>(Error{ErrorKind::kInvalidArgument, "channelId must not be empty"});
  }
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/channel/" + internal::percentEncode(channelId);
  request.query.addOptional("limit", options.limit);
  request.query.addOptional("forward", options.forward);
  request.query.addNonEmpty("cursor", options.cursor);
  request.options = call;
  return core_->call<ChannelMessageList>(std::move(request));
}

}  // namespace nakama
