"""An answer carried from a pupil's process to the trusted parent: typed JSON, never pickle.

During a class check (`phare verifier`), the pupil's code runs in a sandbox and only hands back the
values given to `verifier("id", reponse)`. Those values cross as JSON, with a type tag where JSON
alone would be ambiguous; the parent rebuilds plain data from them (numbers, texts, lists, tables)
and judges it. Nothing the pupil's process sends is ever executed, imported or unpickled:
- `encoder` (pupil's side) never raises: an object that is not data travels as its kind only
  (`Objet`), an object far too big as `TropGrand`;
- `decoder` (parent's side) accepts only the tags below, with limits on depth, number of values and
  length of texts, and raises `ReleveInvalide` on anything else (then the parent says so).

Encoded values: a JSON null, boolean, finite number or text stands for itself; anything else is an
object with a tag "t":
  float (nan, inf), int (big), complex, ellipsis, na, nat, temps (date, time, datetime, Timestamp,
  Timedelta), decimal, fraction, list, tuple, set, dict, ndarray, extension (pandas' own arrays),
  index, series, dataframe, exception, methode, objet, trop-grand, figure (a matplotlib chart,
  as its description in words: figure.py).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import fractions
import json
import math
import re
import types

# The same limit as the comparisons (reponse.TAILLE_MAX): beyond it an answer is surely wrong.
VALEURS_MAX = 1_000_000
TEXTE_MAX = 20_000  # characters; a text answer above 10 000 is already « bien trop long »
OCTETS_MAX = 16 * 1024 * 1024  # one encoded answer
PROFONDEUR_MAX = 20
CHIFFRES_MAX = 400  # a whole number with more digits cannot be an answer

_TYPES_SURS = {
    # numpy dtypes and pandas' own dtypes a column may be rebuilt with, by their str() name
    *(f"{prefixe}{bits}" for prefixe in ("int", "uint", "Int", "UInt") for bits in (8, 16, 32, 64)),
    "float16",
    "float32",
    "float64",
    "Float32",
    "Float64",
    "bool",
    "boolean",
    "object",
    "string",
    "str",
    "category",
    "complex64",
    "complex128",
}
_TEMPS = re.compile(r"^(datetime64|timedelta64)\[(s|ms|us|ns)(, .{1,40})?\]$")


class ReleveInvalide(ValueError):
    """A value sent by a pupil's process that is not a well-formed encoded answer."""


# --- Pupil's side ------------------------------------------------------------------------------


class _TropGrand(Exception):
    pass


def nature_sans_taille(x) -> str:
    from .reponse import nature

    return nature(x)


def _nature_prudente(x) -> str:
    try:
        return nature_sans_taille(x)
    except Exception:
        return "un objet"


def encoder(x) -> dict | list | str | int | float | bool | None:
    """The JSON form of an answer (never raises; the size is checked as it goes)."""
    compteur = [0]
    try:
        valeur = _encoder(x, compteur, 0)
    except _TropGrand:
        return {"t": "trop-grand", "nature": _nature_prudente(x)}
    except RecursionError:
        return {"t": "objet", "nature": "un objet imbriqué trop profondément"}
    except Exception:  # a hostile object (its methods raise): only its kind travels
        return {"t": "objet", "nature": _nature_prudente(x)}
    try:
        texte = json.dumps(valeur, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError):
        return {"t": "objet", "nature": _nature_prudente(x)}
    if len(texte) > OCTETS_MAX:
        return {"t": "trop-grand", "nature": _nature_prudente(x)}
    return valeur


def _compter(compteur: list[int], n: int) -> None:
    compteur[0] += n
    if compteur[0] > VALEURS_MAX:
        raise _TropGrand


