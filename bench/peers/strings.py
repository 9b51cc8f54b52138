import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def main():
    n = size(1000000)
    b = []  # the idiomatic string builder: a list joined once
    for i in range(n):
        b.append("w" + str(i % 1000))
    s = ",".join(b)
    parts = s.split(",")
    joined = ";".join(parts)
    h = 0
    for p in parts:
        h = (h * 31 + len(p)) % 1000000007
    print("strings", len(s), len(parts), len(joined), joined.count("w99;"), h)


main()
