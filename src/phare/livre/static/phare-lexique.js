/* Le lexique là où on en a besoin (phare.livre.lexique) : après chaque mot du lexique, un bouton
   ouvre sa définition dans un petit panneau ; Échap le referme et rend le focus au bouton.
   Sans JavaScript, le mot reste un lien vers le lexique. */
(function () {
  "use strict";
  var compteur = 0;

  function fermer(bouton, panneau) {
    bouton.setAttribute("aria-expanded", "false");
    panneau.hidden = true;
  }

  function preparer(appel) {
    var note = document.getElementById(appel.dataset.phareDefinition);
    if (!note) return;
    compteur += 1;
    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "phare-terme-bouton";
    bouton.setAttribute("aria-expanded", "false");
    var icone = document.createElement("span");
    icone.setAttribute("aria-hidden", "true");
    icone.textContent = "?";
    var nom = document.createElement("span");
    nom.className = "visually-hidden";
    nom.textContent = appel.dataset.phareBouton;
    bouton.append(icone, nom);
    var panneau = document.createElement("span");
    panneau.className = "phare-terme-panneau";
    panneau.id = "phare-terme-panneau-" + compteur;
    panneau.hidden = true;
    /* La définition du lexique, sans le mot en gras (il est juste avant). */
    var texte = note.cloneNode(true);
    var gras = texte.querySelector("strong");
    if (gras) {
      gras.remove();
    }
    panneau.textContent = texte.textContent.replace(/^\s*\u00a0?:\s*/, "");
    bouton.setAttribute("aria-controls", panneau.id);
    bouton.addEventListener("click", function () {
      var ouvert = bouton.getAttribute("aria-expanded") === "true";
      if (ouvert) {
        fermer(bouton, panneau);
      } else {
        bouton.setAttribute("aria-expanded", "true");
        panneau.hidden = false;
      }
    });
    function echap(evenement) {
      if (evenement.key === "Escape" && !panneau.hidden) {
        fermer(bouton, panneau);
        bouton.focus();
        evenement.stopPropagation();
      }
    }
    bouton.addEventListener("keydown", echap);
    panneau.addEventListener("keydown", echap);
    appel.after(bouton, panneau);
  }

  function demarrer() {
    document.querySelectorAll("sup.phare-terme-appel[data-phare-definition]").forEach(preparer);
    /* Échap ferme aussi le panneau ouvert quand le focus est ailleurs dans la page. */
    document.addEventListener("keydown", function (evenement) {
      if (evenement.key !== "Escape") return;
      document.querySelectorAll(".phare-terme-bouton[aria-expanded='true']").forEach(function (bouton) {
        fermer(bouton, document.getElementById(bouton.getAttribute("aria-controls")));
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})();
