"""Les fiches d'animation tiennent leurs promesses de temps : le déroulé minuté additionne ses étapes
jusqu'à la durée de l'atelier annoncée dans la fiche d'identité du module, chaque heure de début suit
l'étape précédente, la variante courte dure 60 minutes, et la partie « Durée » annonce la même durée.

Lu dans les sources (book/*/*-fiche-animation.md), sans construire le livre.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from phare.livre.module import lire_fiche
from phare.livre.publics import minutes

RACINE = Path(__file__).resolve().parents[1]
FICHES = sorted((RACINE / "book").glob("*/*-fiche-animation.md"))
_MINUTES = re.compile(r"^(\d+)\s*min$")


def _partie(texte: str, cle: str) -> str:
    """The text of a part, from its heading to the next heading of level 2."""
    debut = texte.index(f"## {{partie}}`{cle}`")
    suite = re.search(r"^## ", texte[debut + 3 :], re.MULTILINE)
    return texte[debut : debut + 3 + suite.start()] if suite else texte[debut:]


def _lignes(partie: str) -> list[list[str]]:
    """The body rows of the first Markdown table of a part."""
    lignes = [ligne for ligne in partie.splitlines() if ligne.startswith("|")]
    return [[c.strip() for c in ligne.strip("|").split("|")] for ligne in lignes[2:]]


def _duree(cellule: str) -> int:
    trouve = _MINUTES.match(cellule.replace("\u00a0", " ").strip())
    assert trouve, f"durée illisible « {cellule} » (écrivez « 10 min »)"
    return int(trouve[1])


def _module(fiche: Path) -> dict:
    return lire_fiche(fiche.with_name(fiche.name.replace("-fiche-animation", "")))


def test_il_y_a_des_fiches():
    assert len(FICHES) >= 7


def _verifier_le_deroule(fiche: Path) -> None:
    texte = fiche.read_text(encoding="utf-8")
    annonce = _module(fiche)["duree_atelier"]
    etapes = _lignes(_partie(texte, "deroule"))
    total = 0
    for debut, duree, *_ in etapes:
        h, m = debut.split(":")
        assert int(h) * 60 + int(m) == total, f"{fiche.name} : l'étape de {debut} commence à {total} min"
        total += _duree(duree)
    assert total == minutes(annonce), f"{fiche.name} : déroulé de {total} min, fiche d'identité : {annonce}"
    # The part « Durée » says the same, first.
    duree = _partie(texte, "duree").split("\n", 1)[1].strip().replace("\u00a0", " ")
    assert duree.startswith(annonce + ","), f"{fiche.name} : la partie « Durée » ne dit pas {annonce}"


def _verifier_la_variante(fiche: Path) -> None:
    etapes = _lignes(_partie(fiche.read_text(encoding="utf-8"), "variante_courte"))
    assert etapes, f"{fiche.name} : la variante courte n'a pas de tableau"
    assert sum(_duree(e[0]) for e in etapes) == 60, f"{fiche.name} : la variante courte ne dure pas 60 min"


def _verifier_la_preparation(fiche: Path) -> None:
    preparation = _partie(fiche.read_text(encoding="utf-8"), "preparation")
    assert re.search(r"Préparation\s*:\s*\d+\s*minutes", preparation), f"{fiche.name} : temps de préparation"
    cases = [ligne for ligne in preparation.splitlines() if ligne.startswith("- ☐")]
    assert len(cases) >= 3, f"{fiche.name} : la liste à cocher a moins de trois lignes"
    assert any("Imprimer" in c for c in cases), f"{fiche.name} : rien à imprimer ?"


VERIFICATIONS = (_verifier_le_deroule, _verifier_la_variante, _verifier_la_preparation)


@pytest.mark.parametrize("fiche", FICHES, ids=lambda p: p.stem)
def test_le_deroule_additionne_ses_etapes_jusqu_a_la_duree_annoncee(fiche):
    _verifier_le_deroule(fiche)


@pytest.mark.parametrize("fiche", FICHES, ids=lambda p: p.stem)
def test_la_variante_courte_dure_60_minutes(fiche):
    _verifier_la_variante(fiche)


@pytest.mark.parametrize("fiche", FICHES, ids=lambda p: p.stem)
def test_la_preparation_dit_son_temps_et_sa_liste(fiche):
    _verifier_la_preparation(fiche)


def test_la_fiche_neuve_de_phare_nouveau_module_passe_ces_verifications(tmp_path):
    """`phare nouveau-module` writes a sheet that keeps these promises at once (its « À écrire »
    are still there): a minimal project, the real templates, the same checks."""
    from phare.nouveau import creer

    for nom in ("_config.yml", "_toc.yml", "book/_sources.yml", "datasets/arrets-bibus/datapackage.json"):
        (tmp_path / nom).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / nom).write_bytes((RACINE / nom).read_bytes())
    creer("manipuler", "essai-gabarit", jeu="arrets-bibus", racine=tmp_path)
    fiche = tmp_path / "book" / "manipuler" / "essai-gabarit-fiche-animation.md"
    assert "À écrire" in fiche.read_text(encoding="utf-8")
    for verification in VERIFICATIONS:
        verification(fiche)
