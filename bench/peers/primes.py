# asyncio: a chain of 3000 filter tasks (3000 threads passing ~5M values is impractical).
import asyncio
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


async def generate(ch):
    i = 2
    while True:
        await ch.put(i)
        i += 1


async def filt(inq, out, prime):
    while True:
        i = await inq.get()
        if i % prime != 0:
            await out.put(i)


async def main():
    n = size(3000)
    ch = asyncio.Queue(1)
    tasks = [asyncio.create_task(generate(ch))]
    total = last = 0
    for _ in range(n):
        prime = await ch.get()
        total += prime
        last = prime
        ch1 = asyncio.Queue(1)
        tasks.append(asyncio.create_task(filt(ch, ch1, prime)))
        ch = ch1
    print("primes", n, last, total, flush=True)
    for t in tasks:
        t.cancel()


asyncio.run(main())
