import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(1000000)
    m = {}
    for i in range(n):
        m["k" + str(i)] = i
    hits = misses = total_hit = 0
    for i in range(0, n, 2):
        v = m.get("k" + str(i))
        if v is not None:
            hits += 1
            total_hit += v
        if ("x" + str(i)) not in m:
            misses += 1
    for i in range(0, n, 3):
        m["k" + str(i)] += 5
    total = 0
    for v in m.values():
        total += v
    print("maps", len(m), hits, misses, total_hit, total)


main()
