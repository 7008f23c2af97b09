"""The demo page with the chat widget (bot/web), on BIND_HOST:WEB_PORT.

    python -m bot.web_server [--port N] [--rasa-port N]      (started by `make run`)

Serves a fixed list of files, nothing else: the page, the widget's script and styles, and the
socket.io browser client installed from npm by `make setup` (bot/web/node_modules, no CDN). The
page learns where Rasa's socket.io server is from a <meta> tag filled in here: WIDGET_SOCKET_URL
when set, else the page's own host name on port RASA_PORT, and the largest message it may send
(MAX_REQUEST_BYTES) from another. Rasa only accepts the page's origins
(WIDGET_ORIGINS, see bot/channels.py). A Content-Security-Policy allows scripts from this server
only and connections to this server and to Rasa.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from . import settings

WEB_DIR = Path(__file__).resolve().parent / "web"
SOCKET_IO_CLIENT = WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
FILES = {  # URL path -> (file, content type)
    "/widget.js": (WEB_DIR / "widget.js", "text/javascript; charset=utf-8"),
    "/widget.css": (WEB_DIR / "widget.css", "text/css; charset=utf-8"),
    "/page.css": (WEB_DIR / "page.css", "text/css; charset=utf-8"),
    "/favicon.svg": (WEB_DIR / "favicon.svg", "image/svg+xml"),
    "/vendor/socket.io.min.js": (SOCKET_IO_CLIENT, "text/javascript; charset=utf-8"),
}
HOST_NAME = re.compile(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")


def request_host(host_header: str | None) -> str | None:
    """The host name of a Host header ("localhost:8080" -> "localhost"), if it is a plain one."""
    host = urlsplit(f"//{host_header or ''}").hostname if host_header else None
    if host and ":" in host:
        host = f"[{host}]"
    return host if host and HOST_NAME.fullmatch(host) else None


class Handler(BaseHTTPRequestHandler):
    server_version = "offres-nc-web"
    sys_version = ""

    def __init__(self, *args, rasa_port: int, socket_url: str, quiet: bool, **kwargs):
        self.rasa_port, self.socket_url, self.quiet = rasa_port, socket_url, quiet
        super().__init__(*args, **kwargs)

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self._page(), "text/html; charset=utf-8", head)
        elif path == "/health":
            self._send(HTTPStatus.OK, b"ok", "text/plain; charset=utf-8", head)
        elif path in FILES:
            file, content_type = FILES[path]
            try:
                body = file.read_bytes()
            except OSError:
                message = ("client socket.io absent : lancez `make setup` (npm ci dans bot/web)"
                           if file == SOCKET_IO_CLIENT else "fichier absent")
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, message.encode(), "text/plain; charset=utf-8", head)
                return
            self._send(HTTPStatus.OK, body, content_type, head)
        else:
            self._send(HTTPStatus.NOT_FOUND, "page introuvable".encode(), "text/plain; charset=utf-8", head)

    def _socket_url(self) -> str:
        if self.socket_url:
            return self.socket_url
        host = request_host(self.headers.get("Host")) or "127.0.0.1"
        return f"http://{host}:{self.rasa_port}"

    def _page(self) -> bytes:
        page = (WEB_DIR / "index.html").read_text(encoding="utf-8")
        page = page.replace("__MAX_REQUEST_BYTES__", str(settings.MAX_REQUEST_BYTES))
        return page.replace("__SOCKET_URL__", html.escape(self._socket_url(), quote=True)).encode("utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, head: bool) -> None:
        socket_url = urlsplit(self._socket_url())
        ws_scheme = "wss" if socket_url.scheme == "https" else "ws"
        rasa = f"{socket_url.scheme}://{socket_url.netloc} {ws_scheme}://{socket_url.netloc}"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                         f"font-src 'self'; connect-src 'self' {rasa}; base-uri 'none'; form-action 'none'; "
                         "frame-ancestors 'none'")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(host: str, port: int, rasa_port: int, socket_url: str = "", quiet: bool = True) -> ThreadingHTTPServer:
    handler = partial(Handler, rasa_port=rasa_port, socket_url=socket_url, quiet=quiet)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=settings.WEB_PORT)
    parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT)
    parser.add_argument("--verbose", action="store_true", help="une ligne par requête")
    args = parser.parse_args(argv)
    if not SOCKET_IO_CLIENT.is_file():
        print(f"attention : {SOCKET_IO_CLIENT.relative_to(WEB_DIR.parent.parent)} absent, le widget ne pourra pas "
              "se connecter : lancez `make setup`", file=sys.stderr)
    try:
        server = make_server(settings.BIND_HOST, args.port, args.rasa_port, settings.WIDGET_SOCKET_URL,
                             quiet=not args.verbose)
    except OSError as error:
        print(f"erreur : page web impossible sur {settings.BIND_HOST}:{args.port} ({error.strerror})", file=sys.stderr)
        return 2
    print(f"page web sur http://{settings.BIND_HOST}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
