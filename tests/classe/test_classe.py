"""Issue 16: a class of 32 copies, innocent ones and every attack, checked by the real command.

Each attack is contained and named on its own line, every innocent line is right, nothing the pupils
wrote reaches the terminal or the spreadsheet as a command, and no process or temporary folder
remains afterwards (checked by pid). The CSV is then opened in LibreOffice Calc, in French.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from attaques import IDS, MARQUEURS, construire
from suivi import processus_marques, vivant

from phare.verifier.correction import propre

pytestmark = pytest.mark.lent

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXTE = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _noms() -> list[str]:
    with tempfile.TemporaryDirectory() as dossier:
        base = Path(dossier)
        return sorted(construire(base, base / "eve.ipynb", base, base / "bilan.csv"))


NOMS = _noms()
INNOCENTS = {"alice.ipynb", "bruno.ipynb", "chloe.ipynb", "dina.ipynb", "eve.ipynb", "fanny.ipynb",
             "gaston.ipynb", "=1+1.ipynb", "enorme.ipynb"}  # fmt: skip
NON_EXECUTEES = {"@json-abime.ipynb", "-2+3.ipynb", "autre-serie.ipynb", "sans-carnet.ipynb",
                 "metadonnee-formule.ipynb"}  # fmt: skip


def _bloc(sortie: str, nom: str) -> str:
    """The report's lines about one copy."""
    return next(
        b
        for b in sortie.split("\nCopie ")
        if b.startswith(propre(nom) + " ") or b.startswith(propre(nom) + "\n")
    )


def test_un_rapport_complet_sans_trace_d_erreur(classe_verifiee):
    sortie = classe_verifiee["stdout"] + classe_verifiee["stderr"]
    assert classe_verifiee["code"] == 1, sortie[-3000:]
    assert "Traceback" not in sortie
    assert set(classe_verifiee["csv"]) == {propre(n) for n in NOMS}, "une ligne par copie, aucune perdue"
    premiere = next(iter(classe_verifiee["csv"].values()))
    assert [c for c in premiere if c in IDS] == IDS, "une colonne par exercice"
    assert list(premiere)[-5:] == [
        "solutions consultées",
        "à examiner",
        "problèmes",
        "durée (s)",
        "isolement",
    ]
    print(f"\nClasse de {len(NOMS)} copies vérifiée en {classe_verifiee['duree']:.0f} s")


@pytest.mark.parametrize("nom", NOMS)
def test_chaque_copie_sur_sa_propre_ligne(classe_verifiee, nom):
    attendu = classe_verifiee["attendus"][nom]
    ligne = classe_verifiee["csv"][propre(nom)]
    contexte = f"{nom} : {ligne}"
    assert ligne["état"] == attendu.etat, contexte
    for ident, statut in attendu.exercices.items():
        assert ligne[ident] == statut, f"{ident} — {contexte}"
    for mot in attendu.problemes:
        assert mot in ligne["problèmes"], f"« {mot} » — {contexte}"
    for mot in attendu.a_examiner:
        assert mot in ligne["à examiner"], f"« {mot} » — {contexte}"
    assert ligne["solutions consultées"] == attendu.solutions, contexte
    assert ligne["isolement"] == "isolée"
    if nom in INNOCENTS:
        assert ligne["à examiner"] == "" and ligne["problèmes"] == "", "aucun soupçon sur une copie innocente"
    if nom not in NON_EXECUTEES:
        assert re.fullmatch(r"\d+,\d", ligne["durée (s)"]), contexte
        assert ligne["total"] == str(len(IDS))


def test_aucun_processus_ne_reste(classe_verifiee):
    vus = classe_verifiee["pids"]
    assert {m for m in MARQUEURS if any(m in ligne for ligne in vus.values())} == set(MARQUEURS), (
        "les attaques ont bien lancé leurs processus en arrière-plan"
    )
    restants = {pid: ligne for pid, ligne in vus.items() if vivant(pid)}
    assert not restants, f"processus encore vivants après la vérification : {restants}"
    assert not processus_marques(MARQUEURS)
    temporaire = str(classe_verifiee["temporaire"])
    assert not processus_marques((temporaire,)), "plus aucun bac à sable de cette vérification"


def test_aucun_dossier_temporaire_ne_reste(classe_verifiee):
    assert list(classe_verifiee["temporaire"].iterdir()) == []


