import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(30000000)
    k = 7
    calls = 0

    def f(x):
        nonlocal calls
        calls += 1
        return (x + k) & 1048575

    s = 0
    for i in range(n):
        s = f(s + i)
    print("closures", n, calls, s)


main()
