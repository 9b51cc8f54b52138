import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def quicksort(a, lo, hi):
    while lo < hi:
        p = a[(lo + hi) // 2]
        i, j = lo, hi
        while i <= j:
            while a[i] < p:
                i += 1
            while a[j] > p:
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
    n = size(1000000)
    a = [0] * n
    x = 42
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        a[i] = x % 1000000
    quicksort(a, 0, n - 1)
    s = 0
    for v in a:
        s = (s * 31 + v) % 1000000007
    print("gqsort", n, a[0], a[n - 1], s)


main()
