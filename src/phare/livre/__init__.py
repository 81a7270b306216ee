"""Extensions Sphinx du livre Phare (elles ne servent qu'à la construction du site).

Chaque module est une extension déclarée dans `_config.yml` (`sphinx: extra_extensions:`),
par exemple :
- `phare.livre.module` lit et valide la fiche d'identité (`phare:`) des modules et l'affiche ;
- `phare.livre.quiz` fournit les directives `{quiz}`, `{question}` et `{choix}`.

`phare.texte` (nombres à la française pour `glue`) sert aussi dans les notebooks :
importer ce paquet n'importe pas Sphinx.
"""
