# threads: a producer thread and the main thread share a queue.Queue of capacity 1024.
import queue
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(10000000)
    ch = queue.Queue(1024)
    done = object()

    def producer():
        for i in range(n):
            ch.put(i)
        ch.put(done)

    t = threading.Thread(target=producer)
    t.start()
    total = count = 0
    while True:
        v = ch.get()
        if v is done:
            break
        total += v
        count += 1
    t.join()
    print("buffered", count, total)


main()
