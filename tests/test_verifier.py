"""phare.verifier, the learner's side: every exercise solvable, every typical mistake caught with its
own hint, hints graduated, and no hint ever giving the expected value away."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from outils.fuites import fuites

from phare.verifier import Resultat, moteur, verifier
from phare.verifier.exercices import carnets, tous
from phare.verifier.formes import Tableau

EXERCICES = list(tous().values())
PIEGES = [(e, p) for e in EXERCICES for p in e.pieges]


pytestmark = pytest.mark.usefixtures("verifier_isole")


def _attendu(exercice):
    return moteur._attendu(exercice)


def test_le_detecteur_de_fuites_reconnait_les_formats_francais():
    assert fuites("Le total vaut 1 234,5 mm.", 1234.5)
    assert fuites("Le total vaut 1234.5 mm.", 1234.5)
    assert fuites("Le total vaut 1\u00a0234,5 mm.", 1234.5)
    assert fuites("Environ 1235 mm.", 1234.5)
    assert fuites("la pente est de 1,55 mm par an", 1.5486)
    assert not fuites("au moins 10 000 habitants", 12)


# --- The catalogue itself ---------------------------------------------------------------------------


def test_au_moins_douze_exercices_sur_trois_carnets():
    groupes = carnets()
    assert {"lire-un-tableau", "resumer-sans-trahir", "graphiques-honnetes"} <= set(groupes)
    assert all(
        len(groupes[c]) >= 4 for c in ("lire-un-tableau", "resumer-sans-trahir", "graphiques-honnetes")
    )
    assert len(EXERCICES) >= 12


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_chaque_exercice_a_des_indices_gradues_et_des_pieges(exercice):
    assert exercice.bravo and exercice.indices
    assert len(exercice.indices) == 3, "trois indices généraux, du plus discret au plus précis"
    assert len(set(exercice.indices)) == 3
    assert exercice.pieges, "chaque exercice catalogue au moins une erreur typique"
    codes = [p.code for p in exercice.pieges]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_la_solution_de_reference_passe(exercice):
    resultat = verifier(exercice.identifiant, _attendu(exercice))
    assert resultat.statut == "reussi", resultat.texte
    assert resultat and "Bravo" in repr(resultat)


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_la_solution_passe_aussi_sous_forme_numpy_ou_pandas(exercice):
    attendu = _attendu(exercice)
    if isinstance(attendu, int | float) and not isinstance(attendu, bool):
        for variante in (np.float64(attendu), pd.Series([attendu]), np.array(attendu)):
            assert verifier(exercice.identifiant, variante).reussi
    if isinstance(attendu, list):
        assert verifier(exercice.identifiant, pd.Series(attendu)).reussi
        assert verifier(exercice.identifiant, np.array(attendu)).reussi
    if isinstance(attendu, pd.DataFrame):
        melange = attendu[list(attendu.columns)[::-1]].reset_index(drop=True)
        assert verifier(exercice.identifiant, melange).reussi, "l'ordre des colonnes et l'index sont libres"


@pytest.mark.parametrize(
    ("exercice", "piege"), PIEGES, ids=lambda x: getattr(x, "identifiant", getattr(x, "code", ""))
)
def test_chaque_erreur_typique_recoit_son_indice_sans_la_reponse(exercice, piege):
    attendu = _attendu(exercice)
    mauvaise = piege.reponse_type(attendu)
    assert not exercice.forme.egal(mauvaise, attendu), "une erreur typique doit différer de la réponse"
    niveaux = []
    for _ in range(len(piege.indices) + 1):
        resultat = verifier(exercice.identifiant, mauvaise)
        assert resultat.statut == "faux"
        assert resultat.code == f"piege:{piege.code}", resultat.texte
        texte = resultat.texte + resultat._repr_html_() + resultat._repr_markdown_()
        assert not fuites(texte, attendu), f"le message donne la réponse : {fuites(texte, attendu)}"
        niveaux.append(resultat.niveau)
    assert niveaux == [*range(1, len(piege.indices) + 1), len(piege.indices)]


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_aucun_texte_du_catalogue_ne_contient_la_reponse(exercice):
    attendu = _attendu(exercice)
    textes = [
        exercice.bravo,
        exercice.titre,
        *exercice.indices,
        *(i for p in exercice.pieges for i in p.indices),
    ]
    for texte in textes:
        assert not fuites(texte, attendu), f"{exercice.identifiant} : « {texte} » contient la réponse"


def _mauvaise_reponse_quelconque(attendu):
    """A wrong answer of the right shape that matches no catalogued trap."""
    if isinstance(attendu, str):
        return "Quimper"
    if isinstance(attendu, list):
        return [1066]
    if isinstance(attendu, pd.DataFrame):
        return attendu.iloc[[0]]
    if isinstance(attendu, dict):  # a summary of the investigation (structural checks)
        return {"autre": 1}
    if not isinstance(attendu, int | float):  # a chart's description
        return "Quimper"
    return float(attendu) * 1.37 + 3.3


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_une_erreur_inconnue_recoit_un_indice_general_qui_se_precise(exercice):
    attendu = _attendu(exercice)
    mauvaise = _mauvaise_reponse_quelconque(attendu)
    premier, second = verifier(exercice.identifiant, mauvaise), verifier(exercice.identifiant, mauvaise)
    assert premier.statut == second.statut == "faux"
    for resultat in (premier, second):
        assert not fuites(resultat.texte, attendu), resultat.texte
    if premier.code == "general":
        assert (premier.niveau, second.niveau) == (1, 2)
        assert premier.message != second.message, "le deuxième indice est plus précis que le premier"


# --- Each family of typical mistakes named by the issue --------------------------------------------


def _code(identifiant, reponse):
    return verifier(identifiant, reponse).code


def test_erreurs_typiques_de_l_enonce():
    par_id = {e.identifiant: e for e in EXERCICES}
    cumul = _attendu(par_id["pluie-cumul"])
    assert _code("pluie-cumul", cumul / 10) == "piege:cm"  # mm lus comme des cm
    tendance = _attendu(par_id["mer-tendance"])
    assert _code("mer-tendance", tendance / 10) == "piege:cm"
    assert _code("pluie-mediane", par_id["pluie-mediane"].pieges[0].reponse_type(None)) == "piege:moyenne"
    moyenne_zeros = next(p for p in par_id["mer-moyenne"].pieges if p.code == "manquantes-a-zero")
    assert _code("mer-moyenne", moyenne_zeros.reponse_type(None)) == "piege:manquantes-a-zero"
    millesime = next(p for p in par_id["tableau-millesime"].pieges if p.code == "autre-millesime")
    assert _code("tableau-millesime", millesime.reponse_type(None)) == "piege:autre-millesime"
    part = next(p for p in par_id["tableau-part-brest"].pieges if p.code == "total-departement")
    assert _code("tableau-part-brest", part.reponse_type(None)) == "piege:total-departement"
    tri = _attendu(par_id["tableau-tri"])
    assert _code("tableau-tri", tri.iloc[::-1]) == "piege:tri-croissant"
    assert _code("tableau-tri", tri[["nom"]]) == "forme:colonnes"
    assert _code("tableau-tri", tri.assign(code="x")) == "piege:toutes-colonnes"
    assert (
        _code("tableau-tri", tri.rename(columns={"population_municipale": "population"})) == "forme:colonnes"
    )


def test_un_facteur_dix_non_catalogue_est_signale_comme_une_unite():
    exercice = tous()["mer-moyenne"]
    resultat = verifier("mer-moyenne", _attendu(exercice) / 1000)
    assert resultat.code == "forme:facteur" and "unité" in resultat.message


def test_tableau_dans_le_desordre_ou_avec_des_codes_en_nombres():
    attendu = _attendu(tous()["tableau-tri"])
    melange = attendu.sample(frac=1, random_state=1)
    if not melange.reset_index(drop=True).equals(attendu.reset_index(drop=True)):
        assert _code("tableau-tri", melange) in ("forme:ordre", "piege:tri-croissant")
    assert _code("tableau-tri", attendu["nom"]) == "forme:serie"
    assert Tableau(colonnes=("nom",), ordre=False).egal(attendu[["nom"]].iloc[::-1], attendu[["nom"]])


# --- Inputs that are not answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reponse", "statut", "mot"),
    [
        (..., "non-fait", "..."),
        (None, "faux", "None"),
        ("1 376,4", "faux", "texte"),
        ("beaucoup", "faux", "texte"),
        (float("nan"), "faux", "NaN"),
        (float("inf"), "faux", "infini"),
        (True, "faux", "True ou False"),
        (pd.DataFrame({"a": [1, 2]}), "faux", "tableau"),
        (ValueError("x"), "erreur", "ValueError"),
        (lambda: 1 / 0, "erreur", "ZeroDivisionError"),
        (lambda: pd.DataFrame()["brest_mm"], "erreur", "KeyError"),
        (pd.Series([1.0, 2.0]).sum, "faux", "parenthèses"),
        (complex(1, 2), "faux", "complexe"),
        (object(), "faux", "object"),
    ],
)
def test_les_entrees_qui_ne_sont_pas_des_reponses_ont_un_message_clair(reponse, statut, mot, capsys):
    resultat = verifier("pluie-cumul", reponse)
    assert isinstance(resultat, Resultat)
    assert resultat.statut == statut
    assert mot in resultat.texte
    assert "Traceback" not in resultat.texte
    sortie = capsys.readouterr()
    assert sortie.out == "" and sortie.err == "", "verifier n'imprime rien : il renvoie un résultat"


def test_un_calcul_passe_en_lambda_est_execute():
    attendu = _attendu(tous()["pluie-cumul"])
    assert verifier("pluie-cumul", lambda: attendu).reussi


def test_nombre_la_ou_on_attend_un_tableau_et_texte_la_ou_on_attend_un_nombre():
    assert verifier("tableau-tri", 3).code == "forme:type"
    assert verifier("tableau-code-insee", 29019.5).code == "forme:nombre-au-lieu-de-texte"
    assert verifier("pluie-jours", "179").code == "forme:texte-nombre"


def test_objets_enormes():
    grand = pd.DataFrame({"nom": ["x"] * 600_000, "population_municipale": range(600_000)})
    assert verifier("tableau-tri", grand).code == "forme:trop-grand"
    assert verifier("mer-trous", list(range(2_000_000))).code == "forme:trop-grand"
    assert verifier("pluie-cumul", 10**400).statut == "faux"
    assert verifier("tableau-code-insee", "x" * 100_000).code == "forme:trop-long"


def test_tableau_avec_des_valeurs_manquantes():
    attendu = _attendu(tous()["tableau-tri"]).copy()
    attendu.iloc[0, 1] = pd.NA
    assert verifier("tableau-tri", attendu).statut == "faux"
    attendu["nom"] = attendu["nom"].astype(object)
    attendu.iloc[1, 0] = pd.NA
    assert verifier("tableau-tri", attendu).statut == "faux"


def test_objets_hostiles():
    class Hostile:
        def __eq__(self, autre):
            raise RuntimeError("non")

        def __float__(self):
            raise RuntimeError("non")

        def __len__(self):
            raise RuntimeError("non")

        def __repr__(self):
            raise RuntimeError("non")

    for ident in tous():
        resultat = verifier(ident, Hostile())
        assert resultat.statut in ("faux", "indisponible")
        assert repr(resultat)


def test_identifiant_inconnu_propose_le_plus_proche():
    resultat = verifier("pluie-cumull", 3)
    assert resultat.statut == "inconnu" and "pluie-cumul" in resultat.message
    assert verifier(None, 3).statut == "inconnu"
    assert verifier(42, 3).statut == "inconnu"


def test_donnees_indisponibles(monkeypatch):
    def panne(exercice):
        raise FileNotFoundError("jeu de données absent")

    monkeypatch.setattr(moteur, "_attendu", panne)
    resultat = verifier("pluie-cumul", 12.0)
    assert resultat.statut == "indisponible" and "données" in resultat.message


# --- What the learner sees ---------------------------------------------------------------------------


def test_le_resultat_s_affiche_en_mots_dans_jupyter():
    exercice = tous()["pluie-jours"]
    bravo = verifier("pluie-jours", _attendu(exercice))
    html = bravo._repr_html_()
    assert "Bravo" in html and "<strong>" in html and "phare-reussi" in html
    assert bravo._repr_markdown_().startswith("**Bravo !**")
    faux = verifier("pluie-jours", 3)
    assert not faux and "Pas encore" in repr(faux) and "Pas encore" in faux._repr_html_()
    html_echappe = verifier("tableau-tri", pd.DataFrame({"<script>": [1]}))._repr_html_()
    assert "<script>" not in html_echappe


# --- pandas' own arrays, and the messages the independent test found misleading ------------------


def test_les_tableaux_de_pandas_valent_une_liste():
    """`.values` and `.unique()` of the Int64 and string columns that charger() gives."""
    from phare.donnees import charger

    niveaux = charger("niveau-marin-brest-annuel")
    trous = niveaux.loc[(niveaux["annee"] >= 1900) & niveaux["niveau_mm"].isna(), "annee"]
    assert type(trous.values).__name__ == "IntegerArray"
    for reponse in (trous.values, trous.unique(), trous.array, pd.array(trous.tolist(), dtype="Int64")):
        assert verifier("mer-trous", reponse).reussi, type(reponse).__name__
    communes = charger("communes-finistere")
    code = communes.loc[communes["nom"] == "Brest", "code_insee"]
    assert type(code.values).__name__ in ("StringArray", "ArrowStringArray", "ArrowStringArrayNumpySemantics")
    assert verifier("tableau-code-insee", code.values).reussi
    assert verifier("tableau-code-insee", code.unique()).reussi
    editions = charger("communes-brest-metropole")
    choix = (editions["nom"] == "Brest") & (editions["millesime"] == 2021)
    assert verifier("tableau-millesime", editions.loc[choix, "population_municipale"].values).reussi
    # Numbers typed as text stay refused, with the clear message.
    en_texte = verifier("mer-trous", pd.array([str(a) for a in trous], dtype="string"))
    assert en_texte.code == "forme:types-valeurs" and "type" in en_texte.message


def test_la_colonne_de_la_fiche_commune_est_nommee():
    from phare.donnees import charger

    editions = charger("communes-brest-metropole")
    ligne = editions[(editions["nom"] == "Brest") & (editions["millesime"] == 2021)]
    resultat = verifier("tableau-millesime", ligne["population_municipale_fiche_commune"].iloc[0])
    assert resultat.code == "piege:colonne-fiche", resultat.texte
    assert "population_municipale_fiche_commune" in resultat.message and "millésime" not in resultat.code


def test_un_tableau_juste_coupe_par_head():
    attendu = _attendu(tous()["tableau-tri"])
    resultat = verifier("tableau-tri", attendu.head())
    assert (
        resultat.code == "forme:coupee" and ".head()" in resultat.message and "filtre" not in resultat.message
    )
    liste = _attendu(tous()["mer-trous"])
    assert verifier("mer-trous", liste[:5]).code == "forme:coupee"


def test_un_resultat_arrondi_trop_fort():
    cumul = _attendu(tous()["pluie-cumul"])
    resultat = verifier("pluie-cumul", round(cumul))
    assert resultat.code == "forme:arrondi" and "arrondi" in resultat.message
    assert verifier("pluie-cumul", round(cumul, 1)).reussi


def test_pas_assez_s_ecrit_n_a_pas_assez():
    attendu = _attendu(tous()["tableau-tri"])
    messages = [
        verifier("tableau-tri", attendu.iloc[1:]).message,
        verifier("mer-trous", _attendu(tous()["mer-trous"])[1:]).message,
    ]
    for message in messages:
        assert "n'a pas assez" in message and " a pas assez" not in message.replace("n'a pas", "")


# --- The solution, on request only --------------------------------------------------------------------


def test_la_solution_sur_demande_est_notee(tmp_path, monkeypatch):
    from phare.verifier import bilan, progression, solution

    monkeypatch.setenv("PHARE_PROGRESSION", str(tmp_path / "p.json"))
    progression.oublier_session()
    exercice = tous()["pluie-cumul"]
    vue = solution("pluie-cumul")
    assert exercice.solution in vue.texte and "solution consultée" in vue.texte
    html = vue._repr_html_()
    assert 'class="phare-solution" data-exercice="pluie-cumul"' in html and "<code>reponse = " in html
    assert progression.lire()["pluie-cumul"]["solution"] is True
    ligne = next(ligne for ligne in bilan("resumer-sans-trahir").lignes if ligne.identifiant == "pluie-cumul")
    assert ligne.solution and "solution consultée" in repr(bilan("resumer-sans-trahir"))
    inconnue = solution("pluie-cumull")
    assert "pluie-cumul" in inconnue.texte and exercice.solution not in inconnue.texte
    progression.oublier_session()
