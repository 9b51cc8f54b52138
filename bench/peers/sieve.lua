local n = tonumber(arg[1]) or 20000000
local composite = {}
for i = 0, n do composite[i] = false end
local count, last = 0, 0
for i = 2, n do
  if not composite[i] then
    count = count + 1
    last = i
    for j = i * i, n, i do
      composite[j] = true
    end
  end
end
io.write(string.format("sieve %d %d %d\n", n, count, last))
