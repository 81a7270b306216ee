"""phare.donnees: every dataset is valid, checked and loads with its documented dtypes;
errors are clear and in French."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from phare import donnees
from phare.donnees import (
    ErreurDonnees,
    FichierAltere,
    FichierManquant,
    JeuInconnu,
    RessourceInconnue,
    catalogue,
    charger,
    decrire,
)
from phare.fabrique import CONSTRUCTEURS
from phare.metadonnees import valider_metadonnees

RACINE = Path(__file__).resolve().parents[1]
DATASETS = RACINE / "datasets"
PAQUETS = sorted(DATASETS.glob("*/datapackage.json"))
# The list of datasets lives in one place: the builders of phare.fabrique.
ATTENDUS = set(CONSTRUCTEURS)
RESSOURCES = [
    (p.parent.name, r["name"])
    for p in PAQUETS
    for r in json.loads(p.read_text(encoding="utf-8"))["resources"]
]
MO = 1024 * 1024


def _meta(nom: str) -> dict:
    return json.loads((DATASETS / nom / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _donnees_du_depot(monkeypatch):
    """Read the repository's datasets/, whatever the current folder."""
    monkeypatch.setenv("PHARE_DONNEES", str(DATASETS))


def test_tous_les_jeux_sont_presents():
    assert {p.parent.name for p in PAQUETS} == ATTENDUS


@pytest.mark.parametrize("paquet", PAQUETS, ids=lambda p: p.parent.name)
def test_frictionless_valide(paquet):
    from frictionless import Package

    rapport = Package(str(paquet)).validate()
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("paquet", PAQUETS, ids=lambda p: p.parent.name)
def test_metadonnees_completes_et_empreintes(paquet):
    meta = json.loads(paquet.read_text(encoding="utf-8"))
    assert meta["name"] == paquet.parent.name
    assert valider_metadonnees(meta, paquet.relative_to(RACINE)) == []
    assert len(meta["sources"]) >= 2, "producteur ET copie utilisée"
    total = 0
    for res in meta["resources"]:
        fichier = paquet.parent / res["path"]
        contenu = fichier.read_bytes()
        assert res["bytes"] == len(contenu)
        assert res["hash"] == "sha256:" + hashlib.sha256(contenu).hexdigest()
        assert len(contenu) <= 2 * MO, f"{fichier.name} dépasse 2 Mo"
        total += len(contenu)
        schema = res["schema"]
        assert schema["missingValues"] == [""]
        for f in schema["fields"]:
            assert f["description"], f"{res['name']}.{f['name']} sans description"
            assert f["name"] == f["name"].lower() and " " not in f["name"]
    assert total <= 10 * MO


def test_dossier_datasets_sous_10_mo():
    assert sum(f.stat().st_size for f in DATASETS.rglob("*") if f.is_file()) <= 10 * MO


@pytest.mark.parametrize(("nom", "ressource"), RESSOURCES, ids=lambda v: str(v))
def test_charger_donne_les_types_du_schema(nom, ressource):
    res = next(r for r in _meta(nom)["resources"] if r["name"] == ressource)
    df = charger(nom, ressource)
    champs = res["schema"]["fields"]
    assert list(df.columns)[: len(champs)] == [f["name"] for f in champs]
    for f in champs:
        s = df[f["name"]]
        attendu = {
            "integer": lambda s: str(s.dtype) == "Int64",
            "number": lambda s: str(s.dtype) == "float64",
            "date": pd.api.types.is_datetime64_dtype,
            "datetime": pd.api.types.is_datetime64_dtype,
            "string": lambda s: isinstance(s.dtype, pd.StringDtype),
        }[f["type"]]
        assert attendu(s), f"{nom}.{f['name']} : {s.dtype} pour le type {f['type']}"
    if res.get("format") == "csv":
        lignes = (DATASETS / nom / res["path"]).read_text(encoding="utf-8").count("\n") - 1
        assert len(df) == lignes


def test_codes_restent_du_texte():
    communes = charger("communes-brest-metropole")
    assert "29019" in set(communes["code_insee"])
    assert "242900314" in set(charger("communes-brest-metropole", "editions")["siren"])
    assert charger("niveau-marin-brest-annuel")["drapeau_attention"].iloc[0] == "010"


def test_valeurs_manquantes_vides_et_pas_de_sentinelle():
    annuel = charger("niveau-marin-brest-annuel")
    assert annuel["niveau_mm"].isna().sum() == 24
    assert (annuel["niveau_mm"].dropna() > 0).all()


def test_catalogue():
    cat = catalogue()
    assert list(cat.columns) == ["nom", "titre", "periode", "producteur", "licence"]
    assert set(cat["nom"]) == ATTENDUS
    assert cat["titre"].str.len().min() > 10


def test_decrire(capsys):
    decrire("arrets-bibus")
    sortie = capsys.readouterr().out
    for attendu in ("Attribution à recopier", "Licence", "latitude", "[degrés]", "Précautions",
                    "copie"):
        assert attendu in sortie


