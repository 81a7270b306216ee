"""A quiet local static server for the built site (printing the PDFs, the benchmark, the tests)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from contextlib import contextmanager
from pathlib import Path


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    """A quiet static server, with the MIME types that JupyterLite and Pyodide need."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format, *args):  # noqa: A002 — a quiet build log
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed before a file was sent (a test or a measure moved on)


# What a static host compresses (text); images, PDFs and zips are sent as they are.
COMPRESSIBLES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".csv")


class Compresse(_Silencieux):
    """The same server, gzip-compressed (level 6) as a static host sends text files: what the
    slow-link measure of `make bench` needs (Python's http.server does not compress)."""

    def send_head(self):
        chemin = self.translate_path(self.path)
        if os.path.isdir(chemin):
            chemin = os.path.join(chemin, "index.html")
        accepte = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepte or not chemin.endswith(COMPRESSIBLES) or not os.path.isfile(chemin):
            return super().send_head()
        if os.path.isdir(self.translate_path(self.path)) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the folder's address
        with open(chemin, "rb") as fichier:
            corps = _gzip(fichier.read())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(chemin))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(corps)))
        self.end_headers()
        return io.BytesIO(corps)


def _gzip(octets: bytes) -> bytes:
    return gzip.compress(octets, compresslevel=6, mtime=0)


@contextmanager
def serveur_local(site: Path, gestionnaire: type[http.server.BaseHTTPRequestHandler] = _Silencieux):
    """Serve `site` on 127.0.0.1 (a free port) while the block runs; yields the origin URL."""
    fabrique = functools.partial(gestionnaire, directory=str(site))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), fabrique)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}"
    finally:
        serveur.shutdown()
        serveur.server_close()