def test_aucune_copie_ne_touche_aux_autres_ni_a_la_machine(classe_verifiee):
    assert classe_verifiee["eve"].read_bytes() == classe_verifiee["empreinte_eve"], (
        "la copie d'Eve est intacte"
    )
    assert list(classe_verifiee["dehors"].iterdir()) == [], "rien n'a été écrit hors des dossiers des copies"
    assert not Path("/usr/local/pirate").exists() and not Path("/usr/pirate.txt").exists()
    assert classe_verifiee["cible_du_lien"].read_text(encoding="utf-8") == "à garder"
    assert classe_verifiee["bilan"].is_file() and not classe_verifiee["bilan"].is_symlink(), (
        "un lien planté à la place du CSV est remplacé, pas suivi"
    )
    assert not (classe_verifiee["base"] / "progression-enseignant.json").exists()
    noms = sorted(p.name for p in classe_verifiee["dossier"].iterdir())
    assert noms == sorted(NOMS), "aucune copie effacée, aucune ajoutée"


def test_le_terminal_et_le_csv_ne_recoivent_rien_de_dangereux(classe_verifiee):
    sortie = classe_verifiee["stdout"] + classe_verifiee["stderr"]
    brut = classe_verifiee["csv_brut"].decode("utf-8-sig")
    controles = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert not controles.search(sortie), "aucun caractère de contrôle dans le terminal"
    assert not controles.search(brut.replace("\r\n", "\n")), "aucun caractère de contrôle dans le CSV"
    assert classe_verifiee["secret"] not in sortie + brut, "aucune variable de l'enseignant·e ne sort"
    bloc = _bloc(classe_verifiee["stdout"], "\x1b[32mzoé.ipynb")
    assert "réussi" not in bloc.replace("0 exercice(s) réussi(s)", ""), bloc
    for ligne in classe_verifiee["csv"].values():
        for valeur in ligne.values():
            assert not valeur.startswith(("=", "+", "-", "@")), f"cellule non neutralisée : {valeur}"
    assert "'=1+1.ipynb" in brut and "'@json-abime.ipynb" in brut and "'-2+3.ipynb" in brut
    assert "HYPERLINK" not in brut, "la métadonnée d'une copie inconnue n'est pas recopiée"


def test_les_innocents_ont_leurs_indices(classe_verifiee):
    bloc = _bloc(classe_verifiee["stdout"], "bruno.ipynb")
    assert "au moins 1 mm" in bloc and "moyenne" in bloc
    assert "Bilan\u00a0: 1 exercice(s) réussi(s) sur 4." in bloc
    assert "État\u00a0: exécutée sans problème." in _bloc(classe_verifiee["stdout"], "alice.ipynb")


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        return soffice
    if os.environ.get("CI"):
        pytest.fail("LibreOffice est absent alors que la CI l'exige : lancez bash .ci/systeme.")
    pytest.skip("LibreOffice Calc est absent : installez-le avec « bash .ci/systeme ».")


def test_le_csv_s_ouvre_proprement_dans_libreoffice_en_francais(classe_verifiee, tmp_path):
    """Calc, in French, with « Évaluer les formules » on (the worst case): not one formula, not one link."""
    soffice = _soffice()
    entree = tmp_path / "bilan.csv"
    entree.write_bytes(classe_verifiee["csv_brut"])
    env = dict(os.environ, LANG="fr_FR.UTF-8", LC_ALL="fr_FR.UTF-8", LANGUAGE="fr")
    profil = tmp_path / "profil"
    # « ; » separator, « " » quotes, UTF-8, from line 1, French, special numbers detected, evaluate formulas.
    filtre = "CSV:59,34,76,1,,1036,false,true,false,false,false,true"
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={profil.as_uri()}", "--headless", f"--infilter={filtre}",
         "--convert-to", "ods", "--outdir", str(tmp_path / "sortie"), str(entree)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    ods = tmp_path / "sortie" / "bilan.ods"
    assert ods.is_file(), proc.stdout + proc.stderr
    racine = ElementTree.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    cellules = list(racine.iter(f"{{{TABLE}}}table-cell"))
    assert not [c for c in cellules if f"{{{TABLE}}}formula" in c.attrib], "une cellule évaluée comme formule"
    assert not list(racine.iter(f"{{{TEXTE}}}a")), "une cellule est devenue un lien"
    textes = {"".join(p.itertext()) for c in cellules for p in c.iter(f"{{{TEXTE}}}p")}
    assert {"'=1+1.ipynb", "'@json-abime.ipynb", "'-2+3.ipynb"} <= textes, "affichés tels quels, en texte"
    assert "exécutée sans problème" in textes and "mémoire dépassée (1\u00a0Go)" in textes, (
        "UTF-8 lu comme tel"
    )
    durees = [c for c in cellules if c.get(f"{{{OFFICE}}}value-type") == "float"]
    assert len(durees) >= 2 * (len(NOMS) - len(NON_EXECUTEES)), "réussis, total et durées sont des nombres"
