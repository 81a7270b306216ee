"""The sandbox of one copy, probed from inside: what a pupil's code can see and do there.

One copy's cells run in the real sandbox (phare.verifier.bac_a_sable) and hand back, through
`verifier`, what they found; the test reads those raw answers. Among them: the exercise catalogue
cannot be imported or even found, the environment is minimal, no other process is visible, the
network and the file system are out of reach even with the audit hook switched off, and the limits
hold. The processes it leaves behind are followed by pid while it runs.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from attaques import SANS_GARDE
from suivi import exiger_bwrap, processus_marques, vivant

from phare.verifier.bac_a_sable import Classe, Limites
from phare.verifier.serialisation import decoder

pytestmark = pytest.mark.lent

SONDES = [
    "from phare.verifier import verifier\nimport errno, os, socket, sys, pathlib, resource",
    # The catalogue: importable? present anywhere Python looks, or in the usual places?
    """
essais = {}
for module in ("phare.verifier.exercices", "phare.verifier.moteur", "phare.verifier.correction",
               "phare.verifier.bilan", "phare.verifier.exercices.resumer_sans_trahir"):
    try:
        __import__(module)
        essais[module] = "importé"
    except Exception as erreur:
        essais[module] = type(erreur).__name__
verifier("import", essais)
""",
    """
trouves = []
racines = [p for p in sys.path if p] + ["/phare", "/donnees", "/copie", "/root", "/home", "/work", "/var"]
for racine in racines:
    for fichier in pathlib.Path(racine).glob("**/*.py") if pathlib.Path(racine).is_dir() else []:
        if "site-packages" in str(fichier) and "/phare/" not in str(fichier):
            continue
        nom = fichier.name
        texte = fichier.read_text(errors="replace") if fichier.stat().st_size < 1_000_000 else ""
        if nom in ("resumer_sans_trahir.py", "lire_un_tableau.py", "graphiques_honnetes.py", "copies.py") \\
                or 'identifiant="pluie-cumul"' in texte:
            trouves.append(str(fichier))
verifier("catalogue", sorted(set(trouves)))
verifier("racine", sorted(os.listdir("/")))
""",
    'verifier("environnement", dict(os.environ))',
    'pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())\n'
    'verifier("processus", [os.getpid(), os.getppid(), pids])',
    'verifier("limites", {n: resource.getrlimit(getattr(resource, n)) for n in '
    '("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_CORE")})',
    'verifier("reseau", [nom for _, nom in socket.if_nameindex()])',
    SANS_GARDE,  # from here on, the audit hook is off: only the sandbox stands
    """
def essai(action):
    try:
        action()
        return "permis"
    except OSError as erreur:
        return errno.errorcode.get(erreur.errno, str(erreur.errno))
    except Exception as erreur:
        return type(erreur).__name__
import sqlite3
ecritures = {
    "usr": essai(lambda: open("/usr/pirate.txt", "w")),
    "etc": essai(lambda: open("/etc/passwd", "a")),
    "racine": essai(lambda: open("/pirate.txt", "w")),
    "dev-shm": essai(lambda: open("/dev/shm/pirate", "w")),
    "donnees": essai(lambda: open("/donnees/pirate.csv", "w")),
    "paquet": essai(lambda: open("/phare/phare/pirate.py", "w")),
    "polices": essai(lambda: open("/polices/pirate.json", "w")),
    "dir-fd": essai(lambda: os.open("x", os.O_WRONLY | os.O_CREAT, dir_fd=os.open("/usr", os.O_RDONLY))),
    "lien-physique": essai(lambda: os.link(next(pathlib.Path("/donnees").glob("*/*.csv")), "lien.csv")),
    "sqlite": essai(lambda: sqlite3.connect(":memory:").execute("ATTACH DATABASE '/usr/p.db' AS p")),
    "copie": essai(lambda: open("/copie/a.txt", "w").write("ok")),
    "tmp": essai(lambda: open("/tmp/b.txt", "w").write("ok")),
    "connexion": essai(lambda: socket.create_connection(("127.0.0.1", 22), timeout=2)),
    "tue-parent": essai(lambda: os.kill(os.getppid(), 9)),
}
verifier("ecritures", ecritures)
""",
    """
gros = "x" * (1 << 20)
def remplir(nom, mega):
    with open(nom, "w") as f:
        for _ in range(mega):
            f.write(gros)
verifier("fichier-trop-gros", essai(lambda: remplir("/copie/gros", 80)))
os.remove("/copie/gros")
verifier("espace", essai(lambda: [remplir(f"/copie/plein-{i}", 60) for i in range(6)]))
for i in range(6):
    if os.path.exists(f"/copie/plein-{i}"):
        os.remove(f"/copie/plein-{i}")
""",
    "tas = bytearray(3 * 1024 ** 3)",
    """
