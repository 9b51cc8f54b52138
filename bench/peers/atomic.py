# threads: CPython has no atomic integers; next() on an itertools.count is the lock-free
# atomic increment under the GIL.
import itertools
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(8000000)
    workers = 8
    per = n // workers
    counter = itertools.count()

    def work():
        inc = counter.__next__
        for _ in range(per):
            inc()

    ts = [threading.Thread(target=work) for _ in range(workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("atomic", workers, next(counter))


main()
