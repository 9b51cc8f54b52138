package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 2000000
local per = n // 4
local function producer(id, out)
  for i = 0, per - 1 do G.send(out, id * per + i) end
end
G.main(function()
  local chans = { G.chan(0), G.chan(0), G.chan(0), G.chan(0) }
  for id = 0, 3 do G.go(producer, id, chans[id + 1]) end
  local sum, count = 0, 0
  while count < 4 * per do
    local _, v = G.select_recv(chans)
    sum = sum + v
    count = count + 1
  end
  io.write(string.format("fanin %d %d\n", count, sum))
end)
