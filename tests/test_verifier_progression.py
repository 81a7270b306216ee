"""Progress and `bilan()`: kept in a local JSON file only, and never a reason for a check to fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phare.verifier import bilan, moteur, progression, verifier
from phare.verifier.exercices import carnets, tous


@pytest.fixture(autouse=True)
def _propre(monkeypatch):
    monkeypatch.delenv("PHARE_RESULTATS", raising=False)
    progression.oublier_session()
    moteur.oublier_indices()
    yield
    progression.oublier_session()


def _juste(identifiant):
    return moteur._attendu(tous()[identifiant])


def test_progression_dans_le_fichier_choisi(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    verifier("pluie-jours", 3)
    verifier("pluie-jours", _juste("pluie-jours"))
    verifier("pluie-cumul", 1.0)
    verifier("pluie-mediane", ...)  # a placeholder is not an attempt
    contenu = json.loads(fichier.read_text(encoding="utf-8"))
    assert contenu["exercices"]["pluie-jours"] == {"essais": 2, "reussi": True}
    assert contenu["exercices"]["pluie-cumul"] == {"essais": 1, "reussi": False}
    assert "pluie-mediane" not in contenu["exercices"]

    progression.oublier_session()  # a new session reads the file back
    etat = {ligne.identifiant: ligne.etat for ligne in bilan("resumer-sans-trahir").lignes}
    assert etat == {
        "pluie-cumul": "commencé",
        "pluie-jours": "fait",
        "pluie-mediane": "à faire",
        "pluie-manquantes": "à faire",
    }


def test_un_exercice_reussi_le_reste(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARE_PROGRESSION", str(tmp_path / "p.json"))
    verifier("mer-manquantes", _juste("mer-manquantes"))
    verifier("mer-manquantes", 0)
    assert bilan("graphiques-honnetes").lignes[0].etat == "fait"


def test_dossier_personnel_par_defaut(tmp_path, monkeypatch):
    monkeypatch.delenv("PHARE_PROGRESSION", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    verifier("tableau-lignes", _juste("tableau-lignes"))
    assert (tmp_path / ".phare" / "progression.json").is_file()


def test_dossier_impossible_a_ecrire(tmp_path, monkeypatch):
    bloque = tmp_path / "fichier-ordinaire"
    bloque.write_text("pas un dossier", encoding="utf-8")
    monkeypatch.setenv("PHARE_PROGRESSION", str(bloque / "sous-dossier" / "progression.json"))
    assert verifier("tableau-lignes", _juste("tableau-lignes")).reussi
    assert bilan("lire-un-tableau").lignes[0].etat == "fait", "gardé en mémoire pour la séance"


def test_pas_de_dossier_personnel(monkeypatch):
    monkeypatch.delenv("PHARE_PROGRESSION", raising=False)

    def sans_maison():
        raise RuntimeError("pas de dossier personnel")

    monkeypatch.setattr(Path, "home", staticmethod(sans_maison))
    assert progression.chemin() is None
    assert verifier("tableau-filtre", _juste("tableau-filtre")).reussi
    assert any(ligne.etat == "fait" for ligne in bilan().lignes)


def test_fichier_abime(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    fichier.write_text("{ pas du json", encoding="utf-8")
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    assert bilan().faits == 0
    verifier("pluie-cumul", 2.0)
    assert json.loads(fichier.read_text(encoding="utf-8"))["exercices"]["pluie-cumul"]["essais"] == 1


def test_bilan_de_tous_les_carnets_et_affichage(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARE_PROGRESSION", str(tmp_path / "p.json"))
    tout = bilan()
    assert len(tout.lignes) == sum(len(v) for v in carnets().values())
    assert "0 exercice(s) réussi(s)" in repr(tout)
    html = tout._repr_html_()
    assert "<caption>" in html and '<th scope="col">' in html and "à faire" in html
    assert bilan("carnet-qui-n-existe-pas").carnet is None  # falls back to every notebook


def test_les_resultats_pour_l_enseignant_ne_sortent_que_si_demandes(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARE_PROGRESSION", "")
    resultats = tmp_path / "resultats.jsonl"
    monkeypatch.setenv("PHARE_RESULTATS", str(resultats))
    verifier("pluie-cumul", 1.0)
    ligne = json.loads(resultats.read_text(encoding="utf-8").splitlines()[0])
    assert ligne["identifiant"] == "pluie-cumul" and ligne["statut"] == "faux"
