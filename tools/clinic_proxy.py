"""The demo clinic's front door: one port that sends /websocket to Odoo's bus.

With prefork workers Odoo serves HTTP on one port and the bus (websocket) on its gevent
port; a deployment's reverse proxy routes /websocket to the second (docs/DEPLOYMENT.md).
`./clinic run` has no nginx, so without this the browser's websocket reached an HTTP
worker: "Couldn't bind the websocket" on every reconnect and no live chatter or activity
counters.

The routing is per connection, by the first request line: a browser opens a websocket
on a connection of its own, and every other request of a kept-alive connection goes to
the HTTP workers, as the first one did. Bytes pass through unchanged (Host included), so
Odoo sees the same URLs as without the proxy.
"""

import asyncio
import threading

BUS_PATH = b"/websocket"
CHUNK = 65536
# A request line longer than this is not one a browser sends to Odoo.
MAX_REQUEST_LINE = 65536


def route(request_line, http_port, bus_port):
    """The backend port for a connection whose first request line is `request_line`."""
    parts = request_line.split(b" ")
    target = parts[1] if len(parts) > 2 else b""
    path = target.split(b"?", 1)[0]
    if path == BUS_PATH or path.startswith(BUS_PATH + b"/"):
        return bus_port
    return http_port


async def _pipe(reader, writer):
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
        # Half-close: the other side may still be answering.
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        writer.close()


async def _handle(client_reader, client_writer, http_port, bus_port):
    try:
        first = await client_reader.readuntil(b"\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        client_writer.close()
        return
    port = route(first, http_port, bus_port)
    try:
        backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        client_writer.write(
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        await client_writer.drain()
        client_writer.close()
        return
    backend_writer.write(first)
    await asyncio.gather(_pipe(client_reader, backend_writer), _pipe(backend_reader, client_writer))
    backend_writer.close()
    client_writer.close()


def start(listen_port, http_port, bus_port, host="127.0.0.1"):
    """Listen on host:listen_port in a daemon thread; returns once it accepts connections.
    Returns a function that stops it."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    failure = []

    async def main():
        server = await asyncio.start_server(
            lambda r, w: _handle(r, w, http_port, bus_port),
            host,
            listen_port,
            limit=MAX_REQUEST_LINE,
            reuse_address=True,
        )
        ready.set()
        async with server:
            await server.serve_forever()

    def run():
        try:
            loop.run_until_complete(main())
        except asyncio.CancelledError:
            pass
        except OSError as exc:
            failure.append(exc)
            ready.set()

    thread = threading.Thread(target=run, name="clinic-proxy", daemon=True)
    thread.start()
    ready.wait(10)
    if failure:
        raise failure[0]

    def stop():
        for task in asyncio.all_tasks(loop):
            loop.call_soon_threadsafe(task.cancel)
        thread.join(5)

    return stop
