"""Le parcours « sans programmer » donne les mêmes nombres que le parcours « avec Python ».

Pour chaque module du parcours « Manipuler », LibreOffice Calc (sans interface, en français)
ouvre le vrai fichier CSV avec les réglages que la page indique, reçoit les formules que la page
fait taper (lues dans book/manipuler/tableur/*.yml, la même source que la page), recalcule,
exporte, et le test compare chaque résultat avec pandas.

En CI (variable CI définie), LibreOffice est obligatoire : .ci/systeme l'installe.
Ailleurs, le test est sauté avec une raison visible s'il manque.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from phare.construction.libreoffice import DELAI, commande, environnement_francais
from phare.tableur import csv_avec_formules, indice, lire_feuille, options_import

RACINE = Path(__file__).resolve().parents[1]
FICHIERS = sorted(RACINE.glob("book/*/tableur/*.yml"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1036,true,false,false,false,false,-1"


def _exiger_libreoffice() -> str:
    if SOFFICE:
        return SOFFICE
    if os.environ.get("CI"):
        pytest.fail("LibreOffice est absent alors que la CI l'exige : lancez bash .ci/systeme.")
    pytest.skip("LibreOffice Calc est absent : installez-le avec « bash .ci/systeme » "
                "(paquets Debian libreoffice-calc-nogui et libreoffice-l10n-fr) pour ce test.")


def _nombre(texte: str) -> float:
    """Lire un nombre écrit par Calc en français : « 1 234,5 »."""
    return float(texte.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", "."))


@pytest.fixture(scope="module")
def profil(tmp_path_factory) -> Path:
    """Un profil LibreOffice neuf, partagé par les trois modules : le créer prend quelques secondes."""
    return tmp_path_factory.mktemp("profil-libreoffice")


def _calculer(soffice: str, entree: Path, filtre: str, dossier: Path, profil: Path) -> list[list[str]]:
    # In French (phare.construction.libreoffice): Calc then reads MOYENNE, NB.SI… and the ;
    proc = subprocess.run(commande(soffice, profil, EXPORT, dossier / "sortie", [entree], filtre),
                          env=environnement_francais(), capture_output=True, text=True, timeout=DELAI)
    exports = sorted((dossier / "sortie").glob("*.csv"))
    assert exports, f"LibreOffice n'a rien exporté :\n{proc.stdout}\n{proc.stderr}"
    with open(exports[0], encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.stem)
def test_le_tableur_donne_les_memes_nombres_que_pandas(fichier, tmp_path, profil):
    soffice = _exiger_libreoffice()
    feuille = lire_feuille(fichier)
    assert feuille.formules(), f"{fichier.name} ne fait taper aucune formule"
    entree = tmp_path / feuille.chemin_csv.name
    positions = csv_avec_formules(feuille, entree)
    resultat = _calculer(soffice, entree, options_import(feuille), tmp_path, profil)
    df = feuille.tableau()
    ecarts = []
    for etape in feuille.formules():
        ligne, col = positions[etape.cellule]
        brut = resultat[ligne][col]
        attendu = feuille.attendu(etape, df)
        try:
            obtenu = _nombre(brut)
        except ValueError:
            ecarts.append(f"{etape.cellule} {etape.formule} : Calc affiche « {brut} », "
                          f"pandas donne {attendu} (#NOM ? = nom de fonction inconnu en français)")
            continue
        if obtenu != pytest.approx(attendu, rel=1e-9, abs=1e-9):
            ecarts.append(f"{etape.cellule} {etape.formule} : Calc {obtenu}, pandas {attendu}")
    assert not ecarts, "Le tableur et pandas ne donnent pas les mêmes nombres :\n" + "\n".join(ecarts)


# --- Without LibreOffice: the single source itself ------------------------------------------


def test_lettres_de_colonnes():
    from phare.tableur import lettre

    assert [lettre(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]
    assert all(indice(lettre(i)) == i for i in range(800))


def test_gabarits_remplaces_par_les_vraies_plages():
    from phare.tableur import developper

    colonnes = ["annee", "niveau_mm"]
    lignes = [["1899", "1"], ["1900", "2"], ["1901", ""]]
    assert developper("=MOYENNE({plage:niveau_mm})", colonnes, lignes) == "=MOYENNE(B2:B4)"
    assert developper("{col:annee}{ligne:annee=1900}:{col:annee}{derniere}", colonnes, lignes) == "A3:A4"
    with pytest.raises(KeyError):
        developper("{plage:inconnue}", colonnes, lignes)


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.stem)
def test_chaque_formule_a_sa_valeur_pandas(fichier):
    """Each formula of a page has its pandas twin, which gives a finite number (shown on the page)."""
    feuille = lire_feuille(fichier)
    df = feuille.tableau()
    for etape in feuille.formules():
        assert etape.pandas, f"{etape.cellule} : formule sans expression pandas"
        assert etape.formule.startswith("="), etape.formule
        assert "{" not in etape.formule, f"gabarit non remplacé : {etape.formule}"
        valeur = feuille.attendu(etape, df)
        assert valeur == valeur and abs(valeur) != float("inf"), f"{etape.cellule} : {valeur}"
