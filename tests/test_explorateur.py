"""« Explorer un fichier », without a browser: the vendored PapaParse, the example files, the words.

The browser tests are in tests/navigateur/test_explorer.py; the 50 MB timing is in `make bench`.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from phare.interface import libelles, type_en_francais
from phare.livre import explorer

RACINE = Path(__file__).resolve().parents[1]
DATASETS = RACINE / "datasets"


def test_papaparse_est_la_copie_epinglee_avec_sa_licence():
    assert explorer.empreinte_papaparse() == explorer.SHA256_PAPAPARSE, (
        "static/papaparse/papaparse.min.js a changé : recopiez-le depuis `npm pack papaparse@"
        f"{explorer.PAPAPARSE['version']}` et mettez à jour SHA256_PAPAPARSE"
    )
    entete = (explorer.DOSSIER_PAPAPARSE / "papaparse.min.js").read_text(encoding="utf-8")[:200]
    assert f"v{explorer.PAPAPARSE['version']}" in entete
    assert "MIT License" in (explorer.DOSSIER_PAPAPARSE / "LICENSE").read_text(encoding="utf-8")


def test_papaparse_seulement_sur_la_page_qui_s_en_sert():
    # The worker loads PapaParse itself; no other script of the site names it.
    statique = explorer.DOSSIER_PAPAPARSE.parent
    noms = [f.name for f in statique.glob("*.js") if "papaparse" in f.read_text(encoding="utf-8")]
    assert noms == ["phare-explorer-ouvrier.js"]


def test_l_exemple_latin1_est_fait_depuis_son_jeu_sans_changer_une_valeur():
    jeu, fichier = explorer.SOURCE_LATIN1
    source = (DATASETS / jeu / fichier).read_bytes()
    fait = explorer.fichier_latin1(source)
    assert b"\r\n" in fait and b";" in fait
    fait.decode("cp1252")
    try:
        fait.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("l'exemple doit contenir des lettres accentuées en Windows-1252")
    lu = pd.read_csv(io.BytesIO(fait), sep=";", decimal=",", encoding="cp1252")
    attendu = pd.read_csv(io.BytesIO(source))
    pd.testing.assert_frame_equal(lu, attendu)


def test_les_exemples_viennent_de_datasets():
    liste = explorer.exemples(DATASETS)
    noms = [nom for nom, _, _ in liste]
    assert explorer.NOM_LATIN1 in noms and len(noms) == len(explorer.EXEMPLES) + 1
    for (jeu, fichier), (nom, contenu, _) in zip(explorer.EXEMPLES, liste, strict=False):
        assert nom == fichier and contenu == (DATASETS / jeu / fichier).read_bytes()
    # Each example is a CSV that Python's csv module reads with one length of line.
    for _, contenu, _ in liste:
        texte = contenu.decode("utf-8" if b"\r\n" not in contenu else "cp1252")
        lignes = list(csv.reader(io.StringIO(texte), delimiter=";" if ";" in texte.splitlines()[0] else ","))
        assert len({len(ligne) for ligne in lignes}) == 1


def test_les_mots_des_types_sont_ceux_de_decrire():
    mots = explorer.mots()
    assert mots["types"] == libelles()["types"]
    for type_ in ("integer", "number", "string", "date", "datetime", "boolean"):
        assert type_en_francais(type_) == mots["types"][type_]
    # Every word the scripts ask for exists in the table.
    js = (explorer.DOSSIER_PAPAPARSE.parent / "phare-explorer.js").read_text(encoding="utf-8")
    import re

    demandes = set(re.findall(r'mot\("([a-z_0-9]+)"', js)) | set(re.findall(r'"(erreur_[a-z0-9_]+)"', js))
    manquants = sorted(c for c in demandes if c not in mots)
    assert not manquants, manquants


def test_le_bloc_dit_la_limite_et_que_rien_n_est_envoye():
    texte = explorer.bloc_html("../", [("a.csv", 1200, "un exemple")])
    assert explorer.texte_limite() == "200\u00a0Mo"
    assert f'data-limite="{explorer.LIMITE}"' in texte
    assert libelles()["explorer"]["rien_envoye"] in texte
    donnees = texte.split('data-libelles="', 1)[1].split('"', 1)[0]
    import html

    assert json.loads(html.unescape(donnees))["types"]["number"] == type_en_francais("number")
