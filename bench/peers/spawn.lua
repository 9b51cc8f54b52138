package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 200000
G.main(function()
  local results = {}
  local wg = G.waitgroup()
  for i = 0, n - 1 do
    G.add(wg, 1)
    G.go(function()
      results[i] = i % 1000 * 2
      G.done(wg)
    end)
  end
  G.wait(wg)
  local sum = 0
  for i = 0, n - 1 do sum = sum + results[i] end
  io.write(string.format("spawn %d %d\n", n, sum))
end)
