"""The one rule of French typography (phare.typographie): what is prose, what is left alone."""

from phare.typographie import corriger, fautes

NBSP = "\u00a0"


def test_la_prose_recoit_ses_espaces_insecables():
    attendu = f"Une question{NBSP}? «{NBSP}Oui{NBSP}»{NBSP}: 12{NBSP}%"
    assert corriger("Une question ? « Oui » : 12 %") == attendu


def test_le_code_les_liens_et_le_front_matter_ne_sont_pas_touches():
    texte = "\n".join(["---", "titre: Un titre : long", "---", "`a : b` et [lien](https://x.fr/?a=1 : b)",
                       "```python", "x = {'a' : 1}", "```"])
    assert corriger(texte) == texte
    assert fautes(texte) == []


def test_l_argument_d_une_directive_est_de_la_prose():
    texte = ":::{question} Que dit le code Insee ?\n:::"
    assert fautes(texte) == [(1, ":::{question} Que dit le code Insee ?")]
    assert corriger(texte).startswith(f":::{{question}} Que dit le code Insee{NBSP}?")


def test_un_bloc_de_code_est_reconnu_a_son_nom():
    texte = "```{code-cell} ipython3\nprint('Total : 3')\n```"
    assert corriger(texte) == texte


def test_le_texte_alternatif_est_de_la_prose_les_autres_options_non():
    texte = "\n".join(["```{figure} carte.png", ":alt: Carte de Brest. Source : Insee", ":name: fig-a : b",
                       "Légende : la carte", "```"])
    assert [n for n, _ in fautes(texte)] == [2, 4]
    corrige = corriger(texte).split("\n")
    assert corrige[1] == f":alt: Carte de Brest. Source{NBSP}: Insee"
    assert corrige[2] == ":name: fig-a : b"
