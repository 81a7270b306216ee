"""phare.livre.noyau: a kernel's reply is awaited one second at a time, with the same contract."""

from __future__ import annotations

import asyncio
from queue import Empty

import pytest
from jupyter_client.channels import AsyncZMQSocketChannel

from phare.livre.noyau import TRANCHE_S, _recevoir_par_tranches, attendre_par_tranches


class _Socket:
    """A zmq socket whose first polls miss the reply already there (a missed wake-up)."""

    def __init__(self, manques: int, arrive: bool = True):
        self.manques, self.arrive, self.attentes_ms = manques, arrive, []

    async def poll(self, attente_ms):
        self.attentes_ms.append(attente_ms)
        await asyncio.sleep(0)
        if self.manques:
            self.manques -= 1
            return 0
        return int(self.arrive)


class _Canal:
    def __init__(self, socket):
        self.socket = socket

    async def _recv(self):
        return {"msg_type": "execute_reply"}


def test_la_reponse_deja_la_est_lue_a_la_tranche_suivante():
    socket = _Socket(manques=2)
    message = asyncio.run(_recevoir_par_tranches(_Canal(socket), timeout=180))
    assert message == {"msg_type": "execute_reply"}
    # Three polls of one second at most, where jupyter_client made one of 180 s.
    assert socket.attentes_ms == [int(TRANCHE_S * 1000)] * 3


def test_sans_reponse_le_delai_est_tenu():
    socket = _Socket(manques=0, arrive=False)
    with pytest.raises(Empty):
        asyncio.run(_recevoir_par_tranches(_Canal(socket), timeout=0.2))
    assert len(socket.attentes_ms) == 1 and 0 < socket.attentes_ms[0] <= 200  # the time left, one poll
    socket = _Socket(manques=0, arrive=False)
    with pytest.raises(Empty):
        asyncio.run(_recevoir_par_tranches(_Canal(socket), timeout=0))
    assert socket.attentes_ms == [0]


def test_sans_delai_on_attend_par_tranches_jusqu_a_la_reponse():
    socket = _Socket(manques=4)
    assert asyncio.run(_recevoir_par_tranches(_Canal(socket), timeout=None))
    assert socket.attentes_ms == [int(TRANCHE_S * 1000)] * 5


def test_l_attente_est_posee_une_fois_sur_jupyter_client():
    assert attendre_par_tranches()
    remplacee = AsyncZMQSocketChannel.get_msg
    assert remplacee.__phare__
    assert attendre_par_tranches()
    assert AsyncZMQSocketChannel.get_msg is remplacee
