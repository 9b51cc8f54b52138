local n = tonumber(arg[1]) or 1000000

local function quicksort(a, lo, hi)
  while lo < hi do
    local p = a[(lo + hi) // 2]
    local i, j = lo, hi
    while i <= j do
      while a[i] < p do i = i + 1 end
      while a[j] > p do j = j - 1 end
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

local a = {}
local x = 42
for i = 0, n - 1 do
  x = (x * 1103515245 + 12345) % 2147483648
  a[i] = x % 1000000
end
quicksort(a, 0, n - 1)
local s = 0
for i = 0, n - 1 do
  s = (s * 31 + a[i]) % 1000000007
end
io.write(string.format("gqsort %d %d %d %d\n", n, a[0], a[n - 1], s))
