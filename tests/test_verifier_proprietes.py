"""Property-based tests (Hypothesis): whatever a learner passes, every check answers in French
and no exception escapes."""

from __future__ import annotations

import decimal
import fractions
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.extra import pandas as hpd

from phare.verifier import Resultat, moteur, verifier
from phare.verifier.exercices import tous
from phare.verifier.resultat import STATUTS

IDENTIFIANTS = sorted(tous())


@pytest.fixture(autouse=True, scope="module")
def _isoler():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PHARE_PROGRESSION", "")
        patch.delenv("PHARE_RELEVE", raising=False)
        yield
    moteur.oublier_indices()


class _Hostile:
    """An object whose every special method raises."""

    def __eq__(self, autre):
        raise RuntimeError("eq")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __float__(self):
        raise RuntimeError("float")

    def __bool__(self):
        raise RuntimeError("bool")

    def __repr__(self):
        raise RuntimeError("repr")

    __hash__ = object.__hash__


def _leve(erreur):
    def calcul():
        raise erreur

    return calcul


scalaires = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.binary(max_size=20),
    st.complex_numbers(allow_nan=True),
    st.decimals(allow_nan=True),
    st.fractions(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(np.int64),
    st.floats(width=32).map(np.float32),
    st.sampled_from(
        [pd.NA, pd.NaT, np.nan, math.inf, -0.0, decimal.Decimal("NaN"), fractions.Fraction(1, 3)]
    ),
    st.builds(_Hostile),
    st.sampled_from([ValueError("x"), KeyError("brest_mm"), ZeroDivisionError(), RecursionError()]),
    st.sampled_from([KeyError("k"), TypeError("t"), NameError("n"), MemoryError()]).map(_leve),
    st.sampled_from([len, print, str.upper, "abc".upper, pd.Series([1.0]).mean]),
    st.builds(lambda v: lambda: v, st.integers() | st.text(max_size=5) | st.none()),
)

tableaux = st.one_of(
    hpd.data_frames(
        columns=[hpd.column("nom", dtype=str), hpd.column("population_municipale", dtype=int)],
        index=hpd.range_indexes(max_size=12),
    ),
    hpd.data_frames(columns=hpd.columns(["a", "b", "c"], dtype=float), index=hpd.range_indexes(max_size=5)),
    hpd.series(dtype=float, index=hpd.range_indexes(max_size=8)),
    hpd.series(elements=st.integers(1800, 2030), dtype=int, index=hpd.range_indexes(max_size=30)),
    hnp.arrays(dtype=hnp.scalar_dtypes(), shape=hnp.array_shapes(max_dims=3, max_side=4)),
)

reponses = st.recursive(
    st.one_of(scalaires, tableaux),
    lambda enfants: st.one_of(
        st.lists(enfants, max_size=6),
        st.tuples(enfants, enfants),
        st.dictionaries(st.text(max_size=4), enfants, max_size=3),
        st.frozensets(st.integers(), max_size=6),
    ),
    max_leaves=12,
)


def _verifier_sans_exception(identifiant, reponse) -> Resultat:
    resultat = verifier(identifiant, reponse)
    assert isinstance(resultat, Resultat)
    assert resultat.statut in STATUTS
    assert isinstance(resultat.message, str) and resultat.message.strip()
    assert "Traceback" not in resultat.texte
    assert isinstance(repr(resultat), str)
    assert isinstance(resultat._repr_html_(), str)
    assert isinstance(resultat._repr_markdown_(), str)
    return resultat


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(identifiant=st.sampled_from(IDENTIFIANTS), reponse=reponses)
def test_aucune_exception_ne_s_echappe(identifiant, reponse):
    _verifier_sans_exception(identifiant, reponse)


@settings(max_examples=150, deadline=None)
@given(
    identifiant=st.one_of(st.text(max_size=30), st.none(), st.integers(), st.builds(_Hostile)),
    reponse=scalaires,
)
def test_identifiant_quelconque(identifiant, reponse):
    resultat = _verifier_sans_exception(identifiant, reponse)
    if identifiant not in tous():
        assert resultat.statut == "inconnu"


@settings(max_examples=200, deadline=None)
@given(identifiant=st.sampled_from(IDENTIFIANTS), decalage=st.floats(min_value=1e-3, max_value=1e6))
def test_un_nombre_faux_n_est_jamais_accepte(identifiant, decalage):
    attendu = moteur._attendu(tous()[identifiant])
    if isinstance(attendu, int | float) and not isinstance(attendu, bool):
        forme = tous()[identifiant].forme
        decimales = getattr(forme, "decimales", None)
        marge = 0.5 * 10 ** (-decimales) * 1.01 if decimales is not None else 0.0  # rounding allowed
        marge = max(marge, (getattr(forme, "tolerance", None) or 0.0) * 1.01)  # the stated tolerance
        resultat = _verifier_sans_exception(identifiant, float(attendu) + marge + decalage)
        assert not resultat.reussi
