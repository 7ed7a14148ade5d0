#include "nakama/events.h"

#include "core/json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

EventsApi Client::events() const { return EventsApi(core_); }

EventsApi::EventsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

Future<void> EventsApi::send(const Event& event, const CallOptions& call) {
  if (event.name.empty())
    return core_->failVoid(Error{ErrorKind::kInvalidArgument, "the event name must not be empty"});
  internal::Json body = internal::Json::object();
  body["name"] = event.name;
  if (!event.properties.empty()) {
    internal::Json properties = internal::Json::object();
    for (const auto& [key, value] : event.properties) properties[key] = value;
    body["properties"] = std::move(properties);
  }
  internal::writeOptional(body, "timestamp", event.timestamp);
  if (event.external) body["external"] = true;

  internal::RestRequest request;
  request.method = "POST";
  request.path = "/v2/event";
  request.json = body;
  request.options = call;
  return core_->callVoid(std::move(request));
}

}  // namespace nakama
