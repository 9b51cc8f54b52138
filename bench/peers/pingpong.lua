package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 1000000
G.main(function()
  local ping, pong = G.chan(0), G.chan(0)
  G.go(function()
    for i = 1, n do
      local v = G.recv(ping)
      G.send(pong, v + 1)
    end
  end)
  local sum = 0
  for i = 0, n - 1 do
    G.send(ping, i)
    sum = sum + G.recv(pong)
  end
  io.write(string.format("pingpong %d %d\n", n, sum))
end)
