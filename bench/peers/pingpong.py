# asyncio: 1M round trips; with threads and queue.Queue CPython manages ~5k per second.
import asyncio
import sys


def size(default):
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


async def main():
    n = size(1000000)
    ping = asyncio.Queue(1)
    pong = asyncio.Queue(1)

    async def ponger():
        for _ in range(n):
            v = await ping.get()
            await pong.put(v + 1)

    t = asyncio.create_task(ponger())
    total = 0
    for i in range(n):
        await ping.put(i)
        total += await pong.get()
    await t
    print("pingpong", n, total)


asyncio.run(main())
