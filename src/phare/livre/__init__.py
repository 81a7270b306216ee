"""Extensions Sphinx du livre Phare (elles ne servent qu'à la construction du site).

- `phare.livre.module` lit et valide la fiche d'identité (`phare:`) des modules et l'affiche ;
- `phare.livre.quiz` fournit les directives `{quiz}`, `{question}` et `{choix}` ;
- `phare.livre.texte` formate les nombres à la française pour `glue`.

Importer ce paquet n'importe pas Sphinx : `phare.livre.texte` sert aussi dans les notebooks.
"""