import subprocess, time
subprocess.Popen(["sleep", "300.7777"])
subprocess.Popen(["sleep", "301.7777"], start_new_session=True)
time.sleep(1.5)
""",
]


@pytest.fixture(scope="module")
def sonde(tmp_path_factory):
    exiger_bwrap()
    os.environ["PHARE_TEST_SECRET_SONDE"] = "ne-doit-pas-sortir"
    classe = Classe(Limites(delai=60))
    vus: dict[int, str] = {}
    resultat = {}
    fil = threading.Thread(target=lambda: resultat.update(execution=classe.executer(SONDES)))
    fil.start()
    while fil.is_alive():
        vus |= processus_marques(("300.7777", "301.7777"))
        time.sleep(0.05)
    classe.fermer()
    del os.environ["PHARE_TEST_SECRET_SONDE"]
    execution = resultat["execution"]
    reponses = {e["id"]: decoder(e["valeur"]) for e in execution.evenements if e.get("e") == "reponse"}
    return {"execution": execution, "reponses": reponses, "vus": vus, "classe": classe}


def test_le_catalogue_n_est_ni_importable_ni_present(sonde):
    essais = sonde["reponses"]["import"]
    assert set(essais.values()) == {"ModuleNotFoundError"}, essais
    assert sonde["reponses"]["catalogue"] == [], "aucune copie du catalogue n'est lisible dans le bac à sable"


def test_le_bac_a_sable_ne_montre_que_le_systeme_et_python(sonde):
    racine = set(sonde["reponses"]["racine"])
    assert {"usr", "copie", "tmp", "proc", "dev", "donnees", "phare"} <= racine
    assert not racine & {"home", "media", "mnt", "srv", "var", "opt", "boot"}, racine


def test_l_environnement_est_minimal(sonde):
    environnement = sonde["reponses"]["environnement"]
    assert "PHARE_TEST_SECRET_SONDE" not in environnement
    assert environnement["HOME"] == "/copie" and environnement["PHARE_PROGRESSION"] == ""
    voulues = set(sonde["classe"]._environnement(True, "/copie", 3))
    ajoutees_par_ipython = {"PAGER", "GIT_PAGER", "CLICOLOR", "FORCE_COLOR", "PWD", "SHLVL", "_"}
    assert set(environnement) - ajoutees_par_ipython <= voulues, sorted(environnement)


def test_la_copie_a_son_propre_espace_de_processus(sonde):
    moi, parent, visibles = sonde["reponses"]["processus"]
    assert (moi, parent) == (2, 1), "le processus de la copie est le deuxième de son espace"
    assert set(visibles) <= {1, 2}, f"d'autres processus de la machine sont visibles : {visibles}"


def test_les_limites_sont_posees(sonde):
    limites = {nom: tuple(v) for nom, v in sonde["reponses"]["limites"].items()}
    assert limites["RLIMIT_AS"] == (1 << 30, 1 << 30)
    assert limites["RLIMIT_FSIZE"] == (64 << 20, 64 << 20)
    assert limites["RLIMIT_NPROC"] == (64, 64)
    assert limites["RLIMIT_CORE"] == (0, 0)
    assert limites["RLIMIT_CPU"][0] > 0


def test_ni_reseau_ni_ecriture_hors_du_dossier_meme_sans_la_garde(sonde):
    assert sonde["reponses"]["reseau"] == ["lo"]
    ecritures = sonde["reponses"]["ecritures"]
    assert ecritures.pop("copie") == ecritures.pop("tmp") == "permis"
    assert ecritures.pop("lien-physique") == "EXDEV"
    assert ecritures.pop("sqlite") == "OperationalError"
    assert ecritures.pop("connexion") in ("ENETUNREACH", "ECONNREFUSED", "EADDRNOTAVAIL")
    assert ecritures.pop("tue-parent") == "permis", (
        "le signal au parent est reçu… et ignoré par l'init du bac à sable"
    )
    assert set(ecritures.values()) == {"EROFS"}, ecritures


def test_fichier_trop_gros_et_dossier_plein(sonde):
    assert sonde["reponses"]["fichier-trop-gros"] == "EFBIG"
    assert sonde["reponses"]["espace"] == "ENOSPC"


def test_la_memoire_est_limitee_et_les_processus_restants_arretes(sonde):
    evenements = sonde["execution"].evenements
    assert any(e.get("e") == "erreur" and e.get("genre") == "memoire" for e in evenements)
    restants = [e for e in evenements if e.get("e") == "restants"]
    assert restants and restants[0]["n"] == 2, restants
    assert any(e.get("e") == "termine" for e in evenements), "la copie a continué jusqu'au bout"
    assert len(sonde["vus"]) == 2, f"les deux processus ont bien été vus en cours de route : {sonde['vus']}"
    assert not [pid for pid in sonde["vus"] if vivant(pid)], "plus aucun n'est vivant"


def test_une_copie_qui_boucle_est_arretee_avec_tout_ce_qu_elle_a_lance():
    exiger_bwrap()
    classe = Classe(Limites(delai=3))
    vus: dict[int, str] = {}
    resultat = {}
    boucle = [
        f"{SANS_GARDE}\nimport signal, subprocess\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "subprocess.Popen(['sleep', '302.7777'], start_new_session=True)\n"
        "while True:\n    pass"
    ]
    fil = threading.Thread(target=lambda: resultat.update(execution=classe.executer(boucle)))
    fil.start()
    while fil.is_alive():
        vus |= processus_marques(("302.7777",))
        time.sleep(0.05)
    classe.fermer()
    execution = resultat["execution"]
    assert execution.arret == "delai" and execution.restants == 1
    assert vus and not [pid for pid in vus if vivant(pid)]
    assert not classe.dossier.exists(), "le dossier temporaire de la classe est effacé"
