# asyncio: 100k tasks parked on one queue (100k OS threads are not an option in CPython).
import asyncio
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


async def main():
    n = size(100000)
    ch = asyncio.Queue(1)
    res = asyncio.Queue(1)
    started = 0
    all_ready = asyncio.Event()

    async def waiter():
        nonlocal started
        started += 1
        if started == n:
            all_ready.set()
        v = await ch.get()
        await res.put(v * 2)

    tasks = [asyncio.create_task(waiter()) for _ in range(n)]
    if n:
        await all_ready.wait()
    total = 0

    async def feeder():
        for i in range(1, n + 1):
            await ch.put(i)

    feed = asyncio.create_task(feeder())
    for _ in range(n):
        total += await res.get()
    await feed
    await asyncio.gather(*tasks)
    print("park", n, total)


asyncio.run(main())
