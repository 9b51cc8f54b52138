import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


class ListNode:
    __slots__ = ("prev", "next", "value")

    def __init__(self, prev, value):
        self.prev = prev
        self.next = None
        self.value = value


def build_list(n):
    head = ListNode(None, 0)
    tail = head
    for i in range(1, n):
        node = ListNode(tail, i)
        tail.next = node
        tail = node
    total = 0
    node = tail
    while node is not None:
        total += node.value
        node = node.prev
    return total


class TreeNode:
    __slots__ = ("parent", "left", "right", "depth")

    def __init__(self, parent, depth):
        self.parent = parent
        self.left = None
        self.right = None
        self.depth = depth


def tree(parent, depth):
    t = TreeNode(parent, depth)
    if depth > 0:
        t.left = tree(t, depth - 1)
        t.right = tree(t, depth - 1)
    return t


def leaf_roots(t):
    if t.left is None:
        root = t
        while root.parent is not None:
            root = root.parent
        return root.depth
    return leaf_roots(t.left) + leaf_roots(t.right)


def closures(n):
    total = 0
    for i in range(n):
        def countdown(k, i=i):
            if k == 0:
                return i
            return countdown(k - 1)
        total += countdown(3)
    return total


def main():
    n = size(2000)
    checksum = 0
    for _ in range(n):
        checksum += build_list(1000)
        checksum += leaf_roots(tree(None, 8))
        checksum += closures(100)
    print("cycles", n, checksum)


main()
