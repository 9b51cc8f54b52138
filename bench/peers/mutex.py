# threads: 8 threads increment one counter behind a threading.Lock.
import threading
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(8000000)
    workers = 8
    per = n // workers
    lock = threading.Lock()
    counter = 0

    def work():
        nonlocal counter
        for _ in range(per):
            with lock:
                counter += 1

    ts = [threading.Thread(target=work) for _ in range(workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("mutex", workers, counter)


main()
