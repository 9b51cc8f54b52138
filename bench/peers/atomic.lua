package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
-- Lua has no threads: one coroutine runs at a time, so a plain increment is atomic.
local n = tonumber(arg[1]) or 8000000
local workers = 8
local per = n // workers
G.main(function()
  local counter = 0
  local wg = G.waitgroup()
  for w = 1, workers do
    G.add(wg, 1)
    G.go(function()
      for i = 1, per do
        counter = counter + 1
      end
      G.done(wg)
    end)
  end
  G.wait(wg)
  io.write(string.format("atomic %d %d\n", workers, counter))
end)
