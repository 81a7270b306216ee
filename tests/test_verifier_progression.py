"""Progress and `bilan()`: kept in a local JSON file only, and never a reason for a check to fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phare.verifier import bilan, moteur, progression, verifier
from phare.verifier.exercices import carnets, tous


@pytest.fixture(autouse=True)
def _propre(monkeypatch):
    monkeypatch.delenv("PHARE_RELEVE", raising=False)
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
    assert contenu["exercices"]["pluie-jours"] == {"essais": 2, "reussi": True, "solution": False}
    assert contenu["exercices"]["pluie-cumul"] == {"essais": 1, "reussi": False, "solution": False}
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


def test_fichier_qui_n_est_pas_du_json(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    fichier.write_text("{ pas du json", encoding="utf-8")
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    vu = bilan()
    assert vu.faits == 0 and any("abîmé" in a for a in vu.avertissements)
    assert [p.read_text(encoding="utf-8") for p in tmp_path.glob("progression.json.abime-*")] == [
        "{ pas du json"
    ]
    verifier("pluie-cumul", 2.0)
    assert json.loads(fichier.read_text(encoding="utf-8"))["exercices"]["pluie-cumul"]["essais"] == 1


def _tout_reussi(fichier: Path) -> None:
    """15 exercises done, written as phare writes them."""
    exercices = {i: {"essais": 2, "reussi": True, "solution": False} for i in tous()}
    fichier.write_text(
        json.dumps({"version": 2, "exercices": exercices}, ensure_ascii=False, indent=1, sort_keys=True),
        encoding="utf-8",
    )


def test_un_octet_abime_ne_perd_pas_la_progression(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    _tout_reussi(fichier)
    octets = bytearray(fichier.read_bytes())
    milieu = octets.index(b"pluie-jours") - 3  # the comma before an entry
    octets[milieu] = ord("#")
    fichier.write_bytes(bytes(octets))
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    resultat = verifier("mer-manquantes", 3)
    assert any("abîmé" in d and "gardé à côté" in d for d in resultat.details), resultat.texte
    faits = bilan().faits
    assert faits >= len(tous()) - 1, f"{faits} exercices réussis retrouvés sur {len(tous())}"
    assert list(tmp_path.glob("progression.json.abime-*")), "le fichier abîmé est gardé"
    assert bilan().avertissements == (), "le message n'est dit qu'une fois"


def test_un_nombre_d_essais_absurde_n_arrete_pas_l_enregistrement(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    fichier.write_text(
        '{"version": 1, "exercices": {"pluie-cumul": {"essais": 1e309, "reussi": true}, '
        '"pluie-jours": {"essais": -4, "reussi": "oui"}, "mer-trous": {"essais": 3, "reussi": false}}}',
        encoding="utf-8",
    )
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    verifier("mer-manquantes", 3)
    verifier("mer-manquantes", 4)
    contenu = json.loads(fichier.read_text(encoding="utf-8"))["exercices"]
    assert contenu["mer-manquantes"]["essais"] == 2, "l'enregistrement continue"
    assert contenu["pluie-cumul"]["reussi"] is True and contenu["mer-trous"]["essais"] == 3
    assert list(tmp_path.glob("progression.json.abime-*"))


def test_une_sauvegarde_de_la_version_precedente(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    verifier("pluie-jours", _juste("pluie-jours"))
    verifier("pluie-cumul", 1.0)
    secours = progression.sauvegarde(fichier)
    assert json.loads(secours.read_text(encoding="utf-8"))["exercices"]["pluie-jours"]["reussi"] is True
    fichier.write_bytes(b"\x00" * 40)  # the main file destroyed (a crash, a full disk)
    progression.oublier_session()
    assert next(ligne for ligne in bilan().lignes if ligne.identifiant == "pluie-jours").etat == "fait"
    fichier.unlink()  # the main file missing: a save cut short between its two renames
    progression.oublier_session()
    assert next(ligne for ligne in bilan().lignes if ligne.identifiant == "pluie-jours").etat == "fait"


def test_une_ecriture_ratee_garde_le_fichier_entier(tmp_path, monkeypatch):
    fichier = tmp_path / "progression.json"
    monkeypatch.setenv("PHARE_PROGRESSION", str(fichier))
    verifier("pluie-jours", _juste("pluie-jours"))
    avant = fichier.read_text(encoding="utf-8")
    vrai_replace = progression.os.replace

    def disque_plein(source, cible):
        if str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        return vrai_replace(source, cible)

    monkeypatch.setattr(progression.os, "replace", disque_plein)
    resultat = verifier("pluie-cumul", 1.0)
    assert fichier.read_text(encoding="utf-8") == avant, "l'ancien fichier est intact"
    assert not list(tmp_path.glob("*.tmp")), "pas de fichier temporaire oublié"
    assert any("enregistrer" in d for d in resultat.details), resultat.texte
    etats = {ligne.identifiant: ligne.etat for ligne in bilan().lignes}
    assert etats["pluie-cumul"] == "commencé", "gardé en mémoire pour la séance"


@pytest.mark.lent
def test_deux_notebooks_ouverts_ne_perdent_pas_leurs_essais(tmp_path):
    fichier = tmp_path / "progression.json"
    script = (
        "import sys\nfrom phare.verifier import verifier\nfor _ in range(25):\n    verifier(sys.argv[1], 3)\n"
    )
    env = {**os.environ, "PHARE_PROGRESSION": str(fichier)}
    env.pop("PHARE_RELEVE", None)
    processus = [
        subprocess.Popen([sys.executable, "-c", script, ident], env=env)
        for ident in ("pluie-cumul", "mer-moyenne")
    ]
    assert [p.wait(timeout=240) for p in processus] == [0, 0]
    contenu = json.loads(fichier.read_text(encoding="utf-8"))["exercices"]
    assert contenu["pluie-cumul"]["essais"] == 25 and contenu["mer-moyenne"]["essais"] == 25


def test_bilan_de_tous_les_carnets_et_affichage(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARE_PROGRESSION", str(tmp_path / "p.json"))
    tout = bilan()
    assert len(tout.lignes) == sum(len(v) for v in carnets().values())
    assert "0 exercice(s) réussi(s)" in repr(tout)
    html = tout._repr_html_()
    assert "<caption>" in html and '<th scope="col">' in html and "à faire" in html
    assert bilan("carnet-qui-n-existe-pas").carnet is None  # falls back to every notebook
