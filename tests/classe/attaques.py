"""A class of pupils' copies for `phare verifier`: innocent ones, and one copy per attack of issue 16.

Every copy is a real notebook built from exercises/resumer-sans-trahir.ipynb (outils.copies.remplir):
the attack is code a pupil could type in a cell. `construire(dossier, ...)` writes them all and
returns what each line of the report must say. Paths the attacks aim at (a classmate's notebook,
a folder outside, the teacher's CSV) are those of the test, written into the attack's code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from outils.copies import SOLUTIONS, charger_notebook, ecrire, remplir

from phare.verifier.exercices import carnets

CARNET = "resumer-sans-trahir"
IDS = [e.identifiant for e in carnets()[CARNET]]
TOUT_JUSTE = {i: SOLUTIONS[i] for i in IDS}
# Markers of the processes the attacks leave behind: the test looks for them, by pid, in /proc.
MARQUEURS = ("300.2345", "301.2345", "marqueur-2345", "300.1234")

# The guard of the audit hook, switched off through gc: the attack of the independent test. In the
# sandbox it changes nothing that matters (the system is read-only whatever Python allows).
SANS_GARDE = """import gc, threading
for _objet in gc.get_objects():
    if isinstance(_objet, threading.local):
        _objet.actif = True"""


@dataclass
class Attendu:
    """What the report must say of a copy: its state, each exercise's status, words of its problems."""

    etat: str
    exercices: dict[str, str] = field(default_factory=dict)  # id -> label in the CSV
    problemes: tuple[str, ...] = ()
    a_examiner: tuple[str, ...] = ()
    solutions: str = ""


def _tout(statut: str) -> dict[str, str]:
    return {i: statut for i in IDS}


