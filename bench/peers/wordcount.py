import os
import shutil
import sys
import tempfile

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
d = tempfile.mkdtemp(prefix="wordcount")
try:
    name = os.path.join(d, "words.txt")
    vocabulary = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "gopher", "channel"]
    seed = 1
    with open(name, "w") as f:
        for i in range(n):
            k = i % 7 + 1
            row = []
            for j in range(k):
                seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
                row.append(vocabulary[(seed >> 16) % 10])
            f.write(" ".join(row))
            f.write("\n")
    lines = words = nbytes = 0
    counts = {}
    with open(name) as f:
        for line in f:
            lines += 1
            nbytes += len(line)
            for word in line.split():
                words += 1
                counts[word] = counts.get(word, 0) + 1
    print("wordcount", lines, words, nbytes, len(counts), counts.get("gopher", 0), counts.get("the", 0))
finally:
    shutil.rmtree(d)
