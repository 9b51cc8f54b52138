import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(100000000)
    s = 0
    for i in range(n):
        s += (i % 7) * (i & 1023)
    print("loop", n, s)


main()