def _encoder(x, compteur: list[int], profondeur: int):  # noqa: C901 - one branch per kind, on purpose
    if profondeur > PROFONDEUR_MAX:
        raise RecursionError  # caught by `encoder`: the whole answer travels as its kind
    _compter(compteur, 1)
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, str):
        return x[:TEXTE_MAX]
    if isinstance(x, int):
        if abs(x) < 2**53:
            return x
        chiffres = len(str(abs(x))) if x.bit_length() < 4 * CHIFFRES_MAX else CHIFFRES_MAX + 1
        return {"t": "int", "v": str(x) if chiffres <= CHIFFRES_MAX else None}
    if isinstance(x, float):
        return x if math.isfinite(x) else {"t": "float", "v": repr(x)}
    if isinstance(x, complex):
        return {
            "t": "complex",
            "re": _encoder(x.real, compteur, profondeur),
            "im": _encoder(x.imag, compteur, profondeur),
        }
    if x is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(x, decimal.Decimal):
        return {"t": "decimal", "v": str(x)[:CHIFFRES_MAX]}
    if isinstance(x, fractions.Fraction):
        return {
            "t": "fraction",
            "n": _encoder(x.numerator, compteur, profondeur),
            "d": _encoder(x.denominator, compteur, profondeur),
        }
    if isinstance(x, BaseException):
        return {"t": "exception", "mro": [c.__name__[:60] for c in type(x).__mro__][:12]}
    if isinstance(x, types.MethodType | types.BuiltinMethodType | types.BuiltinFunctionType) or (
        callable(x) and type(x).__name__ in {"method-wrapper", "method_descriptor", "wrapper_descriptor"}
    ):
        return {"t": "methode"}
    if isinstance(x, _dt.datetime | _dt.date | _dt.time | _dt.timedelta):
        return _temps(x)
    if isinstance(x, list | tuple | set | frozenset):
        genre = "list" if isinstance(x, list) else "tuple" if isinstance(x, tuple) else "set"
        _compter(compteur, len(x))
        elements = sorted(x, key=repr) if genre == "set" else x
        return {"t": genre, "v": [_encoder(v, compteur, profondeur + 1) for v in elements]}
    if isinstance(x, dict):
        _compter(compteur, 2 * len(x))
        return {
            "t": "dict",
            "v": [
                [_encoder(k, compteur, profondeur + 1), _encoder(v, compteur, profondeur + 1)]
                for k, v in x.items()
            ],
        }
    return _encoder_scientifique(x, compteur, profondeur)


def _temps(x) -> dict:
    try:
        import pandas as pd

        if x is pd.NaT:
            return {"t": "nat"}
        if isinstance(x, pd.Timedelta):
            return {"t": "temps", "genre": "duree", "v": x.isoformat()}
        if isinstance(x, pd.Timestamp):
            return {"t": "temps", "genre": "horodatage", "v": x.isoformat()}
    except ImportError:
        pass
    genre = "datetime" if isinstance(x, _dt.datetime) else "date" if isinstance(x, _dt.date) else "heure"
    if isinstance(x, _dt.timedelta):
        return {"t": "temps", "genre": "secondes", "v": x.total_seconds()}
    return {"t": "temps", "genre": genre, "v": x.isoformat()}


def _encoder_scientifique(x, compteur, profondeur):
    """numpy and pandas values (imported only if the answer is one of theirs)."""
    import sys

    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    if pd is not None:
        if x is pd.NA:
            return {"t": "na"}
        if x is pd.NaT:
            return {"t": "nat"}
        if isinstance(x, pd.Timestamp | pd.Timedelta):
            return _temps(x)
        if isinstance(x, pd.DataFrame):
            lignes, colonnes = x.shape
            _compter(compteur, lignes * max(colonnes, 1))
            return {
                "t": "dataframe",
                "colonnes": [_encoder(c, compteur, profondeur + 1) for c in x.columns],
                "types": [str(t)[:60] for t in x.dtypes],
                "valeurs": [_valeurs(x.iloc[:, i], compteur, profondeur) for i in range(colonnes)],
                "index": _index(x.index, compteur, profondeur),
                "lignes": lignes,
            }
        if isinstance(x, pd.Series):
            _compter(compteur, len(x))
            return {
                "t": "series",
                "nom": _encoder(x.name, compteur, profondeur + 1),
                "type": str(x.dtype)[:60],
                "v": _valeurs(x, compteur, profondeur),
                "index": _index(x.index, compteur, profondeur),
            }
        if isinstance(x, pd.Index):
            return _index(x, compteur, profondeur)
        if isinstance(x, pd.api.extensions.ExtensionArray):
            _compter(compteur, len(x))
            return {"t": "extension", "type": str(x.dtype)[:60], "v": _valeurs(x, compteur, profondeur)}
    if np is not None:
        if isinstance(x, np.generic):
            try:
                return _encoder(x.item(), compteur, profondeur)
            except Exception:
                return {"t": "objet", "nature": nature_sans_taille(x)}
        if isinstance(x, np.ndarray):
            _compter(compteur, x.size)
            return {
                "t": "ndarray",
                "type": str(x.dtype)[:60],
                "forme": list(x.shape)[:32],
                "v": _valeurs(x.reshape(-1), compteur, profondeur),
            }
    if isinstance(x, types.GeneratorType):
        return {"t": "objet", "nature": "un générateur"}
    from . import figure

    if isinstance(x, figure.Description):
        return figure.encoder(x)
    if figure.est_une_figure(x):
        return figure.encoder(figure.decrire(x))
    return {"t": "objet", "nature": nature_sans_taille(x)}


