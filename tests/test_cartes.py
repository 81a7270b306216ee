"""phare.cartes: classes computed without mapclassify, areas in Lambert-93, maps that say their
source, and notebooks of maps that run where Pyodide runs (no pyogrio, no mapclassify)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from phare import cartes

RACINE = Path(__file__).resolve().parents[1]
CARNETS = ["notebooks/cartographier-brest.ipynb", "exercises/cartographier-brest.ipynb"]


@pytest.fixture(autouse=True)
def _donnees_du_depot(monkeypatch):
    monkeypatch.setenv("PHARE_DONNEES", str(RACINE / "datasets"))


def test_intervalles_egaux_et_quantiles():
    v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
    assert cartes.limites_egales(v, 3) == pytest.approx([1, 34, 67, 100])
    assert cartes.limites_quantiles(v, 2) == pytest.approx([1, 5.5, 100])  # pandas' linear quantile
    assert cartes.effectifs_par_classe(v, cartes.limites_egales(v, 3)) == [9, 0, 1]
    assert cartes.effectifs_par_classe(v, cartes.limites_quantiles(v, 2)) == [5, 5]


def test_une_valeur_sur_une_limite_va_dans_la_classe_du_dessous():
    limites = [0, 10, 20]
    assert list(cartes.classer([0, 10, 10.01, 20], limites)) == [1, 1, 2, 2]


def test_colonne_vide_message_en_francais():
    with pytest.raises(ValueError, match="Aucune valeur numérique"):
        cartes.limites_egales([None, None])


def test_libelles_a_la_francaise():
    assert cartes.libelles_classes([47.47, 53.76]) == ["de 47,5 à 53,8\u00a0%"]


def test_surface_de_brest_en_lambert_93():
    from phare.donnees import charger

    communes = charger("contours-communes-finistere")
    brest = communes[communes["code_insee"] == "29019"]
    surface = cartes.surfaces_km2(brest).iloc[0]
    assert 45 < surface < 55
    assert cartes.projeter(brest).crs.to_epsg() == 2154


def test_la_source_d_une_carte_electorale_nomme_le_depot_d_un_parti():
    assert "parti politique" in cartes.source_carte("bureaux-vote-brest")
    assert "copie faite par un tiers" in cartes.source_carte("contours-communes-finistere")


def test_une_carte_affichee_porte_son_texte_alternatif():
    from phare.graphiques import figure

    fig, ax = figure(3, 3, nombres="")
    ax.plot([0, 1000], [0, 1000])
    cartes.habiller(fig, ax, "bureaux-vote-brest")
    html = cartes.afficher(fig, "Carte « essai » & test", "Légende").data
    assert 'alt="Carte «\u00a0essai\u00a0» &amp; test"' in html and "data:image/png;base64," in html


def test_couleurs_sequentielles_de_la_palette():
    from phare.interface import couleurs

    assert cartes.COULEURS_CLASSES == [couleurs()[f"cartes.classe-{i}"] for i in range(1, 6)]
    clartes = [np.mean([int(c[i:i + 2], 16) for i in (1, 3, 5)]) for c in cartes.COULEURS_CLASSES]
    assert clartes == sorted(clartes, reverse=True), "du clair au foncé"


@pytest.mark.parametrize("carnet", CARNETS)
def test_les_carnets_de_cartes_tournent_sans_pyogrio_ni_mapclassify(carnet, monkeypatch):
    """Pyodide 314.0.6 ships geopandas and shapely, not pyogrio nor mapclassify."""
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.setitem(sys.modules, "pyogrio", None)
    monkeypatch.setitem(sys.modules, "mapclassify", None)
    espace: dict = {}
    for cellule in json.loads((RACINE / carnet).read_text(encoding="utf-8"))["cells"]:
        if cellule["cell_type"] == "code":
            exec(compile("".join(cellule["source"]), carnet, "exec"), espace)  # noqa: S102
