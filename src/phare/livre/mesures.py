"""The benchmark's figures in the pages: `{mesures-bench}`, read from `_build/bench.json` at build time.

Why: a figure about the site (page weight, requests, slow-link timings) is measured by
`make bench` (`phare.construction.bench`), never typed. The accessibility and eco-design
statements show them with this directive; when no measure exists, the page says so.

    ```{mesures-bench}
    :partie: poids
    ```

- `poids`: the date of the measure, a table by kind of page (text, notebook: count, median gzip
  weight, median and maximum requests, the heaviest page), requests leaving the site, the site's size;
- `verifications`: the browser tests' last outcomes by subject (the optional `navigateur` block of
  bench.json, from tests/navigateur/conftest.py: every page, text zoom, reading comfort, glossary,
  end of session) and the dyslexia font's weight (the optional `confort` block);
- `lent`: the slow-3G timings, read from the optional `lent_3g` block of bench.json
  (`fcp_mediane_s`, `charge_mediane_s`), and the default Jupyter Book's median weight and slow-3G
  timings from the optional `livre_par_defaut` block (`mediane_gzip_pages_texte`, `lent_3g`), both
  written by `make bench` (`phare.construction.bench`, point 9); absent keys are said absent.

The page depends on bench.json: a new measure rebuilds it (env.note_dependency). While no measure
exists, the page is re-read only once bench.json appears: Sphinx re-reads a page whose dependency
is missing at every build, which made every rebuild without change re-read seven pages.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..interface import libelle
from ..texte import date, nombre, taille
from .stockage import stocker_par_page

NATURES = ("texte", "notebook")


def chemin_bench(outdir: str | Path) -> Path:
    """`_build/html` -> `_build/bench.json` (where `make bench` writes)."""
    return Path(outdir).resolve().parent / "bench.json"


def lire_bench(chemin: Path) -> dict | None:
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return donnees if isinstance(donnees, dict) and donnees.get("pages") else None


def _secondes(s: float) -> str:
    return f"{nombre(s, 1)}\u00a0s"


def lignes_poids(bench: dict) -> list[str]:
    """The Markdown of the `poids` part."""
    lignes = [libelle("mesures.date", date=date(str(bench.get("date", ""))[:10])), ""]
    lignes += [libelle("mesures.entete"), "|---|---|---|---|---|"]
    for nature in NATURES:
        pages = [p for p in bench["pages"] if p.get("nature") == nature]
        if not pages:
            continue
        lourde = max(pages, key=lambda p: p["octets_gzip"])
        requetes = [p["requetes"] for p in pages]
        document = "/" + lourde["page"].removesuffix(".html")
        lignes.append(
            f"| {libelle('mesures.' + nature)} | {len(pages)} "
            f"| {taille(statistics.median(p['octets_gzip'] for p in pages))} "
            f"| {nombre(statistics.median(requetes))}, {nombre(max(requetes))} "
            f"| {taille(lourde['octets_gzip'])} ({{doc}}`{document}`) |"
        )
    hors_site = sum(len(p.get("hors_site") or []) for p in bench["pages"])
    dehors = libelle("mesures.hors_site", n=hors_site) if hors_site else libelle("mesures.hors_site_aucun")
    lignes += ["", dehors]
    site = bench.get("site") or {}
    if site.get("octets"):
        lite = site["octets"] - site.get("octets_hors_jupyterlite", site["octets"])
        lignes.append(libelle("mesures.site", total=taille(site["octets"]), lite=taille(lite)))
    return lignes


def lignes_lent(bench: dict) -> list[str]:
    lent = bench.get("lent_3g") or {}
    if lent.get("fcp_mediane_s") is not None and lent.get("charge_mediane_s") is not None:
        lignes = [libelle("mesures.lent", fcp=_secondes(lent["fcp_mediane_s"]),
                          charge=_secondes(lent["charge_mediane_s"]))]
    else:
        lignes = [libelle("mesures.lent_absent")]
    defaut = bench.get("livre_par_defaut") or {}
    if defaut.get("mediane_gzip_pages_texte"):
        lignes.append(libelle("mesures.defaut", poids=taille(defaut["mediane_gzip_pages_texte"])))
    lent_defaut = defaut.get("lent_3g") or {}
    if lent_defaut.get("fcp_mediane_s") is not None and lent_defaut.get("charge_mediane_s") is not None:
        lignes.append(libelle("mesures.defaut_lent", fcp=_secondes(lent_defaut["fcp_mediane_s"]),
                              charge=_secondes(lent_defaut["charge_mediane_s"])))
    return lignes


SUJETS = ("total", "pages", "zoom_texte", "confort_combinaisons", "confort", "lexique", "session")


def lignes_verifications(bench: dict) -> list[str]:
    bilan = bench.get("navigateur") or {}
    if not bilan.get("tests"):
        return [libelle("mesures.verifications_absentes")]
    lignes = [libelle("mesures.verifications_date", date=date(str(bilan["date"])[:10])), ""]
    lignes += [libelle("mesures.verifications_entete"), "|---|---|---|---|"]
    for sujet in SUJETS:
        chiffres = bilan if sujet == "total" else bilan.get(sujet) or {}
        if not chiffres.get("tests"):
            continue
        lignes.append(
            f"| {libelle('mesures.verifications_' + sujet)} | {nombre(chiffres['tests'])} "
            f"| {nombre(chiffres.get('reussi', 0))} | {nombre(chiffres.get('echoue', 0))} |"
        )
    echecs = bilan.get("echoue", 0)
    lignes += ["", libelle("mesures.verifications_echecs", n=nombre(echecs)) if echecs
               else libelle("mesures.verifications_toutes")]
    confort = bench.get("confort") or {}
    if confort.get("police_fichiers"):
        lignes += ["", libelle(
            "mesures.police", taille=taille(confort["police_octets"]),
            visites=nombre(confort["premieres_visites"]),
            avec=nombre(confort["premieres_visites_avec_police"]),
        )]
    return lignes


class MesuresBench(SphinxDirective):
    has_content = False
    option_spec = {"partie": lambda v: directives.choice(v, ("poids", "lent", "verifications"))}

    def run(self):
        chemin = chemin_bench(self.env.app.outdir)
        if chemin.is_file():
            self.env.note_dependency(str(chemin))
        else:
            self.env.phare_pages_sans_bench[self.env.docname] = str(chemin)
        bench = lire_bench(chemin)
        partie = self.options.get("partie", "poids")
        if bench is None:
            lignes = {"poids": [libelle("mesures.absentes")],
                      "verifications": [libelle("mesures.verifications_absentes")]}.get(partie, [])
        elif partie == "verifications":
            lignes = lignes_verifications(bench)
        elif partie == "lent":
            lignes = lignes_lent(bench)
        else:
            lignes = lignes_poids(bench)
        return self.parse_text_to_nodes("\n".join(lignes))


def _mesure_apparue(app, env, ajoutes, modifies, supprimes) -> list[str]:
    """The pages read while bench.json was missing, once it exists."""
    attendues = getattr(env, "phare_pages_sans_bench", {})
    return sorted(d for d, chemin in attendues.items() if d in env.found_docs and Path(chemin).is_file())


def setup(app):
    stocker_par_page(app, "phare_pages_sans_bench")
    app.add_directive("mesures-bench", MesuresBench)
    app.connect("env-get-outdated", _mesure_apparue)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