def _valeurs(sequence, compteur, profondeur) -> list:
    """The values of a column or an array, one element each (NA, NaN and dates tagged)."""
    try:
        elements = sequence.tolist()
    except Exception:
        elements = list(sequence)
    return [_element(v, compteur, profondeur) for v in elements]


def _element(v, compteur, profondeur):
    if v is None or isinstance(v, bool | str):
        return v if not isinstance(v, str) else v[:TEXTE_MAX]
    if isinstance(v, int) and abs(v) < 2**53:
        return v
    if isinstance(v, float) and math.isfinite(v):
        return v
    return _encoder(v, compteur, profondeur + 1)


def _index(index, compteur, profondeur) -> dict:
    import pandas as pd

    if isinstance(index, pd.RangeIndex):
        return {"t": "index", "plage": [index.start, index.stop, index.step]}
    _compter(compteur, len(index))
    return {"t": "index", "type": str(index.dtype)[:60], "v": _valeurs(index, compteur, profondeur)}


# --- Parent's side -----------------------------------------------------------------------------


def decoder(valeur, compteur: list[int] | None = None, profondeur: int = 0):
    """Rebuild the answer from its JSON form; raises ReleveInvalide if it is not well formed."""
    compteur = [0] if compteur is None else compteur
    compteur[0] += 1
    if compteur[0] > 2 * VALEURS_MAX or profondeur > PROFONDEUR_MAX + 2:
        raise ReleveInvalide("trop de valeurs")
    if valeur is None or isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, str):
        if len(valeur) > TEXTE_MAX:
            raise ReleveInvalide("texte trop long")
        return valeur
    if isinstance(valeur, int):
        if abs(valeur) >= 2**63:
            raise ReleveInvalide("entier")
        return valeur
    if isinstance(valeur, float):
        return valeur
    if not isinstance(valeur, dict) or not isinstance(valeur.get("t"), str):
        raise ReleveInvalide("valeur sans type")
    decodeur = _DECODEURS.get(valeur["t"])
    if decodeur is None:
        raise ReleveInvalide("type inconnu")
    try:
        return decodeur(valeur, compteur, profondeur + 1)
    except ReleveInvalide:
        raise
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        OverflowError,
        AttributeError,
        ArithmeticError,
    ) as erreur:
        raise ReleveInvalide(type(erreur).__name__) from None


def _liste(valeur, compteur, profondeur) -> list:
    elements = valeur["v"]
    if not isinstance(elements, list):
        raise ReleveInvalide("liste")
    return [decoder(v, compteur, profondeur) for v in elements]


def _texte(valeur, cle: str, limite: int = 200) -> str:
    texte = valeur[cle]
    if not isinstance(texte, str) or len(texte) > limite:
        raise ReleveInvalide(cle)
    return texte


def _d_float(valeur, compteur, profondeur):
    texte = _texte(valeur, "v", 10)
    if texte not in ("nan", "inf", "-inf"):
        raise ReleveInvalide("float")
    return float(texte)


def _d_int(valeur, compteur, profondeur):
    texte = valeur["v"]
    if texte is None:
        from .reponse import Objet

        return Objet("un nombre entier démesuré")
    if not isinstance(texte, str) or len(texte) > CHIFFRES_MAX + 1 or not re.fullmatch(r"-?\d+", texte):
        raise ReleveInvalide("int")
    return int(texte)


def _d_nombre(valeur, cle, compteur, profondeur) -> float | int:
    nombre = decoder(valeur[cle], compteur, profondeur)
    if isinstance(nombre, bool) or not isinstance(nombre, int | float):
        raise ReleveInvalide("nombre")
    return nombre


def _d_complex(valeur, compteur, profondeur):
    return complex(
        _d_nombre(valeur, "re", compteur, profondeur), _d_nombre(valeur, "im", compteur, profondeur)
    )


