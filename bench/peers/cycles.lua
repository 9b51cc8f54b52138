local function build_list(n)
  local head = { value = 0 }
  local tail = head
  for i = 1, n - 1 do
    local node = { prev = tail, value = i }
    tail.next = node
    tail = node
  end
  local sum = 0
  local node = tail
  while node do
    sum = sum + node.value
    node = node.prev
  end
  return sum
end

local function tree(parent, depth)
  local t = { parent = parent, depth = depth }
  if depth > 0 then
    t.left = tree(t, depth - 1)
    t.right = tree(t, depth - 1)
  end
  return t
end

local function leaf_roots(t)
  if t.left == nil then
    local root = t
    while root.parent do
      root = root.parent
    end
    return root.depth
  end
  return leaf_roots(t.left) + leaf_roots(t.right)
end

local function closures(n)
  local sum = 0
  for i = 0, n - 1 do
    local countdown
    countdown = function(k)
      if k == 0 then
        return i
      end
      return countdown(k - 1)
    end
    sum = sum + countdown(3)
  end
  return sum
end

local n = tonumber(arg[1]) or 2000
local checksum = 0
for _ = 1, n do
  checksum = checksum + build_list(1000)
  checksum = checksum + leaf_roots(tree(nil, 8))
  checksum = checksum + closures(100)
end
io.write(string.format("cycles %d %d\n", n, checksum))
