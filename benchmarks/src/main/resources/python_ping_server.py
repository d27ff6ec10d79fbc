"""The original stack's answer to ping, on the websockets library as the original services ran it
(asyncio, one coroutine per connection, permessage-deflate on by default). The pong carries the
ping's id as correlation_id, as ours does, so a load client can match replies."""
import asyncio
import datetime
import json
import sys

import websockets


async def handler(ws, path=None):
    async for raw in ws:
        data = json.loads(raw)
        if data.get("type") == "ping":
            await ws.send(json.dumps({"type": "pong", "correlation_id": data.get("id"), "timestamp": datetime.datetime.now().isoformat(),
                                      "service": "python-websockets"}))


async def main(port):
    async with websockets.serve(handler, "127.0.0.1", port, ping_interval=None, ping_timeout=None,
                                max_size=100 * 1024 * 1024):
        print("READY", flush=True)
        await asyncio.Future()


asyncio.run(main(int(sys.argv[1])))
