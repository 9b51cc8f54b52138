import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right

    def item_check(self):
        if self.left is None:
            return 1
        return 1 + self.left.item_check() + self.right.item_check()


def bottom_up_tree(depth):
    if depth <= 0:
        return Node(None, None)
    return Node(bottom_up_tree(depth - 1), bottom_up_tree(depth - 1))


def main():
    min_depth = 4
    max_depth = max(size(16), min_depth + 2)
    stretch_check = bottom_up_tree(max_depth + 1).item_check()
    long_lived = bottom_up_tree(max_depth)
    total = 0
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += bottom_up_tree(depth).item_check()
        total += check
    print("binarytrees", max_depth, stretch_check, total, long_lived.item_check())


main()
