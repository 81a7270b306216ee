// The launch link: before opening JupyterLite, check that Pyodide can be reached.
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

  // The words come from the one table of labels (phare.interface), given by the page's HTML.
  function dire(lien, cle, hote) {
    var table = window.PhareLibelles.table(lien.closest(".phare-lancer"));
    return window.PhareLibelles.remplir(table[cle] || "", { hote: hote });
  }

  function lancer(evenement) {
    var lien = evenement.currentTarget;
    var message = lien.closest(".phare-lancer-corps").querySelector(".phare-lancer-message");
    var hote = lien.dataset.hote;
    evenement.preventDefault();
    if (window.location.protocol === "file:") {
      // The site opened from a file (the USB key copy): JupyterLite needs a web server.
      afficher(message, dire(lien, "fichier", hote), true);
      return;
    }
    afficher(message, dire(lien, "connexion", hote), false);
    var controle = "AbortController" in window ? new AbortController() : null;
    var minuteur = setTimeout(function () { if (controle) { controle.abort(); } }, DELAI_MS);
    fetch(lien.dataset.pyodide, {
      method: "HEAD", mode: "no-cors", cache: "no-store", signal: controle ? controle.signal : undefined
    }).then(function () {
      clearTimeout(minuteur);
      window.location.href = lien.href;
    }).catch(function () {
      clearTimeout(minuteur);
      afficher(message, dire(lien, "injoignable", hote), true);
    });
  }

  document.querySelectorAll(".phare-lancer-ok").forEach(function (lien) {
    lien.addEventListener("click", lancer);
  });
})();
