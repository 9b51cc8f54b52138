package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 32
local g = 8
local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end
G.main(function()
  local results = {}
  local wg = G.waitgroup()
  for i = 1, g do
    G.add(wg, 1)
    G.go(function()
      results[i] = fib(n)
      G.done(wg)
    end)
  end
  G.wait(wg)
  local sum = 0
  for i = 1, g do sum = sum + results[i] end
  io.write(string.format("pfib %d %d %d\n", g, n, sum))
end)