def _d_decimal(valeur, compteur, profondeur):
    try:
        return decimal.Decimal(_texte(valeur, "v", CHIFFRES_MAX))
    except decimal.InvalidOperation:
        raise ReleveInvalide("decimal") from None


def _d_fraction(valeur, compteur, profondeur):
    n, d = _d_nombre(valeur, "n", compteur, profondeur), _d_nombre(valeur, "d", compteur, profondeur)
    if not isinstance(n, int) or not isinstance(d, int) or d == 0:
        raise ReleveInvalide("fraction")
    return fractions.Fraction(n, d)


def _d_temps(valeur, compteur, profondeur):
    import pandas as pd

    genre = valeur["genre"]
    if genre == "secondes":
        return _dt.timedelta(seconds=_d_nombre(valeur, "v", compteur, profondeur))
    texte = _texte(valeur, "v", 60)
    lecteurs = {
        "datetime": _dt.datetime.fromisoformat,
        "date": _dt.date.fromisoformat,
        "heure": _dt.time.fromisoformat,
        "horodatage": pd.Timestamp,
        "duree": pd.Timedelta,
    }
    if genre not in lecteurs:
        raise ReleveInvalide("temps")
    return lecteurs[genre](texte)


def _d_exception(valeur, compteur, profondeur):
    """A stand-in for the pupil's exception: a class of the same name, under the nearest builtin."""
    import builtins

    from .reponse import nom_de_type

    noms = valeur["mro"]
    if not isinstance(noms, list) or not noms or not all(isinstance(n, str) for n in noms):
        raise ReleveInvalide("exception")
    base = next(
        (
            getattr(builtins, n)
            for n in noms
            if isinstance(getattr(builtins, n, None), type)
            and issubclass(getattr(builtins, n), BaseException)
        ),
        Exception,
    )
    nom = nom_de_type(noms[0])
    classe = base if base.__name__ == nom else type(nom, (base,), {})
    try:
        return classe()
    except TypeError:  # a builtin exception whose constructor wants arguments (UnicodeDecodeError…)
        return type(nom, (Exception,), {})()


def _d_methode(valeur, compteur, profondeur):
    from .reponse import MethodeNonAppelee

    return MethodeNonAppelee()


def _d_objet(valeur, compteur, profondeur):
    from .reponse import Objet

    return Objet(_nature_sure(valeur))


def _d_trop_grand(valeur, compteur, profondeur):
    from .reponse import TropGrand

    return TropGrand(_nature_sure(valeur))


_NATURE = re.compile(r"^[\w \-'’()`.,«»\u00a0]{1,120}$")


def _nature_sure(valeur) -> str:
    """The kind of object as the pupil's process described it, if it reads like one of ours."""
    from .reponse import nom_de_type

    texte = valeur.get("nature")
    if isinstance(texte, str) and _NATURE.match(texte):
        if texte.startswith("un objet de type "):
            return "un objet de type " + nom_de_type(texte.removeprefix("un objet de type "))
        return texte
    return "un objet"


def _type_sur(nom) -> str | None:
    if isinstance(nom, str) and (nom in _TYPES_SURS or _TEMPS.match(nom)):
        return nom
    return None


def _colonne(valeurs: list, type_, compteur, profondeur):
    import pandas as pd

    elements = [decoder(v, compteur, profondeur) for v in valeurs]
    dtype = _type_sur(type_)
    if dtype in (None, "object"):
        return pd.array(elements, dtype=object) if elements else pd.array([], dtype=object)
    try:
        if dtype.startswith(("datetime64", "timedelta64")):
            serie = pd.Series(elements, dtype=object)
            convertie = pd.to_datetime(serie) if dtype.startswith("datetime64") else pd.to_timedelta(serie)
            return convertie.array
        return pd.array(elements, dtype=dtype)
    except (TypeError, ValueError, OverflowError):
        return pd.array(elements, dtype=object)


def _d_index(valeur, compteur, profondeur):
    import pandas as pd

    if "plage" in valeur:
        debut, fin, pas = valeur["plage"]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (debut, fin, pas)) or pas == 0:
            raise ReleveInvalide("plage")
        if abs(fin - debut) // abs(pas) > VALEURS_MAX:
            raise ReleveInvalide("plage")
        return pd.RangeIndex(debut, fin, pas)
    valeurs = valeur["v"]
    if not isinstance(valeurs, list):
        raise ReleveInvalide("index")
    return pd.Index(_colonne(valeurs, valeur.get("type"), compteur, profondeur))


