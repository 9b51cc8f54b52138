# threads: CPython has no select over queues; the idiomatic fan-in is 4 producer threads
# putting into one queue.Queue.
import queue
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(2000000)
    per = n // 4
    out = queue.Queue(64)

    def producer(pid):
        for i in range(per):
            out.put(pid * per + i)

    ts = [threading.Thread(target=producer, args=(pid,)) for pid in range(4)]
    for t in ts:
        t.start()
    total = count = 0
    while count < 4 * per:
        total += out.get()
        count += 1
    for t in ts:
        t.join()
    print("fanin", count, total)


main()
