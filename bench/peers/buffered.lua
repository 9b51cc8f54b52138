package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 10000000
G.main(function()
  local ch = G.chan(1024)
  G.go(function()
    for i = 0, n - 1 do G.send(ch, i) end
    G.close(ch)
  end)
  local sum, count = 0, 0
  for v in G.range(ch) do
    sum = sum + v
    count = count + 1
  end
  io.write(string.format("buffered %d %d\n", count, sum))
end)
