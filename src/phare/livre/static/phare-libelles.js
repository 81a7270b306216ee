/* Phare — the words of the site's scripts, in one place.
 *
 * Every word a script shows comes from the one table of labels (src/phare/interface/libelles.toml):
 * the page's HTML gives a script its labels in a `data-libelles` attribute (JSON), and a label may
 * hold names in braces, « {n} questions », filled in at the time it is shown. Served on every page
 * before the other scripts of Phare (phare.livre.statique); impression.js (the printed sheets) uses
 * it too, in the built page.
 *   PhareLibelles.table(noeud)           -> the labels of `data-libelles` ({} when absent or broken)
 *   PhareLibelles.remplir(texte, valeurs) -> « {nom} » replaced by valeurs.nom (unknown names kept)
 */
(function () {
  "use strict";
  function table(noeud) {
    try {
      return JSON.parse((noeud && noeud.getAttribute("data-libelles")) || "{}");
    } catch (e) {
      return {};
    }
  }
  function remplir(texte, valeurs) {
    return String(texte === undefined || texte === null ? "" : texte).replace(/\{([^{}\s]+)\}/g, function (tout, nom) {
      return valeurs && valeurs[nom] !== undefined ? String(valeurs[nom]) : tout;
    });
  }
  window.PhareLibelles = { table: table, remplir: remplir };
})();
