"""A Jupyter kernel's replies are awaited one second at a time (a measured trap of the stack).

jupyter_client's asyncio channel waits for a message with a single zmq `poll` that lasts the whole
timeout (`execute.timeout` of _config.yml, 180 s). On a loaded machine the wake-up of that poll is
sometimes missed (pyzmq's sockets signal readiness by edges; jupyter/nbclient#312, a cell with
ipywidgets): the kernel's reply is already in the socket, and the wait ends only when the timeout
expires, which then finds it. The build then sits idle for 180 s with no error. Measured on
4 December 2026 on the 2-core CI machine: one notebook waited 180 s in each of three clean runs of
`make test`; in a loop under load, 3 runs out of 19 waited the whole timeout.

Waiting in slices of one second keeps the timeout and the result: each slice starts a new poll,
which first looks at the socket itself, so a missed wake-up costs at most a second.
The build applies it (this extension); so do the tests that run kernels with nbclient.
"""

from __future__ import annotations

from queue import Empty
from time import monotonic

from sphinx.util import logging

JOURNAL = logging.getLogger(__name__)
TRANCHE_S = 1.0


async def _recevoir_par_tranches(canal, timeout: float | None = None) -> dict:
    """`AsyncZMQSocketChannel.get_msg`, with the same contract, polling one slice at a time."""
    limite = None if timeout is None else monotonic() + timeout
    while True:
        reste = None if limite is None else max(0.0, limite - monotonic())
        tranche = TRANCHE_S if reste is None else min(TRANCHE_S, reste)
        if await canal.socket.poll(int(tranche * 1000)):
            return await canal._recv()
        if reste is not None and reste <= TRANCHE_S:
            raise Empty


def attendre_par_tranches() -> bool:
    """Put the sliced wait in place (once); False if jupyter_client no longer has what it replaces."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    if getattr(AsyncZMQSocketChannel.get_msg, "__phare__", False):
        return True
    if not hasattr(AsyncZMQSocketChannel, "_recv"):
        return False

    async def get_msg(self, timeout: float | None = None) -> dict:
        return await _recevoir_par_tranches(self, timeout)

    get_msg.__phare__ = True
    get_msg.__doc__ = AsyncZMQSocketChannel.get_msg.__doc__
    AsyncZMQSocketChannel.get_msg = get_msg
    return True


def _poser(app, config) -> None:
    if not attendre_par_tranches():
        JOURNAL.warning(
            "jupyter_client a changé (AsyncZMQSocketChannel._recv absent) : l'attente des réponses "
            "du noyau par tranches d'une seconde n'est pas posée (voir phare.livre.noyau)."
        )


def setup(app):
    app.connect("config-inited", _poser)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
