local function bottom_up_tree(depth)
  if depth <= 0 then
    return {}
  end
  return { left = bottom_up_tree(depth - 1), right = bottom_up_tree(depth - 1) }
end

local function item_check(t)
  if t.left == nil then
    return 1
  end
  return 1 + item_check(t.left) + item_check(t.right)
end

local min_depth = 4
local max_depth = math.max(tonumber(arg[1]) or 16, min_depth + 2)
local stretch_check = item_check(bottom_up_tree(max_depth + 1))
local long_lived = bottom_up_tree(max_depth)
local total = 0
for depth = min_depth, max_depth, 2 do
  local iterations = 1 << (max_depth - depth + min_depth)
  local check = 0
  for _ = 1, iterations do
    check = check + item_check(bottom_up_tree(depth))
  end
  total = total + check
end
io.write(string.format("binarytrees %d %d %d %d\n", max_depth, stretch_check, total, item_check(long_lived)))
