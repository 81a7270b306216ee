"""La lettre à compléter d'une fiche d'animation, en .odt modifiable fait par LibreOffice Writer."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from phare.construction import lettres
from phare.construction.archives import date_zip

PAGE = """<html><body><main><div class="section">
<div class="phare-distribuer phare-lettre docutils container">
<p><strong>De</strong>&nbsp;: ………………………… (vos prénom et nom)</p>
<p>Madame, Monsieur,<br/>je vous demande une copie de mes données.</p>
<p>Le ……………, à ……………</p>
</div>
<p>Après la lettre.</p>
</div></main></body></html>"""


def _texte_odt(chemin) -> str:
    with zipfile.ZipFile(chemin) as z:
        contenu = z.read("content.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", contenu)


def test_fragment_de_la_lettre_seulement():
    fragment = lettres.fragment_lettre(PAGE)
    assert fragment.startswith("<p><strong>De</strong>")
    assert "Madame, Monsieur,<br/>" in fragment
    assert "Après la lettre" not in fragment and "class=" not in fragment
    assert lettres.fragment_lettre("<p>Pas de lettre ici.</p>") is None


def test_sans_libreoffice_un_message_en_francais(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda nom: None)
    with pytest.raises(lettres.LettreIntrouvable, match="LibreOffice est introuvable"):
        lettres.convertir("<p>x</p>", "Essai", tmp_path / "x.odt")


def test_lettre_odt_par_libreoffice(tmp_path):
    """Writer converts the fragment; the .odt has the text and the blanks, with fixed dates."""
    fragment = lettres.fragment_lettre(PAGE)
    premiere = lettres.convertir(fragment, "Essai", tmp_path / "a" / "lettre.odt")
    seconde = lettres.convertir(fragment, "Essai", tmp_path / "b" / "lettre.odt")
    with zipfile.ZipFile(premiere) as z:
        assert z.namelist()[0] == "mimetype"
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert {i.date_time for i in z.infolist()} == {date_zip()}
    texte = _texte_odt(premiere)
    for attendu in ("De", "………………………… (vos prénom et nom)", "Madame, Monsieur,", "Le ……………, à ……………"):
        assert attendu in texte
    assert "Après la lettre" not in texte
    assert premiere.read_bytes() == seconde.read_bytes(), "deux conversions, le même fichier"
