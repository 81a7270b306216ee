"""JupyterLite in the site: what the built app holds, and phare as Pyodide will see it.

The app is built here into a temporary site (a few seconds), so these checks run before the
book build of `make test`. The browser side is tests/navigateur/test_lancer.py.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from phare.construction import jupyterlite as jl
from phare.construction.liens import liens_relatifs
from phare.interface import libelle

RACINE = Path(__file__).resolve().parents[1]

NOTEBOOKS = jl.notebooks(RACINE)
CLE_NOYAU = "@jupyterlite/pyodide-kernel-extension:kernel"
# What Pyodide ships compiled for the browser, that phare may need at run time.
DEPENDANCES_PERMISES = {"pandas", "numpy", "matplotlib"}
# What only runs at build time or on a teacher's machine, never in the browser. Everything else
# of the wheel (phare.donnees, phare.graphiques, phare.texte, phare.interface, phare.verifier…)
# is loaded by the notebooks in Pyodide.
HORS_NAVIGATEUR = (
    "phare/livre/", "phare/fabrique/", "phare/construction/", "phare/cli.py", "phare/nouveau.py"
)
_MODULES_HORS_NAVIGATEUR = tuple(h.rstrip("/").removesuffix(".py").replace("/", ".") for h in HORS_NAVIGATEUR)


def _construire_lite(tmp: Path, pyodide: str | None) -> Path:
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Phare</title>\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != jl.VARIABLE_PYODIDE}
    if pyodide is not None:
        env[jl.VARIABLE_PYODIDE] = pyodide
    proc = subprocess.run(
        [sys.executable, "-m", "phare.construction.lite", "--site", str(site)],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site / jl.DOSSIER_LITE


@pytest.fixture(scope="module")
def lite(tmp_path_factory) -> Path:
    return _construire_lite(tmp_path_factory.mktemp("lite"), None)


@pytest.fixture(scope="module")
def lite_auto_heberge(tmp_path_factory) -> Path:
    return _construire_lite(tmp_path_factory.mktemp("lite-auto"), "pyodide/")


def _reglages(lite: Path) -> dict:
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))
    return config["jupyter-config-data"]["litePluginSettings"][CLE_NOYAU]


def _listing(lite: Path, dossier: str) -> set[str]:
    listing = json.loads((lite / "api" / "contents" / dossier / "all.json").read_text(encoding="utf-8"))
    return {enfant["path"] for enfant in listing["content"]}


# --- The built app --------------------------------------------------------------------------


@pytest.mark.parametrize("chemin", NOTEBOOKS)
def test_chaque_notebook_est_dans_l_appli(lite, chemin):
    copie = lite / "files" / chemin
    assert copie.is_file(), f"{chemin} manque dans JupyterLite"
    assert chemin in _listing(lite, str(Path(chemin).parent)), f"{chemin} n'est pas indexé"
    original = json.loads((RACINE / chemin).read_text(encoding="utf-8"))["cells"]
    cellules = json.loads(copie.read_text(encoding="utf-8"))["cells"]
    installation = [c for c in cellules if c.get("id") == "phare-installation"]
    assert len(installation) == 1, "la cellule qui installe phare manque"
    assert "".join(installation[0]["source"]).startswith("%pip install -q phare")
    assert cellules.index(installation[0]) <= 2, "la cellule d'installation doit venir en premier"
    sans_ajout = [c for c in cellules if not c.get("id", "").startswith("phare-installation")]
    assert [c["cell_type"] for c in sans_ajout] == [c["cell_type"] for c in original]
    code = [c["source"] for c in original if c["cell_type"] == "code"]
    assert [c["source"] for c in sans_ajout if c["cell_type"] == "code"] == code, "le code a changé"
    # A link to a page of the book would open « file not found » in the app: it became plain text.
    manquants = [c for c in liens_relatifs(copie.read_bytes(), chemin) if not (lite / "files" / c).is_file()]
    assert not manquants, f"liens vers des fichiers absents de JupyterLite : {manquants}"


@pytest.mark.parametrize(
    ("code", "paquets"),
    [
        ("from phare.donnees import charger", ["phare"]),
        ("from phare.graphiques import figure", ["phare", "matplotlib"]),
        ("tableau.plot(x='annee')", ["phare", "matplotlib"]),
        ("import ipywidgets as widgets", ["phare", "ipywidgets"]),
        ("from phare.cartes import habiller", ["phare", "matplotlib", "geopandas"]),
        ('charger("contours-communes-finistere")', ["phare", "geopandas"]),
    ],
)
def test_la_cellule_installe_ce_que_pyodide_ne_devine_pas(code, paquets):
    from phare.construction.lite import paquets_a_installer

    assert paquets_a_installer(code) == paquets


def test_les_notebooks_du_depot_restent_intacts():
    for chemin in NOTEBOOKS:
        texte = (RACINE / chemin).read_text(encoding="utf-8")
        assert "phare-installation" not in texte, f"{chemin} contient la cellule propre à JupyterLite"


def test_chaque_jeu_charge_est_dans_l_appli(lite):
    jeux = sorted({j for chemin in NOTEBOOKS for j in jl.jeux_charges(RACINE / chemin, RACINE)})
    for jeu in jeux:
        dossier = lite / "files" / jl.DOSSIER_DONNEES / jeu
        paquet = json.loads((dossier / "datapackage.json").read_text(encoding="utf-8"))
        for ressource in paquet.get("resources", []):
            chemin = ressource.get("path")
            if isinstance(chemin, str):
                assert (dossier / chemin).is_file(), f"{jeu} : {chemin} manque dans JupyterLite"
        assert f"{jl.DOSSIER_DONNEES}/{jeu}/datapackage.json" in _listing(lite, f"{jl.DOSSIER_DONNEES}/{jeu}")


def test_tous_les_jeux_du_depot_sont_dans_l_appli(lite):
    for paquet in sorted((RACINE / jl.DOSSIER_DONNEES).glob("*/datapackage.json")):
        relatif = paquet.relative_to(RACINE)
        assert (lite / "files" / relatif).is_file(), f"{relatif} manque dans JupyterLite"


def test_la_roue_de_phare_et_celles_des_widgets_sont_servies_par_le_site(lite):
    index = json.loads((lite / "pypi" / "all.json").read_text(encoding="utf-8"))
    for paquet in ("phare", "ipywidgets", "comm", "jupyterlab-widgets"):
        assert paquet in index, f"{paquet} manque dans l'index piplite"
        for versions in index[paquet]["releases"].values():
            for fichier in versions:
                assert (lite / "pypi" / fichier["filename"]).is_file()
                assert not fichier["url"].startswith("http"), "une roue viendrait d'ailleurs"


def test_pas_de_repli_sur_pypi_et_pyodide_du_cdn_par_defaut(lite):
    reglages = _reglages(lite)
    assert reglages["disablePyPIFallback"] is True
    cdn = f"https://cdn.jsdelivr.net/pyodide/v{jl.VERSION_PYODIDE}/full/pyodide.mjs"
    assert reglages["pyodideUrl"] == cdn
    assert all(not u.startswith("http") for u in reglages["pipliteUrls"])


def test_la_version_de_pyodide_est_celle_du_noyau_epingle():
    """The version the consent text names is the one the pinned kernel really loads."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assert jl.VERSION_PYODIDE == PYODIDE_VERSION, (
        f"jupyterlite-pyodide-kernel charge Pyodide {PYODIDE_VERSION}, "
        f"le site annonce {jl.VERSION_PYODIDE} : mettez à jour VERSION_PYODIDE "
        "(src/phare/construction/jupyterlite.py)"
    )


