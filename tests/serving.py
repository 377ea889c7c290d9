"""A WSGI app served by werkzeug in a daemon thread on a free port of 127.0.0.1, for tests that need a real server.

Stopping is prompt: werkzeug's serve_forever looks at its stop flag only between selects of up to half a
second, so a bare shutdown() idles that long on every server a test starts; stop() wakes the select with a
connection instead.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from werkzeug.serving import make_server


class ServedApp:
    """`app` served on a free port of 127.0.0.1 until stop(); `options` go to werkzeug's make_server."""

    def __init__(self, app, **options):
        self.server = make_server("127.0.0.1", 0, app, threaded=True, **options)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, host: str = "127.0.0.1") -> str:
        """The base URL, reached by `host` (another name for 127.0.0.1 makes it another site)."""
        scheme = "https" if self.server.ssl_context else "http"
        return f"{scheme}://{host}:{self.port}"

    def stop(self) -> None:
        """Stop serving and return once the serving thread has ended (serve_forever closes the port as it ends)."""
        stopping = threading.Thread(target=self.server.shutdown)  # sets the flag, then waits for the loop to end
        stopping.start()
        while stopping.is_alive():
            # A connection ends the select at once; one made before the flag was set is answered, so repeat.
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
            stopping.join(0.01)
        self.thread.join()