def _d_series(valeur, compteur, profondeur):
    import pandas as pd

    valeurs = valeur["v"]
    if not isinstance(valeurs, list):
        raise ReleveInvalide("series")
    index = _d_index(valeur["index"], compteur, profondeur)
    donnees = _colonne(valeurs, valeur.get("type"), compteur, profondeur)
    if len(index) != len(donnees):
        raise ReleveInvalide("series")
    return pd.Series(donnees, index=index, name=_nom(decoder(valeur.get("nom"), compteur, profondeur)))


def _nom(nom):
    try:
        hash(nom)
    except TypeError:
        raise ReleveInvalide("nom") from None
    return nom


def _d_dataframe(valeur, compteur, profondeur):
    import pandas as pd

    colonnes, types_, valeurs = valeur["colonnes"], valeur["types"], valeur["valeurs"]
    if not (isinstance(colonnes, list) and isinstance(types_, list) and isinstance(valeurs, list)):
        raise ReleveInvalide("dataframe")
    if not len(colonnes) == len(types_) == len(valeurs):
        raise ReleveInvalide("dataframe")
    index = _d_index(valeur["index"], compteur, profondeur)
    noms = [_nom(decoder(c, compteur, profondeur)) for c in colonnes]
    donnees = {}
    for position, (elements, type_) in enumerate(zip(valeurs, types_, strict=True)):
        if not isinstance(elements, list) or len(elements) != len(index):
            raise ReleveInvalide("dataframe")
        donnees[position] = _colonne(elements, type_, compteur, profondeur)
    tableau = pd.DataFrame(donnees, index=index) if donnees else pd.DataFrame(index=index)
    tableau.columns = pd.Index(noms) if noms else tableau.columns
    return tableau


def _d_ndarray(valeur, compteur, profondeur):
    import numpy as np

    forme = valeur["forme"]
    if not isinstance(forme, list) or not all(isinstance(n, int) and n >= 0 for n in forme):
        raise ReleveInvalide("ndarray")
    elements = _liste(valeur, compteur, profondeur)
    if math.prod(forme) != len(elements):
        raise ReleveInvalide("ndarray")
    dtype = _type_sur(valeur.get("type"))
    if dtype is not None and not dtype[0].isupper() and dtype not in ("string", "boolean", "category"):
        try:
            return np.array(elements, dtype=dtype).reshape(forme)
        except (TypeError, ValueError, OverflowError):
            pass
    tableau = np.empty(len(elements), dtype=object)
    tableau[:] = elements
    return tableau.reshape(forme)


def _d_extension(valeur, compteur, profondeur):
    valeurs = valeur["v"]
    if not isinstance(valeurs, list):
        raise ReleveInvalide("extension")
    return _colonne(valeurs, valeur.get("type"), compteur, profondeur)


def _d_dict(valeur, compteur, profondeur):
    paires = valeur["v"]
    if not isinstance(paires, list) or not all(isinstance(p, list) and len(p) == 2 for p in paires):
        raise ReleveInvalide("dict")
    return {_nom(decoder(k, compteur, profondeur)): decoder(v, compteur, profondeur) for k, v in paires}


def _d_set(valeur, compteur, profondeur):
    elements = _liste(valeur, compteur, profondeur)
    try:
        return set(elements)
    except TypeError:
        raise ReleveInvalide("set") from None


def _d_na(valeur, compteur, profondeur):
    import pandas as pd

    return pd.NA


def _d_nat(valeur, compteur, profondeur):
    import pandas as pd

    return pd.NaT


def _d_figure(valeur, compteur, profondeur):
    from . import figure

    return figure.decoder(valeur)


_DECODEURS = {
    "figure": _d_figure,
    "float": _d_float,
    "int": _d_int,
    "complex": _d_complex,
    "ellipsis": lambda v, c, p: ...,
    "na": _d_na,
    "nat": _d_nat,
    "temps": _d_temps,
    "decimal": _d_decimal,
    "fraction": _d_fraction,
    "list": _liste,
    "tuple": lambda v, c, p: tuple(_liste(v, c, p)),
    "set": _d_set,
    "dict": _d_dict,
    "ndarray": _d_ndarray,
    "extension": _d_extension,
    "index": _d_index,
    "series": _d_series,
    "dataframe": _d_dataframe,
    "exception": _d_exception,
    "methode": _d_methode,
    "objet": _d_objet,
    "trop-grand": _d_trop_grand,
}