def test_l_appli_parle_francais(lite):
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))
    surcharges = config["jupyter-config-data"]["settingsOverrides"]
    assert surcharges["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    pack = json.loads((lite / "api" / "translations" / "fr_FR.json").read_text(encoding="utf-8"))
    assert pack["data"]["jupyterlab"]["File Browser"] == ["Explorateur de fichiers"]


def test_pyodide_auto_heberge_aucune_url_du_cdn(lite_auto_heberge):
    reglages = _reglages(lite_auto_heberge)
    assert reglages["pyodideUrl"] == "../../pyodide/pyodide.mjs"
    texte = (lite_auto_heberge / "jupyter-lite.json").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in texte and "pypi.org" not in texte


@pytest.mark.parametrize(
    ("valeur", "url", "hote"),
    [
        ("", jl.PYODIDE_CDN, "cdn.jsdelivr.net"),
        ("pyodide/", "../../pyodide/pyodide.mjs", ""),
        ("/outils/pyodide", "/outils/pyodide/pyodide.mjs", ""),
        ("https://intranet.example/pyodide/", "https://intranet.example/pyodide/pyodide.mjs",
         "intranet.example"),
        ("https://intranet.example/py/pyodide.mjs", "https://intranet.example/py/pyodide.mjs",
         "intranet.example"),
    ],
)
def test_variable_pyodide(valeur, url, hote):
    choix = jl.pyodide(valeur)
    assert (choix.url, choix.hote, choix.auto_heberge) == (url, hote, bool(valeur))


# --- phare as Pyodide sees it: the wheel alone, pure Python + data ---------------------------


@pytest.fixture(scope="module")
def roue(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("roue")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(dossier), str(RACINE)],
        check=True,
        capture_output=True,
    )
    return next(dossier.glob("phare-*.whl"))


