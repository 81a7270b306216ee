"""Le parcours « sans programmer » : les étapes et les formules de tableur des modules.

Une seule source pour chaque module : un fichier YAML (`book/manipuler/tableur/*.yml`) qui
décrit le fichier CSV à ouvrir, les réglages de l'import et les formules à taper.
- La page du module l'affiche, avec la valeur que la lectrice doit lire, calculée par pandas.
- `tests/test_tableur.py` fait taper les mêmes formules à LibreOffice Calc, sur le même
  fichier CSV, et compare avec pandas.
Ainsi la page et le test ne peuvent pas diverger.

Dans une formule, trois gabarits sont remplacés à partir du vrai fichier CSV :
- `{plage:colonne}` : la plage des données de la colonne, par exemple `B2:B14611` ;
- `{col:colonne}` : la lettre de la colonne, par exemple `B` ;
- `{derniere}` : le numéro de la dernière ligne de données, par exemple `14611`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .donnees import charger, dossier_donnees, metadonnees
from .graphiques import tendance_lineaire
from .texte import nombre
from .typographie import corriger

_GABARIT = re.compile(r"\{(plage|col|ligne):([^}]+)\}|\{derniere\}")
_CELLULE = re.compile(r"^([A-Z]+)([0-9]+)$")


def lettre(indice: int) -> str:
    """La lettre de colonne d'un tableur pour un indice qui commence à 0 : 0 → A, 26 → AA."""
    texte = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        texte = chr(ord("A") + reste) + texte
    return texte


def indice(lettres: str) -> int:
    """L'inverse de `lettre` : A → 0, AA → 26."""
    n = 0
    for c in lettres:
        n = n * 26 + (ord(c) - ord("A") + 1)
    return n - 1


@dataclass
class Etape:
    texte: str
    cellule: str | None = None
    formule: str | None = None  # la formule telle que la lectrice la tape (gabarits remplacés)
    pandas: str | None = None  # l'expression pandas qui donne la même valeur (variable `df`)
    decimales: int = 0


@dataclass
class Feuille:
    jeu: str
    ressource: str | None
    chemin_csv: Path
    colonnes: list[str]
    derniere: int  # numéro de la dernière ligne de données (la ligne 1 porte les en-têtes)
    colonnes_texte: list[str] = field(default_factory=list)
    etapes: list[Etape] = field(default_factory=list)

    def formules(self) -> list[Etape]:
        return [e for e in self.etapes if e.formule]

    def tableau(self) -> pd.DataFrame:
        """Le tableau tel que pandas le lit avec `charger` (le parcours « avec Python »)."""
        return charger(self.jeu, self.ressource)

    def attendu(self, etape: Etape, df: pd.DataFrame | None = None) -> float:
        """La valeur que la formule doit donner, calculée par pandas."""
        df = self.tableau() if df is None else df
        espace = {"df": df, "pd": pd, "tendance_lineaire": tendance_lineaire}
        return float(eval(etape.pandas, espace))  # noqa: S307 (nos propres fichiers)


def _entete_et_lignes(chemin: Path) -> tuple[list[str], list[list[str]]]:
    with open(chemin, encoding="utf-8", newline="") as f:
        lecteur = csv.reader(f)
        entete = next(lecteur)
        return entete, list(lecteur)


def developper(modele: str, colonnes: list[str], lignes: list[list[str]]) -> str:
    """Remplacer les gabarits d'une formule par les vraies lettres et plages du fichier.

    `lignes` : les lignes de données du CSV (sans l'en-tête), pour trouver les numéros de ligne.
    """
    derniere = len(lignes) + 1

    def remplacer(m: re.Match) -> str:
        if m.group(0) == "{derniere}":
            return str(derniere)
        if m.group(1) == "ligne":  # {ligne:annee=1900} : le numéro de la ligne où annee vaut 1900
            nom, _, valeur = m.group(2).partition("=")
            j = colonnes.index(nom)
            trouvees = [i + 2 for i, ligne in enumerate(lignes) if ligne[j] == valeur]
            if len(trouvees) != 1:
                raise ValueError(f"{m.group(0)} : {len(trouvees)} lignes trouvées, il en faut une.")
            return str(trouvees[0])
        nom = m.group(2)
        if nom not in colonnes:
            raise KeyError(f"La colonne « {nom} » n'existe pas dans le fichier ({colonnes}).")
        c = lettre(colonnes.index(nom))
        return c if m.group(1) == "col" else f"{c}2:{c}{derniere}"

    return _GABARIT.sub(remplacer, modele)


