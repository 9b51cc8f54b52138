import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


n = size(35)
print("fib", n, fib(n))
