"""The gzip server of the slow-link measure (phare.construction.serveur.Compresse): text files
compressed as a static host sends them, the others as they are."""

from __future__ import annotations

import gzip
import urllib.request

from phare.construction.serveur import Compresse, serveur_local


def _lire(adresse: str) -> tuple[str | None, bytes]:
    demande = urllib.request.Request(adresse, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(demande) as reponse:
        return reponse.headers.get("Content-Encoding"), reponse.read()


def test_le_texte_est_compresse_les_images_non(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + "bonjour " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(100))
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "index.html").write_text("<p>index</p>", encoding="utf-8")
    with serveur_local(tmp_path, Compresse) as origine:
        codage, corps = _lire(f"{origine}/page.html")
        assert codage == "gzip" and gzip.decompress(corps).startswith(b"<p>bonjour")
        assert _lire(f"{origine}/image.png") == (None, b"\x89PNG" + bytes(100))
        codage, corps = _lire(f"{origine}/dossier/")
        assert gzip.decompress(corps) == b"<p>index</p>"
