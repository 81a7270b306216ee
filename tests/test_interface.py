"""One home for every label and every colour (src/phare/interface): nobody writes them elsewhere.

A relabel or a palette change must be a one-file edit. So, in every file of the repository:
- no hexadecimal colour but in palette.toml;
- no interface label of the table (a label of 12 characters or more, with a space) but in
  libelles.toml. The prose of the pages names a button or a part with a substitution,
  {{ libelles.quiz.effacer }}; the code with `libelle("quiz.effacer")`.
README.md and CONTRIBUTING.md, written for people outside the site, may quote the labels.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from phare import graphiques
from phare.interface import couleur, couleurs, css_variables, libelle, libelle_compte, libelles

RACINE = Path(__file__).resolve().parents[1]
INTERFACE = Path("src/phare/interface")
EXTENSIONS = {
    ".py", ".js", ".css", ".html", ".md", ".ipynb", ".yml", ".yaml", ".toml", ".svg", ".txt", ".gabarit"
}
HORS_CONTROLE = {"README.md", "CONTRIBUTING.md", "tests/test_interface.py"}
# Sections of words rather than labels: the prose must use them as they are (« nombre décimal »
# in the lexicon is the type word of decrire, of the catalogue and of « Explorer un fichier »).
MOTS_DU_VOCABULAIRE = {"types"}
# A colour: #rgb, #rrggbb or #rrggbbaa, not part of a word, an address or an entity (&#123;).
COULEUR_HEX = re.compile(r"(?<![\w&/=%-])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _fichiers() -> list[Path]:
    sortie = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=RACINE, capture_output=True, text=True, check=True,
    ).stdout
    return sorted(
        Path(nom) for nom in sortie.split("\0")
        if nom and Path(nom).suffix in EXTENSIONS and not nom.startswith("datasets/")
        and nom not in HORS_CONTROLE and (RACINE / nom).is_file()
    )


FICHIERS = _fichiers()


def _libelles_controles() -> set[str]:
    """The labels long enough to be recognised without doubt (the longest literal part of each)."""
    trouves = set()
    for nom_section, section in libelles().items():
        if nom_section in MOTS_DU_VOCABULAIRE:
            continue
        for valeur in section.values():
            for texte in valeur if isinstance(valeur, list) else [valeur]:
                morceau = max(re.split(r"\{[a-z_]+\}", texte), key=len).strip(" :\u00a0;,.")
                if len(morceau) >= 12 and " " in morceau:
                    trouves.add(morceau)
    return trouves


def test_aucune_couleur_hors_de_la_palette():
    fautes = [
        f"{f} : {m.group(0)}"
        for f in FICHIERS
        if f != INTERFACE / "palette.toml"
        for m in COULEUR_HEX.finditer((RACINE / f).read_text(encoding="utf-8", errors="replace"))
    ]
    assert not fautes, "couleurs écrites hors de src/phare/interface/palette.toml :\n" + "\n".join(fautes)


def test_aucun_libelle_hors_de_la_table():
    controles = _libelles_controles()
    assert len(controles) > 40, "trop peu de libellés contrôlés : la règle ne dit plus rien"
    fautes = []
    for f in FICHIERS:
        if f == INTERFACE / "libelles.toml":
            continue
        texte = (RACINE / f).read_text(encoding="utf-8", errors="replace")
        fautes += [f"{f} : « {libelle_} »" for libelle_ in sorted(controles) if libelle_ in texte]
    assert not fautes, (
        "libellés recopiés hors de src/phare/interface/libelles.toml (utilisez libelle(\"…\") dans le code, "
        "{{ libelles.section.cle }} dans les pages) :\n" + "\n".join(fautes)
    )


def test_le_bloc_root_porte_chaque_couleur():
    css = css_variables()
    assert css.count(":root {") == 1
    for cle, valeur in couleurs().items():
        assert valeur in css, cle
    assert "--pst-color-primary: var(--phare-primaire);" in css, "la couleur du thème n'est pas remplacée"


def test_les_graphiques_prennent_la_couleur_primaire_du_site():
    assert graphiques.COULEURS["bleu"] == couleur("site.primaire")
    assert graphiques.PALETTE[0] == couleur("site.primaire")


@pytest.mark.parametrize("cle", ["quiz.inconnu", "inconnue.cle", "sansPoint"])
def test_un_libelle_inconnu_est_dit_en_francais(cle):
    with pytest.raises(KeyError, match="libellé inconnu"):
        libelle(cle)


def test_les_gabarits_remplissent_les_valeurs():
    assert libelle("quiz.numero", numero=2, total=8) == "Question 2 sur 8\u00a0:"


def test_un_libelle_compte_prend_la_forme_de_son_nombre():
    # The rule of the pages (phare-stockage.js): form n, the last one from there, {n} filled.
    formes = libelle("session.efface_quiz")
    assert libelle_compte("session.efface_quiz", 0) == formes[0]
    assert libelle_compte("session.efface_quiz", 1) == formes[1]
    assert libelle_compte("session.efface_quiz", 7) == formes[2].replace("{n}", "7")
    with pytest.raises(KeyError, match="liste de formes"):
        libelle_compte("quiz.valider", 2)
