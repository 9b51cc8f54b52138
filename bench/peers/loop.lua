local n = tonumber(arg[1]) or 100000000
local s = 0
for i = 0, n - 1 do
  s = s + (i % 7) * (i & 1023)
end
io.write(string.format("loop %d %d\n", n, s))
