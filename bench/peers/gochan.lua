-- gochan.lua: Go-style goroutines, channels, select, WaitGroup and Mutex on Lua 5.4
-- coroutines, with a small run-queue scheduler. Single-threaded (like GOMAXPROCS=1).
--
--   local G = require("gochan")
--   G.main(function()
--     local ch = G.chan(0)
--     G.go(function() G.send(ch, 42) end)
--     print(G.recv(ch))
--   end)

local M = {}

local co_create, co_resume, co_yield, co_running, co_status =
  coroutine.create, coroutine.resume, coroutine.yield, coroutine.running, coroutine.status

-- run queue: a ring of coroutines
local rq, rq_head, rq_tail = {}, 1, 0

local function ready(co)
  rq_tail = rq_tail + 1
  rq[rq_tail] = co
end

local function park()
  return co_yield()
end

-- FIFO queue used for channel buffers and waiter lists
local function queue()
  return { first = 1, last = 0 }
end

local function push(q, v)
  local l = q.last + 1
  q.last = l
  q[l] = v
end

local function pop(q)
  local f = q.first
  if f > q.last then return nil end
  local v = q[f]
  q[f] = nil
  q.first = f + 1
  return v
end

local function qlen(q)
  return q.last - q.first + 1
end

function M.go(f, ...)
  local args = table.pack(...)
  ready(co_create(function() f(table.unpack(args, 1, args.n)) end))
end

function M.gosched()
  ready(co_running())
  co_yield()
end

function M.chan(cap)
  return { cap = cap or 0, buf = queue(), recvq = queue(), sendq = queue(), closed = false }
end

-- a waiter is {co=, value=, ok=, done=, sel=} ; sel is shared by the waiters of one select
local function live(w)
  return w and not (w.sel and w.sel.done)
end

local function next_waiter(q)
  while true do
    local w = pop(q)
    if w == nil then return nil end
    if live(w) then return w end
  end
end

local function wake(w, value, ok, index)
  if w.sel then
    w.sel.done = true
    w.sel.value, w.sel.ok, w.sel.index = value, ok, index
  else
    w.value, w.ok = value, ok
  end
  ready(w.co)
end

function M.send(ch, v)
  if ch.closed then error("send on closed channel") end
  local r = next_waiter(ch.recvq)
  if r then
    wake(r, v, true, r.index)
    return
  end
  if qlen(ch.buf) < ch.cap then
    push(ch.buf, v)
    return
  end
  local w = { co = co_running(), value = v }
  push(ch.sendq, w)
  park()
  if w.closed then error("send on closed channel") end
end

-- try to receive without blocking: returns handled, value, ok
local function try_recv(ch)
  if qlen(ch.buf) > 0 then
    local v = pop(ch.buf)
    local s = next_waiter(ch.sendq)
    if s then
      push(ch.buf, s.value)
      ready(s.co)
    end
    return true, v, true
  end
  local s = next_waiter(ch.sendq)
  if s then
    ready(s.co)
    return true, s.value, true
  end
  if ch.closed then return true, nil, false end
  return false
end

function M.recv(ch)
  local done, v, ok = try_recv(ch)
  if done then return v, ok end
  local w = { co = co_running() }
  push(ch.recvq, w)
  park()
  return w.value, w.ok
end

function M.close(ch)
  if ch.closed then error("close of closed channel") end
  ch.closed = true
  while true do
    local r = next_waiter(ch.recvq)
    if not r then break end
    wake(r, nil, false, r.index)
  end
  while true do
    local s = next_waiter(ch.sendq)
    if not s then break end
    s.closed = true
    ready(s.co)
  end
end

-- select over receives only: returns index, value, ok (checks cases in a rotating order)
local rot = 0
function M.select_recv(chans)
  local n = #chans
  rot = rot % n + 1
  for k = 0, n - 1 do
    local i = (rot + k - 1) % n + 1
    local done, v, ok = try_recv(chans[i])
    if done then return i, v, ok end
  end
  local sel = { done = false }
  local co = co_running()
  for i = 1, n do
    push(chans[i].recvq, { co = co, sel = sel, index = i })
  end
  park()
  return sel.index, sel.value, sel.ok
end

-- range over a channel: for v in G.range(ch) do ... end
function M.range(ch)
  return function()
    local v, ok = M.recv(ch)
    if ok then return v end
    return nil
  end
end

function M.waitgroup()
  return { n = 0, waiters = queue() }
end

function M.add(wg, d)
  wg.n = wg.n + d
  if wg.n == 0 then
    while true do
      local co = pop(wg.waiters)
      if not co then break end
      ready(co)
    end
  end
end

function M.done(wg)
  M.add(wg, -1)
end

function M.wait(wg)
  if wg.n == 0 then return end
  push(wg.waiters, co_running())
  park()
end

function M.mutex()
  return { locked = false, waiters = queue() }
end

function M.lock(mu)
  if not mu.locked then
    mu.locked = true
    return
  end
  push(mu.waiters, co_running())
  park()
end

function M.unlock(mu)
  local co = pop(mu.waiters)
  if co then
    ready(co) -- hand the lock over
  else
    mu.locked = false
  end
end

-- run f as the main goroutine; returns when it returns (other goroutines are abandoned)
function M.main(f)
  local main = co_create(f)
  ready(main)
  while rq_head <= rq_tail do
    local co = rq[rq_head]
    rq[rq_head] = nil
    rq_head = rq_head + 1
    local ok, err = co_resume(co)
    if not ok then error(err, 0) end
    if co == main and co_status(main) == "dead" then return end
  end
  error("fatal error: all goroutines are asleep - deadlock!")
end

return M