def test_la_roue_est_du_python_pur(roue):
    assert roue.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(roue) as archive:
        noms = archive.namelist()
        metadonnees = archive.read(next(n for n in noms if n.endswith(".dist-info/METADATA")))
    compiles = [n for n in noms if n.endswith((".so", ".pyd", ".dll", ".dylib", ".c", ".pyx"))]
    assert not compiles, f"fichiers compilés dans la roue : {compiles}"
    requis = {
        ligne.split(":", 1)[1].strip().split(";")[0].split(" ")[0].split(">")[0].split("=")[0].split("<")[0]
        for ligne in metadonnees.decode().splitlines()
        if ligne.startswith("Requires-Dist:") and "extra ==" not in ligne
    }
    assert requis <= DEPENDANCES_PERMISES, f"dépendances hors de Pyodide : {requis - DEPENDANCES_PERMISES}"
    assert any(n.startswith("phare/_donnees/") and n.endswith("datapackage.json") for n in noms)


def _imports_au_chargement(instructions):
    """Import statements run when a module is imported (not those inside a function)."""
    for noeud in instructions:
        if isinstance(noeud, (ast.Import, ast.ImportFrom)):
            yield noeud
        elif isinstance(noeud, (ast.If, ast.Try)):
            for bloc in ("body", "orelse", "finalbody"):
                yield from _imports_au_chargement(getattr(noeud, bloc, []))
            for gestionnaire in getattr(noeud, "handlers", []):
                yield from _imports_au_chargement(gestionnaire.body)


def _absolu(fichier: str, niveau: int, module: str | None) -> str:
    """`from ..texte import x` in phare/verifier/moteur.py -> phare.texte."""
    paquet = fichier.removesuffix(".py").split("/")[:-1]
    base = paquet[: len(paquet) - (niveau - 1)] if niveau > 1 else paquet
    return ".".join([*base, *([module] if module else [])])


def test_les_modules_du_navigateur_n_importent_que_pandas_numpy_matplotlib(roue):
    """Module-level imports only: a lazy import inside a function is a deliberate choice."""
    standard = set(sys.stdlib_module_names)
    permis = standard | DEPENDANCES_PERMISES | {"phare", "ipywidgets", "IPython"}
    fautes = []
    with zipfile.ZipFile(roue) as archive:
        for nom in archive.namelist():
            if not nom.endswith(".py") or nom.startswith(HORS_NAVIGATEUR):
                continue
            for noeud in _imports_au_chargement(ast.parse(archive.read(nom)).body):
                if isinstance(noeud, ast.Import):
                    modules = [a.name for a in noeud.names]
                elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
                    modules = [noeud.module]
                elif isinstance(noeud, ast.ImportFrom):
                    modules = [_absolu(nom, noeud.level, noeud.module)]
                else:
                    continue
                fautes += [f"{nom} : import {m}" for m in modules if m.split(".")[0] not in permis]
                # A browser module must not pull a build-only part of phare either.
                fautes += [f"{nom} : import {m}" for m in modules if m.startswith(_MODULES_HORS_NAVIGATEUR)]
    assert not fautes, "imports qui n'existent pas sous Pyodide :\n" + "\n".join(fautes)


def test_charger_fonctionne_depuis_la_roue_seule(roue, tmp_path):
    """The wheel unpacked alone on PYTHONPATH, run from an empty folder: the bundled data load."""
    paquet = tmp_path / "site-packages"
    with zipfile.ZipFile(roue) as archive:
        archive.extractall(paquet)
    vide = tmp_path / "vide"
    vide.mkdir()
    script = (
        "import phare.donnees as d\n"
        "dossier = d.dossier_donnees()\n"
        f"assert str(dossier).startswith({str(paquet)!r}), dossier\n"
        "noms = [p.parent.name for p in sorted(dossier.glob('*/datapackage.json'))]\n"
        "assert noms\n"
        "for nom in noms:\n"
        "    tableau = d.charger(nom)\n"
        "    assert len(tableau) > 0, nom\n"
        "import phare.verifier\n"
        "print(len(noms))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PHARE_DONNEES", "PYTHONPATH")}
    env["PYTHONPATH"] = str(paquet)
    proc = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(paquet)!r}); exec({script!r})"],
        cwd=vide,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert int(proc.stdout.strip()) >= 1


