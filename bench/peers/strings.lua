local n = tonumber(arg[1]) or 1000000
local b = {}
for i = 0, n - 1 do
  b[#b + 1] = "w" .. (i % 1000)
end
local s = table.concat(b, ",")
local parts = {}
for p in string.gmatch(s, "[^,]+") do
  parts[#parts + 1] = p
end
local joined = table.concat(parts, ";")
local h = 0
for _, p in ipairs(parts) do
  h = (h * 31 + #p) % 1000000007
end
local _, count = string.gsub(joined, "w99;", "")
io.write(string.format("strings %d %d %d %d %d\n", #s, #parts, #joined, count, h))
