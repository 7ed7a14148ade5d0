-- Server fixtures the SDK's integration tests and the Sagi-shi demo rely on: three leaderboards, the
-- weekly_votes tournament and four RPC functions. The project's test server (tests/server) provides the
-- same; keep both in step. The `lobby` match handler lives in lobby.lua.
local nk = require("nakama")

-- gRPC codes for error({message, code}); Nakama maps them to HTTP statuses (3 -> 400, 13 -> 500).
local INVALID_ARGUMENT = 3
local INTERNAL = 13

-- Leaderboards and the tournament are stored in the database; creating them is idempotent, and run_once
-- does it once per server start rather than once per Lua VM.
nk.run_once(function(context)
  local weekly = "0 0 * * 1" -- every Monday at 00:00 UTC
  local sagishi = { game = "sagishi" }

  -- leaderboard_create(id, authoritative, sort, operator, reset, metadata): clients may write to all three.
  nk.leaderboard_create("weekly_imposter_wins", false, "desc", "incr", weekly, sagishi)
  nk.leaderboard_create("weekly_crew_wins", false, "desc", "incr", weekly, sagishi)
  nk.leaderboard_create("best_time", false, "asc", "best", "", {})

  -- tournament_create(id, authoritative, sort, operator, duration, reset, metadata, title, description,
  -- category, start_time, end_time, max_size, max_num_score, join_required). Tournaments are authoritative
  -- unless told otherwise; start_time 0 means "from now", end_time 0 "never ends".
  nk.tournament_create("weekly_votes", false, "desc", "incr", 604800, weekly, sagishi,
    "Weekly imposter votes", "Most correct imposter votes this week", 100, 0, 0, 1000, 1000000, true)
end)

-- echo: returns its payload unchanged (with a session or with the runtime HTTP key).
local function echo(context, payload)
  return payload
end
nk.register_rpc(echo, "echo")

-- send_reward_notification: a persistent notification to the caller, from the system (no sender).
local function send_reward_notification(context, payload)
  if context.user_id == nil or context.user_id == "" then
    error({ "expects user ID", INVALID_ARGUMENT })
  end
  local content = { reward = 100, currency = "coins" }
  nk.notification_send(context.user_id, "You won the weekly tournament!", content, 100, "", true)
  return nk.json_encode({ sent = true })
end
nk.register_rpc(send_reward_notification, "send_reward_notification")

-- create_lobby_match: starts a `lobby` match; the optional payload {"mode":"..."} names its mode.
local function create_lobby_match(context, payload)
  local mode = "lobby"
  if payload ~= nil and payload ~= "" then
    -- Only a JSON object will do (json_decode also accepts arrays and scalars).
    local ok, decoded = pcall(nk.json_decode, payload)
    if not ok or type(decoded) ~= "table" or not string.match(payload, "^%s*{") then
      error({ "payload must be a JSON object", INVALID_ARGUMENT })
    end
    if type(decoded.mode) == "string" and decoded.mode ~= "" then
      mode = decoded.mode
    end
  end
  local match_id = nk.match_create("lobby", { mode = mode })
  return nk.json_encode({ match_id = match_id })
end
nk.register_rpc(create_lobby_match, "create_lobby_match")

-- fail: always raises a runtime error (HTTP 500; on the socket, error code 7).
local function fail(context, payload)
  error({ "boom from rpc", INTERNAL })
end
nk.register_rpc(fail, "fail")
