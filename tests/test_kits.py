"""Kits des modules, sans le site construit : pages pour les publics, champ manquant, zips reproductibles.

Les tests sur les vrais PDF et paquets du site sont dans tests/navigateur/test_fiches_et_paquets.py.
Ici, de tout petits livres construits dans un dossier temporaire prouvent le comportement des
extensions avec 0, 1 ou 2 modules, et qu'un champ manquant arrête la construction.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from phare.construction import archives, impression, kits, paquets
from phare.interface import libelle
from phare.livre import publics

RACINE = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")

CONFIG = {
    "title": "Livre d'essai",
    "only_build_toc_files": True,
    "execute": {"execute_notebooks": "off"},
    "exclude_patterns": ["_build"],
    "sphinx": {
        "extra_extensions": [
            "phare.livre.module",
            "phare.livre.quiz",
            "phare.livre.kits",
            "phare.livre.publics",
        ],
        "config": {"language": "fr", "myst_enable_extensions": ["colon_fence"]},
    },
}
# Two modules whose front matter follows CONTRIBUTING.md (« Gabarit d'un module »); the datasets are real.
FICHES = {
    "premier": {
        "parcours": "comprendre",
        "ordre": 1,
        "duree_autonomie": "30 min",
        "duree_atelier": "1 h 30",
        "niveau": "découverte",
        "publics": ["grand public", "collège"],
        "taille_groupe": {"min": 6, "max": 15},
        "materiel": ["cartes imprimées"],
        "prerequis": [],
        "competences_crcn": [{"code": "1.2", "intitule": "Gérer des données"}],
        "theme_snt": "Les données structurées et leur traitement",
        "jeux_de_donnees": ["niveau-marin-brest-annuel"],
        "fiche_animation": "premier-fiche-animation",
        "resume": "un premier module",
        "activite": "des cartes",
    },
    "second": {
        "parcours": "manipuler",
        "ordre": 1,
        "duree_autonomie": "1 h",
        "duree_atelier": "2 h",
        "niveau": "initiation",
        "publics": ["lycée"],
        "taille_groupe": {"min": 4, "max": 10},
        "materiel": ["un ordinateur pour deux"],
        "prerequis": ["savoir ouvrir un tableur"],
        "competences_crcn": [{"code": "1.3", "intitule": "Traiter des données"}],
        "jeux_de_donnees": ["communes-finistere"],
        "fiche_animation": "second-fiche-animation",
        "resume": "un second module",
        "activite": "un tableau vivant",
    },
}
TITRES = {"premier": "Premier module d'essai", "second": "Second module d'essai"}


def _livre(dossier: Path, fiches: dict[str, dict]) -> Path:
    """A tiny book: home page, the two audience pages, and one page + facilitator sheet per module."""
    (dossier / "book").mkdir(parents=True)
    (dossier / "_config.yml").write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    chapitres = [{"file": "book/enseignants"}, {"file": "book/mediateurs"}]
    (dossier / "book" / "index.md").write_text("# Accueil\n\nUn livre d'essai.\n", encoding="utf-8")
    (dossier / "book" / "enseignants.md").write_text(
        "# Pour les enseignant·es\n\n```{tableau-modules}\n:public: enseignants\n```\n", encoding="utf-8"
    )
    (dossier / "book" / "mediateurs.md").write_text(
        "# Pour les médiateur·rices\n\n```{tableau-modules}\n:public: mediateurs\n```\n\n"
        "## Cycle\n\n```{cycle-ateliers}\n```\n",
        encoding="utf-8",
    )
    for nom, fiche in fiches.items():
        entete = yaml.safe_dump({"phare": fiche}, allow_unicode=True)
        (dossier / "book" / f"{nom}.md").write_text(
            f"---\n{entete}---\n\n# {TITRES[nom]}\n\n## Objectifs\n\n- lire.\n",
            encoding="utf-8",
        )
        (dossier / "book" / f"{nom}-fiche-animation.md").write_text(
            f"# Animer {TITRES[nom]}\n\n## Sans ordinateur\n\nDes cartes.\n",
            encoding="utf-8",
        )
        chapitres.append({"file": f"book/{nom}", "sections": [{"file": f"book/{nom}-fiche-animation"}]})
    toc = {"format": "jb-book", "root": "book/index", "chapters": chapitres}
    (dossier / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True), encoding="utf-8")
    return dossier


def _construire(livre: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [JUPYTER_BOOK, "build", "--all", "-W", "--keep-going", str(livre)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _apostrophes_droites(texte: str) -> str:
    """Smartquotes curls the apostrophes of the pages' prose, not those of the test's data."""
    return texte.replace("\u2019", "'")


def _texte(chemin: Path) -> str:
    return _apostrophes_droites(chemin.read_text(encoding="utf-8"))


def test_pages_des_publics_listent_chaque_module(tmp_path):
    livre = _livre(tmp_path / "livre", FICHES)
    proc = _construire(livre)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = livre / "_build" / "html" / "book"
    enseignants = _texte(html / "enseignants.html")
    mediateurs = _texte(html / "mediateurs.html")
    for nom, titre in TITRES.items():
        fiche = FICHES[nom]
        assert titre in enseignants and titre in mediateurs
        assert f'href="{nom}.html"' in enseignants, "le tableau renvoie vers la page du module"
        assert fiche["competences_crcn"][0]["intitule"] in enseignants
        assert fiche["materiel"][0] in enseignants and fiche["materiel"][0] in mediateurs
        assert f"{fiche['taille_groupe']['min']} à {fiche['taille_groupe']['max']} personnes" in mediateurs
        assert f"../kits/phare-{nom}.zip" in enseignants
        assert f"../kits/{nom}/phare-{nom}-fiche-participant.pdf" in mediateurs
        # The module page and its facilitator sheet link their kit.
        module = _texte(html / f"{nom}.html")
        assert "phare-telecharger" in module and f"../kits/{nom}/phare-{nom}-cartes.pdf" in module
        assert f"../kits/phare-{nom}.zip" in _texte(html / f"{nom}-fiche-animation.html")
    assert "Les données structurées et leur traitement" in enseignants
    assert "Séance 1" in mediateurs and "Séance 2" in mediateurs
    # The manifest read by the printer lists both modules, in parcours order.
    manifeste = json.loads((livre / "_build" / "kits" / "modules.json").read_text(encoding="utf-8"))
    assert [m["nom"] for m in manifeste["modules"]] == ["premier", "second"]
    assert manifeste["modules"][0]["animation"]["page"] == "book/premier-fiche-animation"


def test_sans_module_les_pages_se_construisent(tmp_path):
    livre = _livre(tmp_path / "livre", {})
    proc = _construire(livre)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert _apostrophes_droites(libelle("publics.aucun_module")) in _texte(
        livre / "_build" / "html" / "book" / "enseignants.html"
    )
    site = livre / "_build" / "html"
    assert kits.main([str(site)]) == 0
    assert not (site / "kits").exists()


def test_un_champ_manquant_arrete_la_construction(tmp_path):
    fiche = {k: v for k, v in FICHES["premier"].items() if k != "niveau"}
    livre = _livre(tmp_path / "livre", {"premier": fiche})
    proc = _construire(livre)
    sortie = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "book/premier.md : le champ « niveau » manque" in sortie, sortie[-3000:]
    assert not (livre / "_build" / "kits" / "modules.json").exists()


def test_zip_reproductible(tmp_path):
    contenus = {"b/deux.txt": b"2", "LISEZMOI.md": "é".encode(), "a/un.txt": b"1"}
    premier, second = tmp_path / "1.zip", tmp_path / "2.zip"
    archives.ecrire_zip(premier, contenus, dossier="phare-essai")
    archives.ecrire_zip(second, dict(reversed(list(contenus.items()))), dossier="phare-essai")
    assert premier.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(premier) as zf:
        noms = zf.namelist()
        assert noms == sorted(noms)
        assert {i.date_time for i in zf.infolist()} == {archives.date_zip()}


def test_un_zip_deja_identique_n_est_pas_recompresse(tmp_path):
    chemin = tmp_path / "paquet.zip"
    archives.ecrire_zip(chemin, {"a.txt": b"1"})
    avant = chemin.stat().st_mtime_ns
    os.utime(chemin, ns=(avant - 10**9, avant - 10**9))
    archives.ecrire_zip(chemin, {"a.txt": b"1"})
    assert chemin.stat().st_mtime_ns == avant - 10**9, "mêmes fichiers : le zip reste tel quel"
    archives.ecrire_zip(chemin, {"a.txt": b"2"})
    with zipfile.ZipFile(chemin) as zf:
        assert zf.read("a.txt") == b"2"


def test_pdf_independant_du_moment_et_du_navigateur(tmp_path):
    chemin = tmp_path / "f.pdf"
    chemin.write_bytes(
        b"<< /CreationDate (D:20261128173000+00'00') /ModDate (D:20261128173001+00'00') >>"
        b" /ID (node00001474) /Headers [(node00001474)] /ID (node00001480)"
    )
    impression.figer_dates(chemin, 1767225600)
    assert chemin.read_bytes() == (
        b"<< /CreationDate (D:20260101000000+00'00') /ModDate (D:20260101000000+00'00') >>"
        b" /ID (node00000001) /Headers [(node00000001)] /ID (node00000002)"
    )


@pytest.mark.parametrize(("duree", "attendu"), [("45 min", 45), ("2 h", 120), ("1 h 30", 90)])
def test_minutes(duree, attendu):
    assert publics.minutes(duree) == attendu


def test_cycle_de_trois_seances():
    def fiche(parcours, ordre):
        return {"parcours": parcours, "ordre": ordre}

    fiches = {
        "c1": fiche("comprendre", 1),
        "c2": fiche("comprendre", 2),
        "c4": fiche("comprendre", 4),
        "m1": fiche("manipuler", 1),
        "m2": fiche("manipuler", 2),
    }
    assert publics.seances(fiches) == ["c1", "m1", "c4"]
    assert publics.seances({"c1": fiche("comprendre", 1), "c2": fiche("comprendre", 2)}) == ["c1", "c2"]
    assert publics.seances({}) == []


def test_lisezmoi_en_francais_typographie():
    from phare.typographie import fautes

    module = {"titre": "Une donnée, c'est quoi ?", "nom": "une-donnee-cest-quoi"}
    contenu = {"LISEZMOI.md": "ce fichier", "notebooks/essai.ipynb": "notebook"}
    jeux = [{"nom": "niveau-marin-brest-annuel", "licence": "PSMSL", "attribution": "PSMSL : données"}]
    texte = paquets.lisezmoi(module, contenu, jeux, "phare-0.1.0-py3-none-any.whl")
    assert not fautes(texte), fautes(texte)
    for attendu in ("JupyterLite", "phare verifier", "CC BY 4.0", "pip install phare-0.1.0-py3-none-any.whl"):
        assert attendu in texte
