# threads: 8 threads each compute fib(32) (the GIL runs one at a time).
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    n = size(32)
    g = 8
    results = [0] * g

    def work(i):
        results[i] = fib(n)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(g)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("pfib", g, n, sum(results))


main()