# --- The download of one notebook -------------------------------------------------------------


@pytest.mark.parametrize("chemin", NOTEBOOKS)
def test_le_zip_d_un_notebook_contient_ses_donnees_et_phare(chemin, roue, tmp_path):
    from phare.construction.telechargements import ROUE, ecrire_archive

    premier, second = tmp_path / "a.zip", tmp_path / "b.zip"
    ecrire_archive(chemin, RACINE, roue, premier)
    ecrire_archive(chemin, RACINE, roue, second)
    assert premier.read_bytes() == second.read_bytes(), "le zip change d'une construction à l'autre"
    with zipfile.ZipFile(premier) as archive:
        noms = set(archive.namelist())
        copie = archive.read(Path(chemin).name)
    assert {Path(chemin).name, "LISEZMOI.txt", ROUE} <= noms
    ailleurs = [c for c in liens_relatifs(copie, chemin) if c != chemin]
    assert not ailleurs, f"le notebook du zip renvoie à des fichiers absents du zip : {ailleurs}"
    for jeu in jl.jeux_charges(RACINE / chemin, RACINE):
        assert f"datasets/{jeu}/datapackage.json" in noms
        assert any(n.startswith(f"datasets/{jeu}/") and n.endswith(".csv") for n in noms)


@pytest.mark.parametrize(
    ("valeur", "attendu", "absent"),
    [
        ("", "cdn.jsdelivr.net", libelle("consentement.origine_site")),
        ("pyodide/", libelle("consentement.origine_site"), "cdn.jsdelivr.net"),
        ("https://intranet.example/pyodide/", "intranet.example", "cdn.jsdelivr.net"),
    ],
)
def test_le_consentement_nomme_d_ou_vient_python(valeur, attendu, absent):
    from phare.livre.lancer import bloc_html

    texte = bloc_html(
        "notebooks/essai.ipynb", "../", 1234, jl.pyodide(valeur), "phare-lancer-1",
        taille_appli=7_123_456, taille_pyodide=13_526_497,
    )
    assert attendu in texte and absent not in texte
    assert "7,1\u00a0Mo" in texte and "13,5\u00a0Mo" in texte and "avant votre clic" in texte
    assert 'href="../lite/notebooks/index.html?path=notebooks/essai.ipynb"' in texte


def test_sans_mesure_le_consentement_ne_devine_aucune_taille():
    """JupyterLite not built before the book, npm out of reach: no figure is made up."""
    from phare.livre.lancer import bloc_html

    texte = bloc_html("notebooks/essai.ipynb", "../", 1234, jl.pyodide(""), "phare-lancer-1")
    corps = texte.split("<ul>")[1].split("</ul>")[0]
    assert "Mo" not in corps.replace("mégaoctets", ""), corps


def test_la_taille_annoncee_additionne_l_appli_le_notebook_ses_donnees_et_ses_roues(lite):
    site = lite.parent
    mesure = jl.mesure_de_l_appli(site)
    assert mesure and mesure["octets"] > 1_000_000, "l'application n'a pas été mesurée"
    chemin = "notebooks/lire-un-tableau.ipynb"
    attendu = mesure["octets"] + (RACINE / chemin).stat().st_size
    assert jl.taille_pour(RACINE, site, chemin) > attendu


def test_l_empreinte_des_sources_de_la_roue_suit_chaque_fichier(tmp_path):
    """The wheel is reused only while every file it is made from is the same (phare.construction.roue)."""
    from phare.construction.roue import ENTREES, empreinte_des_sources

    for entree in ENTREES:
        chemin = tmp_path / entree / "a.txt" if "." not in entree else tmp_path / entree
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(entree, encoding="utf-8")
    premiere = empreinte_des_sources(tmp_path)
    assert empreinte_des_sources(tmp_path) == premiere
    (tmp_path / "datasets" / "a.txt").write_text("autre", encoding="utf-8")
    assert empreinte_des_sources(tmp_path) != premiere
