"""Talks to a service exactly as the original analyzer_manager.py did (websockets, permessage-deflate
on by default, one request per connection, recv until a terminal frame) and prints what it saw as JSON."""
import asyncio
import json
import sys
import uuid

import websockets


async def send(url, message, terminal):
    seen = []
    async with websockets.connect(url, open_timeout=10, close_timeout=10, ping_interval=None,
                                  max_size=100 * 1024 * 1024) as ws:
        extensions = [e.name for e in ws.extensions]
        await ws.send(json.dumps(message))
        while True:
            data = json.loads(await asyncio.wait_for(ws.recv(), timeout=120))
            seen.append(data.get("type"))
            if terminal(data):
                try:
                    await asyncio.wait_for(ws.recv(), timeout=5)
                except websockets.exceptions.ConnectionClosed as closed:
                    return data, seen, extensions, closed.code
                except asyncio.TimeoutError:
                    return data, seen, extensions, None
                return data, seen, extensions, None


async def main(url, source):
    out = {}
    pong, _, ext, _ = await send(url, {"type": "ping", "id": str(uuid.uuid4())}, lambda d: d.get("type") == "pong")
    out["ping"] = {"type": pong["type"], "service": pong.get("service"), "extensions": ext}
    health, _, _, _ = await send(url, {"type": "health_check"}, lambda d: d.get("type") == "health_response")
    out["health"] = {"type": health["type"], "status": health.get("status"), "tools": health.get("available_tools")}
    request_id = str(uuid.uuid4())
    result, seen, ext, close_code = await send(url, {
        "type": "static_analyze", "id": request_id, "model_slug": "interop", "app_number": 1,
        "source_path": source, "tools": ["secrets", "python-security"], "timestamp": "2025-10-01T12:00:00.000000",
    }, lambda d: "analysis_result" in d.get("type", "") or d.get("type") == "error")
    out["analysis"] = {"type": result["type"], "status": result.get("status"),
                       "correlation_id_matches": result.get("correlation_id") == request_id,
                       "has_results": "results" in result.get("analysis", {}),
                       "findings": len(result.get("analysis", {}).get("findings", [])),
                       "frames": seen, "close_code": close_code, "extensions": ext}
    print(json.dumps(out))


asyncio.run(main(sys.argv[1], sys.argv[2]))