def lire_feuille(chemin_yaml: str | Path) -> Feuille:
    """Lire un fichier d'étapes YAML et le confronter au vrai fichier CSV du jeu de données."""
    import yaml  # importé ici : le reste de phare n'en a pas besoin (JupyterLite)

    spec = yaml.safe_load(Path(chemin_yaml).read_text(encoding="utf-8"))
    meta = metadonnees(spec["jeu"])
    ressources = meta["resources"]
    res = ressources[0]
    if spec.get("ressource"):
        res = next(r for r in ressources if r["name"] == spec["ressource"])
    chemin = dossier_donnees() / spec["jeu"] / res["path"]
    colonnes, lignes = _entete_et_lignes(chemin)
    feuille = Feuille(
        spec["jeu"], spec.get("ressource"), chemin, colonnes, len(lignes) + 1,
        list(spec.get("colonnes_texte", [])),
    )
    for brute in spec["etapes"]:
        etape = Etape(
            # Les gabarits valent aussi dans le texte : « la ligne {derniere} ».
            texte=developper(brute["texte"], colonnes, lignes),
            cellule=brute.get("cellule"),
            pandas=brute.get("pandas"),
            decimales=int(brute.get("decimales", 0)),
        )
        if brute.get("formule"):
            etape.formule = developper(brute["formule"], colonnes, lignes)
            col = _CELLULE.match(etape.cellule).group(1)
            if indice(col) < len(colonnes):
                raise ValueError(
                    f"La cellule {etape.cellule} écraserait les données : choisissez "
                    f"une colonne après {lettre(len(colonnes) - 1)}."
                )
        feuille.etapes.append(etape)
    return feuille


def options_import(feuille: Feuille) -> str:
    """Les options du filtre CSV de LibreOffice qui reproduisent les réglages de la page.

    Virgule comme séparateur, UTF-8, langue Anglais (États-Unis d'Amérique) (le point est le
    séparateur décimal du fichier), colonnes de codes en « Texte », et « Évaluer les formules » pour le test.
    """
    types = "/".join(f"{feuille.colonnes.index(c) + 1}/2" for c in feuille.colonnes_texte)
    return f"CSV:44,34,76,1,{types},1033,false,false,false,false,false,true"


def csv_avec_formules(feuille: Feuille, sortie: Path) -> dict[str, tuple[int, int]]:
    """Recopier le CSV réel dans `sortie` et y ajouter les formules, chacune dans la cellule que dit
    la page : LibreOffice l'ouvre avec `options_import` et calcule ce que la lectrice tape.
    Renvoie, pour chaque cellule, sa position (ligne, colonne, à partir de 0).
    Used by tests/test_tableur.py (Calc against pandas) and phare.construction.captures (screenshots)."""
    with open(feuille.chemin_csv, encoding="utf-8", newline="") as f:
        lignes = list(csv.reader(f))
    if any(c.startswith("=") for ligne in lignes for c in ligne):
        raise ValueError(
            f"{feuille.chemin_csv.name} : une donnée commence par « = », Calc la lirait comme une formule."
        )
    positions = {}
    for etape in feuille.formules():
        lettres = etape.cellule.rstrip("0123456789")
        ligne, col = int(etape.cellule[len(lettres):]) - 1, indice(lettres)
        while len(lignes) <= ligne:
            lignes.append([])
        lignes[ligne] += [""] * (col + 1 - len(lignes[ligne]))
        lignes[ligne][col] = etape.formule
        positions[etape.cellule] = (ligne, col)
    with open(sortie, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(lignes)
    return positions


def markdown_etapes(feuille: Feuille) -> str:
    """Les étapes en liste numérotée Markdown, avec la formule et la valeur attendue."""
    df = feuille.tableau()
    lignes = []
    for i, e in enumerate(feuille.etapes, start=1):
        texte = e.texte.strip().replace("{cellule}", f"**{e.cellule}**" if e.cellule else "")
        if e.formule:
            attendu = feuille.attendu(e, df)
            arrondi = round(attendu, e.decimales) != attendu
            texte += (
                f"\n   Tapez exactement : `{e.formule}` puis la touche Entrée."
                f"\n   Vous devez lire **{nombre(attendu, e.decimales)}**"
                + (" (arrondi)." if arrondi else ".")
            )
        lignes.append(f"{i}. {texte}")
    return corriger("\n".join(lignes))


def markdown_import(feuille: Feuille) -> str:
    """Les réglages de la fenêtre « Import de texte » de LibreOffice Calc, en liste Markdown."""
    lignes = [
        "- **Jeu de caractères** : Unicode (UTF-8) ;",
        "- **Langue** : Anglais (États-Unis d'Amérique), car le fichier écrit les nombres avec un "
        "point (`3.5`) ;",
        "- **Séparé par** : cochez seulement **Virgule** ;",
    ]
    for c in feuille.colonnes_texte:
        lignes.append(
            f"- dans l'aperçu en bas, cliquez sur l'en-tête de la colonne `{c}` "
            f"(colonne {lettre(feuille.colonnes.index(c))}) et choisissez "
            "**Type de colonne : Texte** ;"
        )
    lignes.append("- cliquez sur **OK**.")
    return corriger("\n".join(lignes))
