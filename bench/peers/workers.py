# threads: a pool of 8 worker threads, a jobs queue.Queue and a results queue.Queue.
import queue
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def work(j):
    x = j
    for k in range(20):
        x = (x * 31 + k) % 1000003
    return x


def main():
    n = size(1000000)
    workers = 8
    jobs = queue.Queue(128)
    results = queue.Queue(128)
    done = object()

    def worker():
        while True:
            j = jobs.get()
            if j is done:
                break
            results.put(work(j))
        results.put(done)

    def feeder():
        for i in range(n):
            jobs.put(i)
        for _ in range(workers):
            jobs.put(done)

    ts = [threading.Thread(target=worker) for _ in range(workers)]
    ts.append(threading.Thread(target=feeder))
    for t in ts:
        t.start()
    total = count = finished = 0
    while finished < workers:
        r = results.get()
        if r is done:
            finished += 1
            continue
        total += r
        count += 1
    for t in ts:
        t.join()
    print("workers", count, total)


main()
