import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


class Item:
    __slots__ = ("key", "value")

    def __init__(self, key, value):
        self.key = key
        self.value = value

    def less(self, b):
        if self.key != b.key:
            return self.key < b.key
        return self.value < b.value

    def score(self):
        return self.key * 3 + self.value

    def bump(self, d):
        self.value += d


def quicksort(a, lo, hi):
    while lo < hi:
        q = a[(lo + hi) // 2]
        p = Item(q.key, q.value)
        i, j = lo, hi
        while i <= j:
            while a[i].less(p):
                i += 1
            while p.less(a[j]):
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if j - lo < hi - i:
            quicksort(a, lo, j)
            lo = i
        else:
            quicksort(a, i, hi)
            hi = j


def main():
    n = size(500000)
    items = []
    x = 42
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        items.append(Item(x % 1000000, i))
    for i in range(n):
        items[i].bump(i % 3)
    quicksort(items, 0, n - 1)
    ok = True
    cs = 0
    for i in range(n):
        if i > 0 and items[i].less(items[i - 1]):
            ok = False
        cs = (cs * 31 + items[i].score()) % 1000000007
    print("structs", n, "true" if ok else "false", cs)


main()
