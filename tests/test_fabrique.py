"""phare.fabrique: raw sources are checked, the build is reproducible, and the curated data
agree with the raw sources (invariants). Tests marked `sources` need ../shared/datasets/raw."""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
from pathlib import Path

import pandas as pd
import pytest

from phare.fabrique import CONSTRUCTEURS, construire
from phare.fabrique.commun import EMPREINTES_SOURCES, ErreurSource, source

RACINE = Path(__file__).resolve().parents[1]
DATASETS = RACINE / "datasets"
SOURCES = Path(os.environ.get("PHARE_SOURCES", RACINE.parent / "shared" / "datasets" / "raw"))
PRESENTES = SOURCES.is_dir() and all((SOURCES / r).is_file() for r in EMPREINTES_SOURCES)
avec_sources = pytest.mark.skipif(
    not PRESENTES, reason=f"sources brutes absentes de {SOURCES} (variable PHARE_SOURCES) : test sauté"
)
pytestmark = pytest.mark.sources
BREST_METROPOLE = {"29019", "29011", "29061", "29069", "29075", "29235", "29189", "29212"}


def _csv(nom: str, fichier: str | None = None) -> pd.DataFrame:
    return pd.read_csv(DATASETS / nom / (fichier or f"{nom}.csv"), dtype=str, keep_default_na=False)


def _meta(nom: str) -> dict:
    return json.loads((DATASETS / nom / "datapackage.json").read_text(encoding="utf-8"))


# --- The raw-source check (needs one real file, copied to a temporary folder) ---------


@avec_sources
def test_source_absente_message_en_francais(tmp_path):
    with pytest.raises(ErreurSource, match="Source brute introuvable"):
        source(tmp_path, "surcotes-brest/Brest.csv")


@avec_sources
def test_source_modifiee_refusee(tmp_path):
    (tmp_path / "surcotes-brest").mkdir()
    copie = tmp_path / "surcotes-brest" / "Brest.csv"
    shutil.copy(SOURCES / "surcotes-brest" / "Brest.csv", copie)
    assert source(tmp_path, "surcotes-brest/Brest.csv") == copie
    copie.write_bytes(copie.read_bytes() + b"\n")
    with pytest.raises(ErreurSource, match="n'est pas celle que le projet a enregistrée"):
        source(tmp_path, "surcotes-brest/Brest.csv")


@avec_sources
def test_empreintes_identiques_au_manifest():
    manifest = (SOURCES / "MANIFEST.md").read_text(encoding="utf-8")
    notees = dict((chemin, h) for h, chemin in re.findall(r"^([0-9a-f]{64})\s+(\S+)$", manifest, re.M))
    for chemin, h in EMPREINTES_SOURCES.items():
        assert notees[chemin] == h, chemin


# --- Reproducibility --------------------------------------------------------------------


@avec_sources
def test_regeneration_identique_octet_pour_octet(tmp_path):
    construire(SOURCES, tmp_path)
    produits = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    engages = sorted(p.relative_to(DATASETS) for p in DATASETS.rglob("*") if p.is_file())
    assert produits == engages
    differents = [str(p) for p in produits if (tmp_path / p).read_bytes() != (DATASETS / p).read_bytes()]
    assert not differents, f"à régénérer avec « make datasets » : {differents}"


def test_un_constructeur_par_jeu():
    assert set(CONSTRUCTEURS) == {p.parent.name for p in DATASETS.glob("*/datapackage.json")}


# --- Invariants against the raw sources ---------------------------------------------------


@avec_sources
def test_niveau_marin_annuel():
    brut = (SOURCES / "psmsl-brest" / "annual_1.rlrdata").read_text().splitlines()
    df = _csv("niveau-marin-brest-annuel")
    assert len(df) == len(brut) == 215
    assert (df["niveau_mm"] == "").sum() == sum("-99999" in ligne for ligne in brut) == 24
    mtl = df[df["drapeau_attention"] == "010"]["annee"].astype(int)
    assert (mtl.min(), mtl.max(), len(mtl)) == (1807, 1835, 29)


@avec_sources
def test_niveau_marin_mensuel():
    brut = (SOURCES / "psmsl-brest" / "monthly_1.rlrdata").read_text().splitlines()
    df = _csv("niveau-marin-brest-mensuel")
    assert len(df) == len(brut) == 2568
    assert (df["niveau_mm"] == "").sum() == sum("-99999" in ligne for ligne in brut)
    assert not df["date"].duplicated().any()
    # "Y" in the annual file marks the years with a missing month (as documented)
    annuel = _csv("niveau-marin-brest-annuel")
    mois_manquant = set(df.loc[df["niveau_mm"] == "", "annee"])
    annees_y = set(annuel.loc[annuel["drapeau_mois_manquants"] == "Y", "annee"])
    assert annees_y and annees_y <= mois_manquant


