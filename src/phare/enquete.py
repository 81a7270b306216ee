"""L'enquête en six étapes (module « Mener l'enquête ») : la seule liste des étapes et de leurs
critères, et ce qu'on imprime pour l'enquête en groupe.

Les étapes et leurs critères sont écrits une fois, dans `[enquete]` de la table des libellés
(`phare/interface/libelles.toml`) ; `etapes()` les donne dans l'ordre, avec :
- `verification` : la part vérifiable, une vérification structurelle par étape, celle que fait
  `phare.verifier` sur le notebook de l'enquête (question écrite, jeu nommé, manquantes comptées,
  résumé avec n et période, graphique avec titre, axes, unités et source, conclusion avec une
  limite) ; son identifiant est la clé de l'étape (`question`, `donnees`, `qualite`, `resume`,
  `graphique`, `conclusion`) ;
- `jugement` : ce que juge l'enseignant·e (le raisonnement, que rien ne vérifie à sa place) ;
- `en_cours` et `atteint` : les niveaux de la grille d'évaluation (`non_aborde` pour toutes).
La fiche d'animation, l'affiche murale et la grille les lisent ici, jamais recopiés.

Les extraits (`extraits()`) sont tirés des vrais jeux de `datasets/` par une règle écrite ici
(un arrêt sur N, les hivers, les plus fortes surcotes, les trente dernières années) : 20 à 40
lignes par groupe, imprimées à la construction. Ce que chaque extrait permet et ne permet pas de
montrer est calculé sur l'extrait lui-même, pour le corrigé de l'animateur·rice.
The Markdown builders return MyST (containers with the printer's classes, `phare.construction.impression`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .interface import libelle, libelles
from .texte import compte, nombre
from .typographie import corriger

# The printer keys on these classes: blocks handed out (printed one per page with the cards), and
# the evaluation grid (printed as a document of its own, the kind « grille »).
CLASSE_DISTRIBUER = "phare-distribuer"
CLASSE_A_PART = "phare-a-part"  # handed out, but not repeated in the printed facilitator sheet
CLASSE_GRILLE = "phare-grille"


@dataclass(frozen=True)
class Etape:
    numero: int
    cle: str
    titre: str
    affiche: str
    verification: str
    jugement: str
    en_cours: str
    atteint: str


def etapes() -> list[Etape]:
    """Les six étapes, dans l'ordre, lues dans `[enquete]` de la table des libellés."""
    table = libelles()["enquete"]
    return [
        Etape(
            numero=i,
            cle=cle,
            titre=table[cle],
            affiche=table[f"{cle}_affiche"],
            verification=table[f"{cle}_verification"],
            jugement=table[f"{cle}_jugement"],
            en_cours=table[f"{cle}_en_cours"],
            atteint=table[f"{cle}_atteint"],
        )
        for i, cle in enumerate(table["etapes"], 1)
    ]


def niveaux() -> list[str]:
    return list(libelles()["enquete"]["niveaux"])


def _cellule(texte) -> str:
    return str(texte).replace("|", "\\|").replace("\n", " ")


def _tableau(entetes: list[str], lignes: list[list]) -> str:
    rangs = ["| " + " | ".join(_cellule(e) for e in entetes) + " |", "|" + "---|" * len(entetes)]
    rangs += ["| " + " | ".join(_cellule(c) for c in ligne) + " |" for ligne in lignes]
    return "\n".join(rangs)


def _bloc(classes: str, *contenu: str) -> str:
    """A MyST container (four colons, so that a table or a list can sit inside)."""
    return "::::{container} " + classes + "\n\n" + corriger("\n\n".join(contenu)) + "\n::::"


def affiche_markdown() -> str:
    """The wall poster: the six steps, what a group writes for each, and room to write."""
    g = libelles()["grille"]
    lignes = [[e.numero, f"**{e.titre}**", e.affiche, ""] for e in etapes()]
    return _bloc(
        f"{CLASSE_DISTRIBUER} {CLASSE_A_PART} phare-affiche",
        f"**{g['titre_affiche']}**",
        g["consigne_affiche"],
        _tableau(["N°", g["colonne_etape"], g["colonne_ecrire"], g["colonne_reponse"]], lignes),
    )


