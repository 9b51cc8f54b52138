local n = tonumber(arg[1]) or 1000000
local m = {}
for i = 0, n - 1 do
  m["k" .. i] = i
end
local hits, misses, sum = 0, 0, 0
for i = 0, n - 1, 2 do
  local v = m["k" .. i]
  if v ~= nil then
    hits = hits + 1
    sum = sum + v
  end
  if m["x" .. i] == nil then
    misses = misses + 1
  end
end
for i = 0, n - 1, 3 do
  local k = "k" .. i
  m[k] = m[k] + 5
end
local total, len = 0, 0
for _, v in pairs(m) do
  total = total + v
  len = len + 1
end
io.write(string.format("maps %d %d %d %d %d\n", len, hits, misses, sum, total))