def _epci(edition: str) -> list[dict]:
    chemin = SOURCES / "decoupage-administratif" / f"etalab-decoupage-administratif-{edition}.tgz"
    with tarfile.open(chemin) as tgz:
        return json.load(tgz.extractfile("package/data/epci.json"))


@avec_sources
def test_brest_metropole_huit_communes_chaque_edition():
    df = _csv("communes-brest-metropole")
    editions = _csv("communes-brest-metropole", "editions.csv")
    assert len(editions) == 6 and len(df) == 48
    for ed in editions["edition"]:
        (epci,) = [x for x in _epci(ed) if x["code"] == "242900314"]
        assert {m["code"] for m in epci["membres"]} == BREST_METROPOLE
        assert set(df.loc[df["edition"] == ed, "code_insee"]) == BREST_METROPOLE


@avec_sources
def test_somme_des_communes_egale_total_epci():
    """Where the edition says so (epci.json), the 8 members add up to the EPCI figure;
    the communes.json figures do not, and the metadata must say in which editions."""
    df = _csv("communes-brest-metropole")
    editions = _csv("communes-brest-metropole", "editions.csv").set_index("edition")
    for ed, groupe in df.groupby("edition"):
        (epci,) = [x for x in _epci(ed) if x["code"] == "242900314"]
        assert groupe["population_municipale"].astype(int).sum() == epci["populationMunicipale"]
        assert groupe["population_totale"].astype(int).sum() == epci["populationTotale"]
        assert int(editions.loc[ed, "population_municipale"]) == epci["populationMunicipale"]
    ecarts = editions[editions["population_municipale"]
                      != editions["somme_population_municipale_fiches_communes"]].index
    texte = " ".join(_meta("communes-brest-metropole")["precautions"])
    assert f"({', '.join(ecarts)})" in texte


@avec_sources
def test_finistere_277_communes():
    df = _csv("communes-finistere")
    assert len(df) == 277 and df["code_insee"].is_unique
    assert df["code_insee"].str.fullmatch(r"29\d{3}").all()
    assert set(df.loc[df["siren_epci"] == "242900314", "code_insee"]) == BREST_METROPOLE


@avec_sources
def test_pluie_quotidienne():
    brut = pd.read_csv(SOURCES / "meteo-pluie-quotidienne" / "rainfall.csv")
    df = _csv("pluie-quotidienne")
    assert len(df) == len(brut) == 14610
    assert (df["brest_mm"].astype(float).to_numpy() == brut["BREST"].to_numpy()).all()
    assert (df["bormes_mm"] == "").sum() == brut["BORMES"].isna().sum()


@avec_sources
def test_pluie_horaire_et_journee_climatologique():
    df = pd.read_csv(DATASETS / "pluie-guipavas-horaire" / "pluie-guipavas-horaire.csv")
    assert len(df) * 10 == 1_073_280
    debut = pd.to_datetime(df["date"]) + pd.to_timedelta(df["heure"], unit="h")
    # summed from 06:00 UTC to 06:00 UTC, the hours give the daily totals of BREST
    jours = pd.Series(df["pluie_mm"].to_numpy(), index=debut - pd.Timedelta(hours=6))
    jours = jours.resample("D").sum(min_count=24).dropna()
    quot = pd.read_csv(DATASETS / "pluie-quotidienne" / "pluie-quotidienne.csv", parse_dates=["date"])
    quot = quot.set_index("date")["brest_mm"]
    commun = pd.concat([jours.rename("h"), quot.rename("q")], axis=1, join="inner").dropna()
    assert len(commun) > 3000
    assert ((commun["h"] - commun["q"]).abs() < 0.05).mean() > 0.99


@avec_sources
def test_meteo_conversions():
    df = _csv("meteo-horaire-janvier-2014")
    st = _csv("meteo-horaire-janvier-2014", "stations.csv")
    with tarfile.open(SOURCES / "meteo-radome-janvier-2014" / "RADOMEH.tar.gz") as tgz:
        fichiers = [m for m in tgz.getnames() if re.search(r"_29\d{6}\.txt$", m)]
        brut = pd.read_csv(tgz.extractfile(next(m for m in fichiers if "29075001" in m)), dtype=str)
    assert len(st) == len(fichiers)
    brest = df[df["station"] == "29075001"]
    brut = brut[brut["numer_sta"] != "EOF"]
    assert len(brest) == len(brut)
    k = pd.to_numeric(brut["t"], errors="coerce").to_numpy()
    c = pd.to_numeric(brest["temperature_c"], errors="coerce").to_numpy()
    assert abs(c - (k - 273.15)).max() < 0.006
    assert pd.to_numeric(brest["pression_mer_hpa"]).between(900, 1100).all()