def grille_markdown() -> str:
    """The evaluation grid: one row per step, the checked part, the judged part, three levels to tick."""
    g = libelles()["grille"]
    case = libelle("documents.case")
    noms = niveaux()
    a_cocher = [
        [f"{e.numero}. {e.titre}", e.verification, e.jugement, *([case] * len(noms))] for e in etapes()
    ]
    rien = libelles()["enquete"]["non_aborde"]
    sens = [[f"{e.numero}. {e.titre}", e.en_cours, e.atteint] for e in etapes()]
    return _bloc(
        CLASSE_GRILLE,
        f"**{g['titre']}**",
        g["nom"],
        g["consigne"],
        _tableau([g["colonne_etape"], g["colonne_verifie"], g["colonne_juge"], *noms], a_cocher),
        g["avertissement"],
        f"**{g['raisonnement']}**",
        f"**{g['titre_niveaux']}**",
        f"{noms[0].capitalize()}\u00a0: {rien[0].lower()}{rien[1:]}",
        _tableau([g["colonne_etape"], *noms[1:]], sens),
    )


# --- The printed extracts, one per group ------------------------------------------------------


@dataclass
class Extrait:
    lettre: str
    titre: str
    question: str
    jeu: str
    choix: str  # how the rows were chosen, in words
    tableau: object  # the DataFrame printed (display columns, units in their names)
    formats: dict = field(default_factory=dict)
    montre: list[str] = field(default_factory=list)
    ne_montre_pas: list[str] = field(default_factory=list)


def _pct(part: int, total: int) -> str:
    return f"{nombre(part / total * 100, 0)}\u00a0%"


def _arrets() -> Extrait:
    from .donnees import charger

    arrets = charger("arrets-bibus").sort_values("identifiant").reset_index(drop=True)
    pas = len(arrets) // 30
    echantillon = arrets.iloc[::pas].head(30)
    tableau = echantillon[["nom", "acces_fauteuil_libelle", "latitude", "longitude"]].rename(
        columns={"acces_fauteuil_libelle": "accès en fauteuil", "latitude": "latitude (°)",
                 "longitude": "longitude (°)"})
    sans = int((echantillon["acces_fauteuil"] == 0).sum())
    tous = int((arrets["acces_fauteuil"] == 0).sum())
    return Extrait(
        "A", "Les arrêts Bibus",
        "Quelle part des arrêts Bibus n'a pas d'information sur l'accès en fauteuil roulant ?",
        "arrets-bibus",
        f"un arrêt sur {nombre(pas)}, dans l'ordre de leur identifiant, soit {nombre(len(tableau))} arrêts "
        f"sur {nombre(len(arrets))}",
        tableau, {"latitude (°)": lambda v: nombre(v, 4), "longitude (°)": lambda v: nombre(v, 4)},
        montre=[
            f"Dans l'extrait, {nombre(sans)} arrêts sur {nombre(len(tableau))} n'ont pas d'information "
            f"d'accessibilité, soit {_pct(sans, len(tableau))}.",
            f"C'est une estimation : dans le jeu complet, c'est {nombre(tous)} arrêts sur "
            f"{nombre(len(arrets))} ({_pct(tous, len(arrets))}).",
            "Aucune valeur ne manque dans l'extrait : « pas d'information » est une réponse écrite, "
            "pas une case vide.",
        ],
        ne_montre_pas=[
            "« Pas d'information » ne veut pas dire « non accessible » : l'arrêt peut l'être "
            "sans que ce soit noté.",
            "L'extrait ne dit pas la commune de chaque arrêt : il ne permet pas de comparer les communes "
            "(il faudrait placer les coordonnées sur une carte).",
            "Les lignes desservies et le matériel roulant (les bus eux-mêmes) n'y sont pas.",
        ],
    )


