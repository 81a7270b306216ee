"""A quiet local static server for the built site (printing the PDFs, the benchmark, the tests)."""

from __future__ import annotations

import functools
import http.server
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
