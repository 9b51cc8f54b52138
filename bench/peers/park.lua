package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 100000
G.main(function()
  local ch, res = G.chan(0), G.chan(0)
  local ready = G.waitgroup()
  for i = 1, n do
    G.add(ready, 1)
    G.go(function()
      G.done(ready)
      local v = G.recv(ch)
      G.send(res, v * 2)
    end)
  end
  G.wait(ready)
  for i = 1, n do G.send(ch, i) end
  local sum = 0
  for i = 1, n do sum = sum + G.recv(res) end
  io.write(string.format("park %d %d\n", n, sum))
end)
