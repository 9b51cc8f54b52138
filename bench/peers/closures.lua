local n = tonumber(arg[1]) or 30000000
local k = 7
local calls = 0
local f = function(x)
  calls = calls + 1
  return (x + k) & 1048575
end
local s = 0
for i = 0, n - 1 do
  s = f(s + i)
end
io.write(string.format("closures %d %d %d\n", n, calls, s))