def construire(dossier: Path, eve: Path, dehors: Path, bilan: Path) -> dict[str, Attendu]:
    """Write the class into `dossier`; `eve` is the classmate the attacks aim at."""
    attendus: dict[str, Attendu] = {}

    def copie(nom: str, attendu: Attendu, reponses=None, avant=None, notebook=None) -> None:
        ecrire(notebook or remplir(CARNET, reponses or {}, avant=avant), dossier / nom)
        attendus[nom] = attendu

    ok = "exécutée sans problème"
    # --- Innocent pupils: every line must be right -------------------------------------------------
    copie("alice.ipynb", Attendu(ok, _tout("réussi")), TOUT_JUSTE)
    copie(
        "bruno.ipynb",
        Attendu(ok, {"pluie-cumul": "réussi", "pluie-jours": "à revoir", "pluie-mediane": "à revoir",
                     "pluie-manquantes": "non fait"}),
        {
            "pluie-cumul": SOLUTIONS["pluie-cumul"],
            "pluie-jours": 'reponse = (pluie.loc[annees == 2014, "brest_mm"] > 0).sum()',
            "pluie-mediane": 'reponse = pluie["brest_mm"].mean()',
        },
    )  # fmt: skip
    copie("chloe.ipynb", Attendu(ok, _tout("non fait")), notebook=charger_notebook(CARNET))
    copie(
        "dina.ipynb",
        Attendu(ok, _tout("réussi")),
        {
            "pluie-cumul": 'reponse = pluie.loc[annees == 2014, "brest_mm"].values.sum()',
            "pluie-jours": 'reponse = int((pluie[annees == 2014]["brest_mm"] >= 1).sum())',
            "pluie-mediane": 'import numpy as np\nreponse = np.median(pluie["brest_mm"])',
            "pluie-manquantes": 'reponse = pluie["brest_mm"].isna().values.sum()',
        },
    )
    copie(eve.name, Attendu(ok, _tout("réussi")), TOUT_JUSTE)
    copie(
        "fanny.ipynb",
        Attendu(ok, _tout("réussi"), solutions="pluie-cumul"),
        TOUT_JUSTE,
        avant={"pluie-cumul": 'from phare.verifier import solution\nsolution("pluie-cumul")'},
    )
    gaston = remplir(CARNET, TOUT_JUSTE)
    for cellule in gaston["cells"]:
        if "pluie-mediane" in "".join(cellule.get("source", "")):
            cellule["outputs"] = [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {
                        "text/html": ['<div class="phare-solution" data-exercice="pluie-mediane">…</div>'],
                        "text/plain": ["Solution de l'exercice « pluie-mediane »"],
                    },
                }
            ]
    copie("gaston.ipynb", Attendu(ok, _tout("réussi"), solutions="pluie-mediane"), notebook=gaston)
    copie("=1+1.ipynb", Attendu(ok, _tout("réussi")), TOUT_JUSTE)  # a formula as a file name

    # --- Forged grades ---------------------------------------------------------------------------------
    remplace = (
        "import phare.verifier as v\n"
        "v.verifier = lambda identifiant, reponse=None: True\n"
        "verifier = v.verifier\n"
        "try:\n"
        "    import phare.verifier.moteur as m\n"
        "    m._juger = lambda *a: None\n"
        "except ImportError:\n"
        "    pass"
    )
    copie(
        "attaque-monkeypatch.ipynb",
        Attendu(ok, _tout("non fait"), a_examiner=("remplace", "verifier")),
        avant={"pluie-cumul": remplace},
    )
    forge = (
        "import json, os\n"
        'canal = int(os.environ.get("PHARE_RELEVE", "1"))\n'
        f"for ident in {IDS!r}:\n"
        '    for ligne in ({"e": "reponse", "id": ident, "statut": "reussi", "message": "Bravo !"},\n'
        '                  {"identifiant": ident, "statut": "reussi", "code": "bravo"},\n'
        '                  {"e": "reponse", "id": ident, "valeur": {"t": "pickle", "v": "gASVAAAA"}}):\n'
        '        os.write(canal, (json.dumps(ligne) + "\\n").encode())\n'
        'os.write(canal, b\'{"e": "termine"}\\n\')\n'
        'open("resultats.jsonl", "w").write(\'{"identifiant": "pluie-cumul", "statut": "reussi"}\\n\')'
    )
    copie(
        "attaque-lignes-forgees.ipynb",
        Attendu(
            ok,
            {
                "pluie-cumul": "à revoir",
                "pluie-jours": "à revoir",
                "pluie-mediane": "à revoir",
                "pluie-manquantes": "non fait",
            },
            a_examiner=(
                "descripteur",
                "ne viennent pas de verifier()",
            ),
        ),
        avant={"pluie-manquantes": forge},
    )
    attendue = (
        "reponse = ...\n"
        "try:\n"
        "    from phare.verifier import moteur\n"
        '    reponse = moteur._attendu(moteur.tous()["pluie-cumul"])\n'
        "except ImportError:\n"
        "    pass\n"
        "import pathlib, sys\n"
        "for dossier in sys.path:\n"
        '    for fichier in pathlib.Path(dossier or ".").glob("phare/**/resumer_sans_trahir.py"):\n'
        "        exec(fichier.read_text())\n"
        "        reponse = EXERCICES[0].attendu()\n"
        'verifier("pluie-cumul", reponse)'
    )
    copie(
        "attaque-attendu.ipynb",
        Attendu(
            "une cellule a provoqué une erreur",
            {"pluie-cumul": "non fait", "pluie-jours": "erreur", "pluie-mediane": "non fait",
             "pluie-manquantes": "non fait"},
            problemes=("ModuleNotFoundError",),
            a_examiner=("rouage du vérificateur", "réponse attendue"),
        ),
        {
            "pluie-cumul": attendue.replace('verifier("pluie-cumul", reponse)', "").rstrip(),
            "pluie-jours": (
                'from phare.verifier.exercices import tous\nreponse = tous()["pluie-jours"].attendu()'
            ),
        },
    )  # fmt: skip

    # --- Harm to others ---------------------------------------------------------------------------------
    efface = (
        "import os, pathlib\n"
        f"cible = pathlib.Path({str(eve)!r})\n"
        "for action in (lambda: os.remove(cible), lambda: os.truncate(cible, 0),\n"
        "               lambda: os.listdir(cible.parent)):\n"
        "    try:\n"
        "        action()\n"
        "    except Exception:\n"
        "        pass\n"
        'cible.write_text("{}")'
    )
    copie(
        "attaque-efface.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"), problemes=(str(eve),)),
        TOUT_JUSTE,
        avant={"pluie-jours": efface},
    )
    dehors_code = (
        "import os, pathlib\n"
        f"dehors = pathlib.Path({str(dehors)!r})\n"
        "for essai in (lambda: (dehors / 'pirate.txt').write_text('perdu'),\n"
        "              lambda: pathlib.Path('/usr/local/pirate').write_text('perdu'),\n"
        "              lambda: os.makedirs(dehors / 'sous')):\n"
        "    try:\n"
        "        essai()\n"
        "    except OSError:\n"
        "        pass\n"
        f"{SANS_GARDE}\n"
        "open('/usr/local/pirate', 'w')"
    )
    copie(
        "attaque-ecrit-dehors.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"), problemes=("pirate",)),
        TOUT_JUSTE,
        avant={"pluie-mediane": dehors_code},
    )
    lien = (
        "import os\n"
        "from phare.donnees import dossier_donnees\n"
        'donnees = next((dossier_donnees() / "pluie-quotidienne").glob("*.csv"))\n'
        "try:\n"
        f"    os.symlink('/etc/passwd', {str(bilan)!r})\n"
        "except OSError:\n"
        "    pass\n"
        'os.symlink("/etc/passwd", "faux.csv")\n'
        "os.replace('faux.csv', donnees)"
    )
    copie(
        "attaque-lien-csv.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi")),
        TOUT_JUSTE,
        avant={"pluie-cumul": lien},
    )
    dir_fd = (
        f"{SANS_GARDE}\n"
        "import os\n"
        "dossier = os.open('/donnees', os.O_RDONLY | os.O_DIRECTORY)\n"
        "os.open('pirate.csv', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=dossier)"
    )
    copie(
        "attaque-dir-fd.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"), a_examiner=("dir_fd",)),
        TOUT_JUSTE,
        avant={"pluie-jours": dir_fd},
    )
    lien_physique = (
        "import os\n"
        "from phare.donnees import dossier_donnees\n"
        'donnees = next((dossier_donnees() / "pluie-quotidienne").glob("*.csv"))\n'
        "os.link(donnees, 'copie-des-donnees.csv')"
    )
    copie(
        "attaque-lien-physique.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"), a_examiner=("lien physique",)),
        TOUT_JUSTE,
        avant={"pluie-jours": lien_physique},
    )
    sqlite = (
        "import sqlite3\n"
        "base = sqlite3.connect(':memory:')\n"
        f"base.execute(\"ATTACH DATABASE '{dehors / 'pirate.db'}' AS pirate\")"
    )
    copie(
        "attaque-sqlite.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"), a_examiner=("ATTACH",)),
        TOUT_JUSTE,
        avant={"pluie-mediane": sqlite},
    )
    gc_code = (
        f"{SANS_GARDE}\n"
        "import subprocess\n"
        f"subprocess.Popen(['sleep', '{MARQUEURS[3]}'])\n"
        "import time\n"
        "time.sleep(1)\n"
        "open('/usr/pirate.txt', 'w')"
    )
    copie(
        "attaque-gc.ipynb",
        Attendu("a tenté d'écrire hors de son dossier", _tout("réussi"),
                problemes=("un processus encore actif",), a_examiner=("gc",)),
        TOUT_JUSTE,
        avant={"pluie-jours": gc_code},
    )  # fmt: skip
    tue_parent = (
        "import ctypes, os, signal\n"
        "libc = ctypes.CDLL(None)\n"
        "libc.kill(os.getppid(), signal.SIGKILL)\n"
        "libc.kill(1, signal.SIGKILL)\n"
        "os.kill(os.getppid(), signal.SIGKILL)"
    )
    copie(
        "attaque-tue-parent.ipynb",
        Attendu("action interdite refusée", _tout("réussi"), problemes=("signal",), a_examiner=("os.kill",)),
        TOUT_JUSTE,
        avant={"pluie-cumul": tue_parent},
    )
    tue_voisine = (
        "import ctypes, os, signal, time\n"
        "libc = ctypes.CDLL(None)\n"
        "moi = open('/proc/self/cmdline', 'rb').read().split(b'\\0')\n"
        "classe = moi[moi.index(b'--classe') + 1]\n"
        "fin = time.monotonic() + 4\n"
        "while time.monotonic() < fin:\n"
        "    for pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:\n"
        "        try:\n"
        "            ligne = open(f'/proc/{pid}/cmdline', 'rb').read()\n"
        "        except OSError:\n"
        "            continue\n"
        "        if pid != os.getpid() and b'phare.verifier.execution' in ligne and classe in ligne:\n"
        "            libc.kill(pid, signal.SIGKILL)\n"
        "    time.sleep(0.2)"
    )
    copie(
        "attaque-tue-voisine.ipynb",
        Attendu(ok, _tout("réussi"), a_examiner=("ctypes",)),
        TOUT_JUSTE,
        avant={"pluie-cumul": tue_voisine},
    )

    # --- Left running ------------------------------------------------------------------------------------
    arriere_plan = (
        f"{SANS_GARDE}\n"
        "import subprocess, sys\n"
        f"subprocess.Popen(['sleep', '{MARQUEURS[0]}'])\n"
        f"subprocess.Popen(['sleep', '{MARQUEURS[1]}'], start_new_session=True)\n"
        "subprocess.Popen([sys.executable, '-c', 'while True: pass', "
        f"'{MARQUEURS[2]}'], start_new_session=True)\n"
        "import time\n"
        "time.sleep(1)"
    )
    copie(
        "attaque-arriere-plan.ipynb",
        Attendu("processus encore actifs arrêtés", _tout("réussi"), problemes=("3 processus encore actifs",)),
        TOUT_JUSTE,
        avant={"pluie-mediane": arriere_plan},
    )
    boucle = (
        "import signal\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "while True:\n"
        "    pass"
    )
    copie(
        "attaque-boucle.ipynb",
        Attendu("temps limite dépassé", {"pluie-cumul": "réussi", "pluie-jours": "non fait",
                                         "pluie-mediane": "non fait", "pluie-manquantes": "non fait"},
                problemes=("cellule de code n° 3",)),
        TOUT_JUSTE,
        avant={"pluie-jours": boucle},
    )  # fmt: skip
    ctrl_c = "import os, signal\nos.kill(os.getpid(), signal.SIGINT)"
    copie(
        "attaque-ctrl-c.ipynb",
        Attendu("une cellule a provoqué une erreur", _tout("réussi"), problemes=("KeyboardInterrupt",)),
        TOUT_JUSTE,
        avant={"pluie-jours": ctrl_c},
    )
    copie(
        "attaque-memoire.ipynb",
        Attendu("mémoire dépassée (1\u00a0Go)", _tout("réussi"), problemes=("mémoire",)),
        TOUT_JUSTE,
        avant={"pluie-cumul": "tas = bytearray(3 * 1024 ** 3)"},
    )

    # --- The report itself ---------------------------------------------------------------------------------
    echappement = (
        'print("\\x1b[2K\\x1b[1A\\x1b[32m✔ pluie-cumul : réussi\\x1b[0m")\n'
        'raise type("\\x1b[32m✔ pluie-jours : réussi", (Exception,), {})()'
    )
    copie(  # nothing right: a forged « ✔ réussi » on the terminal would be a lie
        "\x1b[32mzoé.ipynb",
        Attendu("une cellule a provoqué une erreur", _tout("non fait"), problemes=("(inconnu)",)),
        avant={"pluie-jours": echappement},
    )
    fuite = (
        "import os\n"
        'secret = os.environ.get("PHARE_TEST_SECRET", "absent")\n'
        'raise type("Fuite_" + secret.replace("-", "_"), (Exception,), {})()'
    )
    copie(
        "attaque-environnement.ipynb",
        Attendu("une cellule a provoqué une erreur", _tout("réussi"), problemes=("Fuite_absent",),
                a_examiner=("variable",)),
        TOUT_JUSTE,
        avant={"pluie-jours": fuite},
    )  # fmt: skip
    formule = charger_notebook(CARNET)
    formule["metadata"]["phare"]["carnet"] = '=HYPERLINK("http://exemple.org";"Copie notée 20/20")'
    copie(
        "metadonnee-formule.ipynb",
        Attendu("ce notebook n'est pas une copie d'exercices Phare"),
        notebook=formule,
    )

    # --- Broken or foreign files ---------------------------------------------------------------------------
    (dossier / "@json-abime.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    attendus["@json-abime.ipynb"] = Attendu("fichier illisible (JSON invalide)")
    (dossier / "-2+3.ipynb").write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    attendus["-2+3.ipynb"] = Attendu("ce n'est pas un notebook Jupyter valide")
    copie(
        "autre-serie.ipynb",
        Attendu("copie d'une autre série d'exercices"),
        notebook=remplir("lire-un-tableau", {"tableau-lignes": SOLUTIONS["tableau-lignes"]}),
    )
    sans_carnet = charger_notebook(CARNET)
    sans_carnet["metadata"].pop("phare")
    copie(
        "sans-carnet.ipynb",
        Attendu("ce notebook n'est pas une copie d'exercices Phare"),
        notebook=sans_carnet,
    )
    enorme = remplir(CARNET, TOUT_JUSTE)
    enorme["cells"][0].setdefault("outputs", []).append(
        {"output_type": "stream", "name": "stdout", "text": ["x" * 100 + "\n"] * 100_000}
    )
    copie("enorme.ipynb", Attendu(ok, _tout("réussi")), notebook=enorme)
    return attendus
