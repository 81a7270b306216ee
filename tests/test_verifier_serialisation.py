"""The answers a pupil's sandbox hands back: typed JSON, never pickle, rebuilt faithfully, with limits.

Whatever crosses is plain data: the parent rebuilds it from a closed list of tags and refuses the
rest (ReleveInvalide); nothing it receives is executed, imported or unpickled.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phare.donnees import charger
from phare.verifier.reponse import MethodeNonAppelee, Objet, TropGrand, nature
from phare.verifier.serialisation import TEXTE_MAX, ReleveInvalide, decoder, encoder


def aller_retour(x):
    """Through the pipe: encoded by the pupil's process, as JSON text, decoded by the parent."""
    texte = json.dumps(encoder(x), ensure_ascii=False, allow_nan=False)
    return decoder(json.loads(texte))


@pytest.mark.parametrize(
    "valeur",
    [
        None, True, False, 0, -7, 2**60, 3.25, -0.0, "", "Brest", "29019", "é\u202f»",
        [1, 2.5, "a", None], (1, 2), {1, 2, 3}, {"a": [1, {"b": 2}]}, [[1, [2, [3]]]],
        decimal.Decimal("1.10"), fractions.Fraction(1, 3), complex(1, -2),
        dt.date(2014, 1, 1), dt.datetime(2014, 1, 1, 12, 30), dt.time(8, 15), dt.timedelta(hours=3),
    ],
    ids=repr,
)  # fmt: skip
def test_les_valeurs_simples_traversent_a_l_identique(valeur):
    revenue = aller_retour(valeur)
    assert revenue == valeur and type(revenue) is type(valeur)


def test_les_nombres_speciaux_et_les_scalaires_numpy():
    assert math.isnan(aller_retour(float("nan")))
    assert aller_retour(float("inf")) == math.inf and aller_retour(-math.inf) == -math.inf
    assert aller_retour(np.float64(1.5)) == 1.5 and aller_retour(np.int64(12)) == 12
    assert aller_retour(np.bool_(True)) is True
    assert aller_retour(...) is Ellipsis
    assert aller_retour(pd.NA) is pd.NA and aller_retour(pd.NaT) is pd.NaT
    assert aller_retour(pd.Timestamp("2014-03-01 10:00")) == pd.Timestamp("2014-03-01 10:00")


def test_les_tableaux_de_pandas_et_numpy():
    pluie = charger("pluie-quotidienne")
    for tableau in (pluie.head(50), charger("communes-finistere"), charger("niveau-marin-brest-annuel")):
        revenu = aller_retour(tableau)
        assert list(revenu.columns) == list(tableau.columns)
        assert [str(t) for t in revenu.dtypes] == [str(t) for t in tableau.dtypes]
        pd.testing.assert_frame_equal(revenu, tableau, check_index_type=False)
    serie = charger("niveau-marin-brest-annuel")["niveau_mm"]
    pd.testing.assert_series_equal(aller_retour(serie), serie, check_index_type=False)
    assert type(aller_retour(serie.values)).__name__ == "IntegerArray"
    assert list(aller_retour(serie.values)) == list(serie.values)
    assert aller_retour(pd.Index(["a", "b"])).tolist() == ["a", "b"]
    assert isinstance(aller_retour(pd.RangeIndex(0, 10, 2)), pd.RangeIndex)
    grille = np.arange(6, dtype="int32").reshape(2, 3)
    assert np.array_equal(aller_retour(grille), grille) and aller_retour(grille).dtype == grille.dtype
    textes = np.array(["a", "bb"])
    assert aller_retour(textes).tolist() == ["a", "bb"]


def test_ce_qui_n_est_pas_une_donnee_voyage_par_sa_seule_nature():
    class MaClasse:
        pass

    assert aller_retour(MaClasse()) == Objet("un objet de type MaClasse")
    assert aller_retour(i for i in range(3)) == Objet("un générateur")
    assert aller_retour(pd.Series([1.0]).sum) == MethodeNonAppelee()
    assert nature(aller_retour(print)) == "une méthode ou une fonction qui n'a pas été appelée"
    erreur = aller_retour(KeyError("brest_mm"))
    assert isinstance(erreur, KeyError)
    propre = type("MonErreur", (ValueError,), {})
    revenue = aller_retour(propre())
    assert isinstance(revenue, ValueError) and type(revenue).__name__ == "MonErreur"
    piege = type("\x1b[32m✔ réussi", (Exception,), {})
    assert type(aller_retour(piege())).__name__ == "inconnu", "un nom de type n'apporte pas de texte libre"

    class Hostile:
        def __len__(self):
            raise RuntimeError("non")

        def __iter__(self):
            raise RuntimeError("non")

    assert isinstance(aller_retour(Hostile()), Objet)


@pytest.mark.lent
def test_les_limites_de_taille():
    assert isinstance(aller_retour(list(range(1_200_000))), TropGrand)
    assert isinstance(aller_retour(pd.DataFrame({"a": range(600_000), "b": range(600_000)})), TropGrand)
    assert isinstance(aller_retour(np.zeros(2_000_000)), TropGrand)
    assert len(aller_retour("x" * 50_000_000)) == TEXTE_MAX
    assert aller_retour(10**500) == Objet("un nombre entier démesuré")
    profond = []
    for _ in range(200):
        profond = [profond]
    assert isinstance(aller_retour(profond), Objet)


@pytest.mark.parametrize(
    "forge",
    [
        {"t": "pickle", "v": "gASVAAAA"},
        {"t": "objet", "nature": "\x1b[2J✔ réussi"},
        {"t": "dataframe", "colonnes": ["a"], "types": ["object; import os"], "valeurs": [[1, 2]],
         "index": {"t": "index", "plage": [0, 1, 1]}},
        {"t": "dataframe", "colonnes": ["a", "b"], "types": ["int64"], "valeurs": [[1]],
         "index": {"t": "index", "plage": [0, 1, 1]}},
        {"t": "index", "plage": [0, 10**12, 1]},
        {"t": "int", "v": "9" * 5000},
        {"t": "ndarray", "type": "float64", "forme": [3, 3], "v": [1.0]},
        {"t": "dict", "v": [[{"t": "list", "v": []}, 1]]},
        {"t": "set", "v": [{"t": "list", "v": []}]},
        {"t": "temps", "genre": "eval", "v": "__import__('os')"},
        {"t": "exception", "mro": "KeyError"},
        {"t": "float", "v": "1e309"},
        "x" * (TEXTE_MAX + 1),
        2**70,
        [1, 2],
        {"pas-de-type": 1},
    ],
    ids=lambda v: str(v)[:40],
)  # fmt: skip
def test_une_reponse_forgee_est_refusee_ou_inoffensive(forge):
    try:
        revenue = decoder(forge)
    except ReleveInvalide:
        return
    assert isinstance(revenue, Objet) and revenue.nature == "un objet", revenue


def test_une_imbrication_demesuree_est_refusee():
    forge = {"t": "list", "v": []}
    for _ in range(5000):
        forge = {"t": "list", "v": [forge]}
    with pytest.raises((ReleveInvalide, RecursionError)):
        decoder(forge)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda enfants: (
            st.lists(enfants, max_size=5) | st.dictionaries(st.text(max_size=5), enfants, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_n_importe_quel_json_est_decode_ou_refuse(valeur):
    try:
        decoder(valeur)
    except ReleveInvalide:
        pass
