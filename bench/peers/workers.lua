package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 1000000
local workers = 8
local function work(j)
  local x = j
  for k = 0, 19 do
    x = (x * 31 + k) % 1000003
  end
  return x
end
G.main(function()
  local jobs, results = G.chan(128), G.chan(128)
  local wg = G.waitgroup()
  for w = 1, workers do
    G.add(wg, 1)
    G.go(function()
      for j in G.range(jobs) do
        G.send(results, work(j))
      end
      G.done(wg)
    end)
  end
  G.go(function()
    for i = 0, n - 1 do G.send(jobs, i) end
    G.close(jobs)
  end)
  G.go(function()
    G.wait(wg)
    G.close(results)
  end)
  local sum, count = 0, 0
  for r in G.range(results) do
    sum = sum + r
    count = count + 1
  end
  io.write(string.format("workers %d %d\n", count, sum))
end)
