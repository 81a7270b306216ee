// « Lancer dans le navigateur » : before opening JupyterLite, check that Pyodide can be reached.
// Runs only after the reader's click (the consent): page load stays free of outside requests.
// Without JavaScript the link simply opens the app.
(function () {
  "use strict";
  var DELAI_MS = 15000;

  function afficher(message, texte, erreur) {
    message.textContent = texte;
    message.setAttribute("role", erreur ? "alert" : "status");
    message.classList.toggle("phare-lancer-erreur", Boolean(erreur));
  }

  function lancer(evenement) {
    var lien = evenement.currentTarget;
    var message = lien.closest(".phare-lancer-corps").querySelector(".phare-lancer-message");
    var hote = lien.dataset.hote;
    evenement.preventDefault();
    afficher(message, "Connexion à " + hote + " pour charger Python… Le notebook s'ouvre ensuite.", false);
    var controle = "AbortController" in window ? new AbortController() : null;
    var minuteur = setTimeout(function () { if (controle) { controle.abort(); } }, DELAI_MS);
    fetch(lien.dataset.pyodide, {
      method: "HEAD", mode: "no-cors", cache: "no-store", signal: controle ? controle.signal : undefined
    }).then(function () {
      clearTimeout(minuteur);
      window.location.href = lien.href;
    }).catch(function () {
      clearTimeout(minuteur);
      afficher(message,
        "Impossible de joindre " + hote + ", d'où vient Python pour le navigateur. " +
        "Votre connexion à Internet est peut-être coupée, ou votre réseau bloque ce service " +
        "(c'est fréquent dans les administrations et les établissements scolaires). " +
        "Vous pouvez réessayer plus tard, ou télécharger le notebook et ses données (lien ci-dessous) " +
        "pour l'ouvrir dans Jupyter.", true);
    });
  }

  document.querySelectorAll(".phare-lancer-ok").forEach(function (lien) {
    lien.addEventListener("click", lancer);
  });
})();
