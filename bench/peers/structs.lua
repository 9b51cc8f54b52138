local Item = {}
Item.__index = Item

function Item.new(key, value)
  return setmetatable({ key = key, value = value }, Item)
end

function Item:less(b)
  if self.key ~= b.key then return self.key < b.key end
  return self.value < b.value
end

function Item:score()
  return self.key * 3 + self.value
end

function Item:bump(d)
  self.value = self.value + d
end

-- items are values in Go: copy on assignment; tables here are swapped by reference,
-- which is what the Go code's swaps amount to
local function quicksort(a, lo, hi)
  while lo < hi do
    local p = a[(lo + hi) // 2]
    p = Item.new(p.key, p.value)
    local i, j = lo, hi
    while i <= j do
      while a[i]:less(p) do i = i + 1 end
      while p:less(a[j]) do j = j - 1 end
      if i <= j then
        a[i], a[j] = a[j], a[i]
        i = i + 1
        j = j - 1
      end
    end
    if j - lo < hi - i then
      quicksort(a, lo, j)
      lo = i
    else
      quicksort(a, i, hi)
      hi = j
    end
  end
end

local n = tonumber(arg[1]) or 500000
local items = {}
local x = 42
for i = 0, n - 1 do
  x = (x * 1103515245 + 12345) % 2147483648
  items[i] = Item.new(x % 1000000, i)
end
for i = 0, n - 1 do
  items[i]:bump(i % 3)
end
quicksort(items, 0, n - 1)
local sorted, cs = true, 0
for i = 0, n - 1 do
  if i > 0 and items[i]:less(items[i - 1]) then sorted = false end
  cs = (cs * 31 + items[i]:score()) % 1000000007
end
io.write(string.format("structs %d %s %d\n", n, tostring(sorted), cs))