def _hivers() -> Extrait:
    from .donnees import charger

    pluie = charger("pluie-quotidienne")[["date", "brest_mm"]]
    mois = pluie["date"].dt.month
    hiver = pluie[mois.isin([12, 1, 2])].copy()
    hiver["debut"] = hiver["date"].dt.year - (mois[mois.isin([12, 1, 2])] != 12).astype(int)
    par_hiver = hiver.groupby("debut").agg(pluie=("brest_mm", "sum"), jours=("brest_mm", "count"),
                                           attendus=("date", "size"))
    complets = par_hiver[par_hiver["attendus"] >= 90]  # December, January and February all there
    tableau = complets.reset_index()
    tableau["hiver"] = tableau["debut"].map(lambda a: f"{a}-{a + 1}")
    tableau = tableau[["hiver", "pluie", "jours"]].rename(
        columns={"pluie": "pluie de l'hiver (mm)", "jours": "jours mesurés"})
    colonne = "pluie de l'hiver (mm)"
    cible = float(tableau.loc[tableau["hiver"] == "2013-2014", colonne].iloc[0])
    rang = int((tableau[colonne] > cible).sum()) + 1
    mediane = float(tableau["pluie de l'hiver (mm)"].median())
    return Extrait(
        "B", "Les hivers à Brest",
        "L'hiver 2013-2014 a-t-il été exceptionnellement pluvieux à Brest ?",
        "pluie-quotidienne",
        f"la pluie de chaque hiver (décembre, janvier, février) à Brest-Guipavas, "
        f"de {tableau['hiver'].iloc[0]} à {tableau['hiver'].iloc[-1]}, calculée sur les jours du jeu",
        tableau, {colonne: lambda v: nombre(v, 0)},
        montre=[
            f"L'hiver 2013-2014 a reçu {nombre(cible, 0)} mm : il est au rang "
            f"{nombre(rang)} des {nombre(len(tableau))} hivers de l'extrait, "
            "le premier étant le plus pluvieux.",
            f"La médiane des {nombre(len(tableau))} hivers est de {nombre(mediane, 0)} mm.",
            f"Chaque hiver a {nombre(int(tableau['jours mesurés'].min()))} à "
            f"{nombre(int(tableau['jours mesurés'].max()))} jours mesurés : aucune valeur ne manque.",
        ],
        ne_montre_pas=[
            f"Rien avant {tableau['hiver'].iloc[0]} ni après {tableau['hiver'].iloc[-1]} : « exceptionnel » "
            f"ne vaut que sur ces {nombre(len(tableau))} hivers.",
            "Une seule station, à l'aéroport de Guipavas : pas la pluie de toute la ville ni du Finistère.",
            "Ni le vent, ni les tempêtes, ni les inondations : seulement la hauteur de pluie.",
        ],
    )


def _surcotes() -> Extrait:
    from .donnees import charger

    surcotes = charger("surcotes-brest")
    lacunes = charger("surcotes-brest", "lacunes")
    fortes = surcotes.nlargest(30, "surcote_cm").sort_values("date").reset_index(drop=True)
    tableau = fortes.assign(date=fortes["date"].dt.strftime("%Y-%m-%d")).rename(
        columns={"surcote_cm": "surcote (cm)"})
    annees = fortes["date"].dt.year
    avant, apres = int((annees < 1950).sum()), int((annees >= 1950).sum())
    fin = surcotes["date"].max().year
    return Extrait(
        "C", "Les surcotes à Brest",
        "Les fortes surcotes sont-elles plus fréquentes aujourd'hui qu'autrefois à Brest ?",
        "surcotes-brest",
        f"les {nombre(len(tableau))} plus fortes surcotes du jeu, rangées par date "
        f"(le jeu en compte {nombre(len(surcotes))}, de {surcotes['date'].min().year} à {fin})",
        tableau, {"surcote (cm)": lambda v: nombre(v, 0)},
        montre=[
            f"Parmi les {nombre(len(tableau))} plus fortes surcotes, {nombre(avant)} datent d'avant 1950 "
            f"et {nombre(apres)} de 1950 ou après.",
            f"La plus forte de l'extrait atteint {nombre(float(fortes['surcote_cm'].max()), 0)} cm, "
            f"le {fortes.loc[fortes['surcote_cm'].idxmax(), 'date'].strftime('%d/%m/%Y')}.",
        ],
        ne_montre_pas=[
            f"Le jeu signale {nombre(len(lacunes))} périodes sans mesure "
            f"({nombre(int(lacunes['duree_jours'].sum()))} jours en tout) : "
            "une surcote tombée dans une lacune n'est pas comptée.",
            f"Le jeu s'arrête en {fin} : il ne dit rien des surcotes récentes.",
            f"Les {nombre(len(tableau))} plus fortes ne disent pas la fréquence de toutes les surcotes : "
            "pour compter, il faut le jeu entier.",
        ],
    )


# Thirty years, three decades: with its provenance (a third-party copy), the handout of group D
# holds on one printed page (forty rows spilled a few onto a page of their own).
ANNEES_DU_NIVEAU = 30


