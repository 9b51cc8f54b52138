# asyncio: 200k OS threads are not an option in CPython; tasks are the idiomatic choice.
import asyncio
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


async def main():
    n = size(200000)
    results = [0] * n

    async def work(i):
        results[i] = i % 1000 * 2

    tasks = [asyncio.create_task(work(i)) for i in range(n)]
    await asyncio.gather(*tasks)
    print("spawn", n, sum(results))


asyncio.run(main())