@avec_sources
def test_surcotes_et_lacunes():
    assert len(_csv("surcotes-brest")) == 1289
    assert len(_csv("surcotes-brest", "lacunes.csv")) == 43


@avec_sources
def test_bibus():
    assert len(_csv("arrets-bibus")) == 1046
    lignes = _csv("arrets-bibus", "lignes.csv")
    assert len(lignes) == 61 and lignes["nombre_courses"].astype(int).sum() == 7577
    assert "copie partielle" in _meta("arrets-bibus")["copie_tierce"]


@avec_sources
def test_bureaux_de_vote_participation_seulement():
    df = _csv("bureaux-vote-brest", "participation-2024-tour1.csv").astype(
        {c: int for c in ("inscrits", "votants", "abstentions", "exprimes", "blancs", "nuls")})
    assert len(df) == 201 and (df["code_commune"] == "29019").sum() == 104
    assert (df["inscrits"] == df["votants"] + df["abstentions"]).all()
    assert (df["votants"] == df["exprimes"] + df["blancs"] + df["nuls"]).all()
    for colonne in df.columns:  # turnout only: nothing about candidates
        assert not any(mot in colonne for mot in ("voix", "candidat", "nuance", "elu"))
    geo = json.loads((DATASETS / "bureaux-vote-brest" / "bureaux-vote-brest.geojson").read_text())
    assert len(geo["features"]) == 122
    for f in geo["features"]:
        assert set(f["properties"]) == {"code_commune", "numero_bureau", "libelle", "lieu_de_vote"}


def test_annee_des_populations():
    """The fiche figures describe the year of the INSEE page the README cites; the EPCI-list
    figures, when found among the fiches, are the previous vintage."""
    ed = _csv("communes-brest-metropole", "editions.csv").set_index("edition")
    assert list(ed["annee_population_fiche_commune"].astype(int)) == [2019, 2020, 2020, 2022, 2023, 2023]
    connues = ed[ed["annee_population_liste_epci"] != ""]
    assert set(connues.index) == {"2.3.1", "3.1.1", "5.3.0", "6.0.0"}
    assert (connues["annee_population_liste_epci"].astype(int)
            <= connues["annee_population_fiche_commune"].astype(int)).all()


@avec_sources
def test_contours_2018_et_table_de_passage():
    """279 outlines of 2018, 277 current communes: the two missing codes are communes déléguées,
    and the passage table says which current commune holds each of them."""
    geo = json.loads((DATASETS / "contours-communes-finistere" / "contours-communes-finistere.geojson")
                     .read_text(encoding="utf-8"))
    codes = [f["properties"]["code_insee"] for f in geo["features"]]
    assert len(codes) == 279 and len(set(codes)) == 279 and codes == sorted(codes)
    assert BREST_METROPOLE <= set(codes)
    for f in geo["features"]:
        assert set(f["properties"]) == {"code_insee", "nom"}
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    passage = _csv("contours-communes-finistere", "passage-codes-2018.csv")
    assert list(passage["code_insee_2018"]) == codes
    actuelles = set(_csv("communes-finistere")["code_insee"])
    assert set(passage["code_insee_actuel"]) == actuelles  # every current commune is reached
    changes = passage[passage["statut"] != "inchangé"].set_index("code_insee_2018")
    assert changes["code_insee_actuel"].to_dict() == {"29129": "29227", "29219": "29199"}
    assert set(changes["statut"]) == {"devenu commune déléguée"}
    assert set(codes) - actuelles == {"29129", "29219"}
    precautions = " ".join(_meta("contours-communes-finistere")["precautions"])
    for mot in ("279", "277", "Poullaouen", "Plouigneau", "simplifiés", "Lambert-93"):
        assert mot in precautions


def test_passage_d_un_code_inconnu_reste_vide():
    from phare.fabrique.contours import passage

    communes = [{"code": "29001", "nom": "A", "type": "commune-actuelle", "anciensCodes": ["29900"]}]
    lignes = {r["code_insee_2018"]: r for r in passage({"29001": "A", "29900": "B", "29999": "C"}, communes)}
    assert lignes["29001"]["statut"] == "inchangé"
    assert lignes["29900"]["code_insee_actuel"] == "29001"
    assert lignes["29999"]["statut"] == "introuvable" and lignes["29999"]["code_insee_actuel"] is None