def _niveau() -> Extrait:
    from .donnees import charger

    niveau = charger("niveau-marin-brest-annuel").tail(ANNEES_DU_NIVEAU).reset_index(drop=True)
    tableau = niveau[["annee", "niveau_mm", "drapeau_mois_manquants"]].rename(
        columns={"annee": "année", "niveau_mm": "niveau moyen (mm)",
                 "drapeau_mois_manquants": "mois manquants (Y = oui)"})
    valeurs = niveau.dropna(subset=["niveau_mm"])
    debut, fin = valeurs.head(10), valeurs.tail(10)
    ecart = float(fin["niveau_mm"].mean() - debut["niveau_mm"].mean())
    manque = int(niveau["niveau_mm"].isna().sum())
    incompletes = int((niveau["drapeau_mois_manquants"] == "Y").sum())
    return Extrait(
        "D", "Le niveau de la mer à Brest",
        f"Le niveau moyen de la mer monte-t-il à Brest depuis {int(niveau['annee'].iloc[0])} ?",
        "niveau-marin-brest-annuel",
        f"les {nombre(len(tableau))} dernières années du jeu, de {int(niveau['annee'].iloc[0])} "
        f"à {int(niveau['annee'].iloc[-1])}",
        tableau, {"niveau moyen (mm)": lambda v: nombre(v, 0)},
        montre=[
            f"Les dix dernières années mesurées sont en moyenne {nombre(ecart, 0)} mm plus haut que "
            "les dix premières de l'extrait.",
            f"{compte(manque, 'année')} sans valeur et {compte(incompletes, 'année')} où des mois manquent : "
            "à compter avant de résumer.",
        ],
        ne_montre_pas=[
            f"Rien avant {int(niveau['annee'].iloc[0])} : le jeu complet remonte à 1807, l'extrait ne montre "
            "pas la hausse sur deux siècles.",
            "La cause de la hausse n'est pas dans les données.",
            "Un niveau moyen annuel ne dit pas la hauteur des tempêtes ni des marées d'un jour.",
        ],
    )


def extraits() -> list[Extrait]:
    """Les quatre extraits de l'enquête en groupe, tirés des jeux de `datasets/`."""
    liste = [_arrets(), _hivers(), _surcotes(), _niveau()]
    for e in liste:  # French typography once, so that the key prints these very sentences
        e.question = corriger(e.question)
        e.montre = [corriger(t) for t in e.montre]
        e.ne_montre_pas = [corriger(t) for t in e.ne_montre_pas]
    return liste


def _provenance(extrait: Extrait) -> str:
    from .donnees import metadonnees
    from .metadonnees import copie_tierce, licences

    meta = metadonnees(extrait.jeu)
    source = (meta.get("sources") or [{}])[0].get("path", "")
    texte = libelle("grille.provenance", jeu=extrait.jeu, titre=meta["title"], producteur=meta["producteur"],
                    licence=licences(meta), source=source)
    if meta.get("copie_par_un_tiers"):
        texte += ". " + libelle("grille.copie", copie=(copie_tierce(meta) or "").rstrip("."))
    return texte + "."


def extrait_markdown(extrait: Extrait) -> str:
    """One group's handout: its question, the provenance of its data, the rows."""
    from .graphiques import tableau_markdown

    return _bloc(
        f"{CLASSE_DISTRIBUER} {CLASSE_A_PART} phare-extrait",
        f"**{libelle('grille.groupe', lettre=extrait.lettre, titre=extrait.titre)}**",
        libelle("grille.votre_question", question=extrait.question),
        _provenance(extrait),
        libelle("grille.extrait_de", choix=extrait.choix) + " " + libelle("grille.vide"),
        tableau_markdown(extrait.tableau, extrait.formats),
    )


def corrige_markdown(liste: list[Extrait]) -> str:
    """For the key: what each extract can and cannot show (lists, read by the key's tests)."""
    g = libelles()["grille"]
    morceaux = []
    for e in liste:
        morceaux.append(f"**{libelle('grille.groupe', lettre=e.lettre, titre=e.titre)}**")
        morceaux.append(f"{g['montre']}\u00a0:\n\n" + "\n".join(f"- {t}" for t in e.montre))
        morceaux.append(f"{g['ne_montre_pas']}\u00a0:\n\n" + "\n".join(f"- {t}" for t in e.ne_montre_pas))
    return corriger("\n\n".join(morceaux))