def test_nom_inconnu_suggere_le_plus_proche():
    with pytest.raises(JeuInconnu) as exc:
        charger("niveau-marin-annuel")
    message = str(exc.value)
    assert "Vouliez-vous dire « niveau-marin-brest-annuel »" in message
    assert "pluie-quotidienne" in message  # the list of available names
    assert isinstance(exc.value, ErreurDonnees) and isinstance(exc.value, LookupError)


def test_ressource_inconnue():
    with pytest.raises(RessourceInconnue, match="Ressources disponibles : communes, editions"):
        charger("communes-brest-metropole", "edition")


@pytest.fixture
def copie(tmp_path, monkeypatch):
    """A throw-away copy of one dataset: the real files are never touched."""
    shutil.copytree(DATASETS / "communes-finistere", tmp_path / "communes-finistere")
    monkeypatch.setenv("PHARE_DONNEES", str(tmp_path))
    return tmp_path / "communes-finistere"


def test_fichier_manquant(copie):
    (copie / "communes-finistere.csv").unlink()
    with pytest.raises(FichierManquant) as exc:
        charger("communes-finistere")
    message = str(exc.value)
    assert "communes-finistere.csv" in message
    assert "git checkout -- datasets/communes-finistere/communes-finistere.csv" in message
    assert "make datasets" in message
    assert exc.value.__cause__ is None
    assert exc.value.__context__ is None or exc.value.__suppress_context__


def test_fichier_altere(copie):
    fichier = copie / "communes-finistere.csv"
    fichier.write_bytes(fichier.read_bytes().replace(b"29019", b"29020", 1))
    with pytest.raises(FichierAltere) as exc:
        charger("communes-finistere")
    assert "a été modifié" in str(exc.value) and "make datasets" in str(exc.value)


def test_metadonnees_illisibles(copie):
    (copie / "datapackage.json").write_text("{", encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="illisibles"):
        charger("communes-finistere")


def test_trouve_datasets_en_remontant_depuis_un_notebook(tmp_path, monkeypatch):
    shutil.copytree(DATASETS / "surcotes-brest", tmp_path / "datasets" / "surcotes-brest")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.delenv("PHARE_DONNEES")
    monkeypatch.chdir(tmp_path / "notebooks")
    assert donnees.dossier_donnees() == (tmp_path / "datasets").resolve()
    assert list(catalogue()["nom"]) == ["surcotes-brest"]


def test_copie_installee_avec_le_paquet(tmp_path, monkeypatch):
    monkeypatch.delenv("PHARE_DONNEES")
    monkeypatch.chdir(tmp_path)
    embarque = Path(donnees.__file__).resolve().parent / "_donnees"
    if not embarque.is_dir():
        pytest.skip("phare est importé depuis src/ (pas installé) : pas de copie embarquée")
    assert donnees.dossier_donnees() == embarque
    assert len(charger("niveau-marin-brest-annuel")) == 215


def test_variable_vers_un_dossier_absent(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARE_DONNEES", str(tmp_path / "absent"))
    with pytest.raises(ErreurDonnees, match="PHARE_DONNEES"):
        catalogue()


def test_des_metadonnees_incompletes_nomment_chaque_cle_manquante():
    chemin = "datasets/essai/datapackage.json"
    problemes = valider_metadonnees({"name": "essai", "title": "Essai", "copie_par_un_tiers": True}, chemin)
    assert f"{chemin} : la clé « producteur » manque (qui produit les données)" in problemes
    assert any("copie_tierce" in p for p in problemes), "une copie tierce dit comment elle a été obtenue"
    sans_tiers = valider_metadonnees({"copie_par_un_tiers": False}, chemin)
    assert not any("« copie_tierce » manque" in p for p in sans_tiers), "copie_tierce est facultative"


def test_un_jeu_geographique_donne_un_geodataframe():
    import geopandas

    contours = charger("contours-communes-finistere")
    assert isinstance(contours, geopandas.GeoDataFrame)
    assert contours.crs.to_epsg() == 4326 and len(contours) == 279
    brest = contours[contours["code_insee"] == "29019"].to_crs(2154)
    assert 40 < brest.geometry.area.iloc[0] / 1e6 < 60  # km², in Lambert-93
    assert isinstance(charger("bureaux-vote-brest", "contours"), geopandas.GeoDataFrame)


def test_sans_geopandas_un_message_en_francais(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "geopandas", None)  # import geopandas -> ImportError
    with pytest.raises(donnees.GeopandasAbsent, match="geopandas n'est pas installé|pip install geopandas"):
        charger("contours-communes-finistere")
    assert isinstance(charger("contours-communes-finistere", "passage"), pd.DataFrame)


def test_lecture_sans_pyogrio(monkeypatch):
    """Pyodide ships geopandas but not pyogrio: reading must not need it."""
    import sys

    monkeypatch.setitem(sys.modules, "pyogrio", None)
    assert len(charger("contours-communes-finistere")) == 279
