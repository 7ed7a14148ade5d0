-- The `lobby` authoritative match handler (started by the create_lobby_match RPC in fixtures.lua).
-- It accepts every join, keeps the label {"mode":"<mode>","open":true,"players":<n>} up to date, and
-- broadcasts every message it receives to all presences, the sender included, with the sender attached.
-- The project's test server (tests/server) behaves the same; keep both in step.
local nk = require("nakama")

local TICK_RATE = 10

local function count(presences)
  local n = 0
  for _ in pairs(presences) do
    n = n + 1
  end
  return n
end

local function label_of(state)
  return nk.json_encode({ mode = state.mode, open = true, players = count(state.presences) })
end

local function update_label(dispatcher, state)
  dispatcher.match_label_update(label_of(state))
end

local M = {}

function M.match_init(context, params)
  local mode = "lobby"
  if type(params) == "table" and type(params.mode) == "string" and params.mode ~= "" then
    mode = params.mode
  end
  local state = { mode = mode, presences = {} }
  return state, TICK_RATE, label_of(state)
end

-- The joiner counts from here on: Nakama answers the join with the label as it stands after this
-- function, and a join that never completes is reported to match_leave.
function M.match_join_attempt(context, dispatcher, tick, state, presence, metadata)
  state.presences[presence.session_id] = presence
  update_label(dispatcher, state)
  return state, true
end

function M.match_join(context, dispatcher, tick, state, presences)
  for _, presence in ipairs(presences) do
    state.presences[presence.session_id] = presence
  end
  update_label(dispatcher, state)
  return state
end

function M.match_leave(context, dispatcher, tick, state, presences)
  for _, presence in ipairs(presences) do
    state.presences[presence.session_id] = nil
  end
  update_label(dispatcher, state)
  return state
end

function M.match_loop(context, dispatcher, tick, state, messages)
  for _, message in ipairs(messages) do
    -- No recipient list: everyone in the match, the sender included.
    dispatcher.broadcast_message(message.op_code, message.data, nil, message.sender, message.reliable)
  end
  return state
end

function M.match_terminate(context, dispatcher, tick, state, grace_seconds)
  return state
end

function M.match_signal(context, dispatcher, tick, state, data)
  return state, data
end

return M
