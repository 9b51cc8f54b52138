import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(20000000)
    composite = [False] * (n + 1)
    count = 0
    last = 0
    for i in range(2, n + 1):
        if not composite[i]:
            count += 1
            last = i
            for j in range(i * i, n + 1, i):
                composite[j] = True
    print("sieve", n, count, last)


main()
