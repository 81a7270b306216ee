"""The guard of `phare verifier` (an audit hook), tried in a child process: audit hooks cannot be
removed, so it must never be installed in the test process itself. It is the only protection with
`--sans-isolation`; inside the sandbox it turns the usual forbidden actions into clear messages."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json, os, shutil, socket, subprocess, sys
    from pathlib import Path
    from phare.verifier.execution import ActionInterdite, installer_garde

    dedans, dehors = Path(sys.argv[1]), Path(sys.argv[2])
    journal = open(dedans / "journal.jsonl", "a", encoding="utf-8")

    def signaler(evenement):
        journal.write(json.dumps(evenement, ensure_ascii=False) + "\\n")
        journal.flush()

    installer_garde([dedans], signaler)
    essais = {
        "ecrire-dedans": lambda: (dedans / "a.txt").write_text("ok"),
        "lire-dehors": lambda: (dehors / "existant.txt").read_text(),
        "ecrire-dehors": lambda: (dehors / "b.txt").write_text("non"),
        "ajouter-dehors": lambda: open(dehors / "existant.txt", "a").write("non"),
        "os-open-dehors": lambda: os.open(dehors / "c.txt", os.O_WRONLY | os.O_CREAT),
        "relatif-dehors": lambda: (os.chdir(dehors), open("d.txt", "w")),
        "supprimer-dehors": lambda: os.remove(dehors / "existant.txt"),
        "renommer-dehors": lambda: os.rename(dehors / "existant.txt", dedans / "vole.txt"),
        "rmtree-dehors": lambda: shutil.rmtree(dehors),
        "mkdir-dehors": lambda: os.mkdir(dehors / "sous"),
        "commande": lambda: os.system("true"),
        "programme": lambda: subprocess.run(["true"]),
        "reseau": lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        "signal-au-parent": lambda: os.kill(os.getppid(), 0),
        "signal-a-soi": lambda: os.kill(os.getpid(), 0),
    }
    bilan = {}
    for nom, essai in essais.items():
        try:
            essai()
            bilan[nom] = "permis"
        except ActionInterdite:
            bilan[nom] = "refuse"
        except OSError as e:
            bilan[nom] = type(e).__name__
        finally:
            os.chdir(dedans)
    print(json.dumps(bilan))
    """
)


def test_la_garde_refuse_ce_qui_sort_du_dossier(tmp_path):
    dedans, dehors = tmp_path / "copie", tmp_path / "dehors"
    dedans.mkdir()
    dehors.mkdir()
    (dehors / "existant.txt").write_text("à garder", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(dedans), str(dehors)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=dedans,
    )
    assert proc.returncode == 0, proc.stderr
    bilan = json.loads(proc.stdout.strip().splitlines()[-1])
    assert bilan.pop("ecrire-dedans") == "permis"
    assert bilan.pop("lire-dehors") == "permis"
    assert bilan.pop("signal-a-soi") == "permis"
    assert all(v == "refuse" for v in bilan.values()), bilan
    assert (dehors / "existant.txt").read_text(encoding="utf-8") == "à garder"
    assert sorted(p.name for p in dehors.iterdir()) == ["existant.txt"]
    journal = [
        json.loads(ligne) for ligne in (dedans / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(journal) == len(bilan) and all(e["e"] == "interdit" for e in journal)
