/* Phare : le panneau de confort de lecture (libellé confort.ouvrir) (phare.livre.confort, gabarit phare-boutons-article.html).

   Le bouton de l'en-tête ouvre et ferme le panneau (aria-expanded) ; Échap le ferme et rend la main
   au bouton. Chaque choix s'applique tout de suite et se garde par PhareStockage.confort
   (phare-stockage.js, clé « phare-confort ») : seuls les réglages qui diffèrent du premier choix
   de chaque groupe (le réglage habituel) sont gardés. Sans JavaScript, le panneau reste caché.
   Ce script n'envoie rien et ne lit rien d'ailleurs. */
(function () {
  "use strict";

  function demarrer() {
    var bloc = document.querySelector(".phare-confort");
    var stockage = window.PhareStockage;
    if (!bloc || !stockage || !stockage.confort) return;
    var bouton = bloc.querySelector(".phare-confort-ouvrir");
    var panneau = bloc.querySelector(".phare-confort-panneau");
    var groupes = Array.prototype.slice.call(bloc.querySelectorAll(".phare-confort-reglage"));

    function habituel(groupe) { return groupe.querySelector("input").value; }

    function montrer(reglages) {
      groupes.forEach(function (groupe) {
        var voulu = reglages[groupe.getAttribute("data-reglage")] || habituel(groupe);
        groupe.querySelectorAll("input").forEach(function (choix) { choix.checked = choix.value === voulu; });
      });
    }

    function lirePanneau() {
      var reglages = {};
      groupes.forEach(function (groupe) {
        var coche = groupe.querySelector("input:checked");
        if (coche && coche.value !== habituel(groupe)) reglages[groupe.getAttribute("data-reglage")] = coche.value;
      });
      return reglages;
    }

    function placer() {
      // The panel is fixed under the button, inside the window at any width (320 px and up).
      var cadre = bouton.getBoundingClientRect();
      panneau.style.top = Math.max(0, Math.round(cadre.bottom + 4)) + "px";
    }

    function ouvrir() {
      montrer(stockage.confort.lire());
      panneau.hidden = false;
      bouton.setAttribute("aria-expanded", "true");
      placer();
      var coche = panneau.querySelector("input:checked");
      if (coche) coche.focus();
    }

    function fermer(rendreLaMain) {
      if (panneau.hidden) return;
      panneau.hidden = true;
      bouton.setAttribute("aria-expanded", "false");
      if (rendreLaMain) bouton.focus();
    }

    bloc.hidden = false;
    bouton.addEventListener("click", function () {
      if (panneau.hidden) ouvrir(); else fermer(false);
    });
    panneau.addEventListener("change", function () {
      stockage.confort.ecrire(lirePanneau());
      placer();
    });
    panneau.querySelector(".phare-confort-defaut").addEventListener("click", function () {
      stockage.confort.ecrire({});
      montrer({});
    });
    panneau.querySelector(".phare-confort-fermer").addEventListener("click", function () { fermer(true); });
    document.addEventListener("keydown", function (evenement) {
      if (evenement.key === "Escape" && !panneau.hidden && bloc.contains(document.activeElement)) {
        fermer(true);
      }
    });
    document.addEventListener("click", function (evenement) {
      if (!panneau.hidden && !bloc.contains(evenement.target)) fermer(false);
    });
    window.addEventListener("resize", function () { if (!panneau.hidden) placer(); });
    // The end-of-session button has erased the settings (phare-stockage.js): show the default ones.
    document.addEventListener("phare-session-terminee", function () { montrer({}); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})();
