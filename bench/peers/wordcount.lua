local n = tonumber(arg[1]) or 500000
local dir = os.tmpname()
os.remove(dir)
local name = dir .. "-words.txt"
local vocabulary = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "gopher", "channel"}
local seed = 1
local f = assert(io.open(name, "w"))
f:setvbuf("full", 65536)
for i = 0, n - 1 do
  local k = i % 7 + 1
  for j = 0, k - 1 do
    seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
    if j > 0 then f:write(" ") end
    f:write(vocabulary[(seed >> 16) % 10 + 1])
  end
  f:write("\n")
end
f:close()
local lines, words, bytes, distinct = 0, 0, 0, 0
local counts = {}
for line in io.lines(name) do
  lines = lines + 1
  bytes = bytes + #line + 1
  for word in string.gmatch(line, "%S+") do
    words = words + 1
    local c = counts[word]
    if c == nil then distinct = distinct + 1; c = 0 end
    counts[word] = c + 1
  end
end
os.remove(name)
io.write(string.format("wordcount %d %d %d %d %d %d\n", lines, words, bytes, distinct, counts["gopher"] or 0, counts["the"] or 0))
