package.path = (arg[0]:match("^(.*/)") or "./") .. "?.lua;" .. package.path
local G = require("gochan")
local n = tonumber(arg[1]) or 3000
local function generate(ch)
  local i = 2
  while true do
    G.send(ch, i)
    i = i + 1
  end
end
local function filter(inch, out, prime)
  while true do
    local i = G.recv(inch)
    if i % prime ~= 0 then G.send(out, i) end
  end
end
G.main(function()
  local ch = G.chan(0)
  G.go(generate, ch)
  local sum, last = 0, 0
  for i = 1, n do
    local prime = G.recv(ch)
    sum = sum + prime
    last = prime
    local ch1 = G.chan(0)
    G.go(filter, ch, ch1, prime)
    ch = ch1
  end
  io.write(string.format("primes %d %d %d\n", n, last, sum))
end)
