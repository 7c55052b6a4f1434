"""./clinic run's front door sends the browser's websocket to Odoo's bus port and every
other request to the HTTP workers (clinic_proxy.py). Driven with two stand-in backends
that answer with their own name, so no Odoo is needed."""

import http.client
import http.server
import socket
import threading

import clinic_proxy
import pytest

from clinic_lib import free_port


def backend(name):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = f"{name} {self.command} {self.path} {self.rfile.read(length).decode()}"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def front_door():
    web, bus = backend("web"), backend("bus")
    port = free_port()
    stop = clinic_proxy.start(port, web.server_address[1], bus.server_address[1])
    yield port
    stop()
    web.shutdown()
    bus.shutdown()


def get(conn, method, path, body=None):
    conn.request(method, path, body=body)
    return conn.getresponse().read().decode()


def test_the_websocket_goes_to_the_bus_and_the_rest_to_the_workers(front_door):
    assert get(http.client.HTTPConnection("127.0.0.1", front_door), "GET", "/web").startswith(
        "web GET /web"
    )
    bus = get(http.client.HTTPConnection("127.0.0.1", front_door), "GET", "/websocket?version=1")
    assert bus.startswith("bus GET /websocket?version=1")
    # Only the bus's own path: a page whose name starts alike is the workers'.
    other = get(http.client.HTTPConnection("127.0.0.1", front_door), "GET", "/websocketx")
    assert other.startswith("web ")


def test_a_kept_alive_connection_stays_with_its_backend_and_bodies_pass(front_door):
    conn = http.client.HTTPConnection("127.0.0.1", front_door)
    assert get(conn, "GET", "/odoo").startswith("web GET /odoo")
    assert get(conn, "POST", "/lead/create", body="name=Ana") == "web POST /lead/create name=Ana"


def test_a_backend_that_is_down_answers_502():
    port = free_port()
    stop = clinic_proxy.start(port, free_port(), free_port())
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /web HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 502")
    finally:
        stop()


def test_routing_reads_only_the_path():
    assert clinic_proxy.route(b"GET /websocket HTTP/1.1\r\n", 1, 2) == 2
    assert clinic_proxy.route(b"GET /websocket/peek_notifications HTTP/1.1\r\n", 1, 2) == 2
    assert clinic_proxy.route(b"GET /web?x=/websocket HTTP/1.1\r\n", 1, 2) == 1
    assert clinic_proxy.route(b"garbage\r\n", 1, 2) == 1
