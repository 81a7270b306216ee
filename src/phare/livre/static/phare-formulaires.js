// The session summary and the attestation (phare.livre.formulaires): show the competences and the
// duration of the chosen module, and print. Nothing is stored, nothing is sent: no storage, no request.
// A link may choose the module: `?module=<name of the module's file>` (the mediators' and teachers'
// pages, the blank forms printed for each module's pack).
(() => {
  const demande = new URLSearchParams(window.location.search).get("module");
  for (const formulaire of document.querySelectorAll("[data-phare-formulaire]")) {
    const choix = formulaire.querySelector("[data-phare-module]");
    const duree = formulaire.querySelector("[data-phare-duree]");
    let dureeTouchee = false;
    if (duree) duree.addEventListener("input", () => { dureeTouchee = true; });
    const montrer = () => {
      formulaire.querySelectorAll("[data-phare-competences]").forEach((bloc) => {
        bloc.hidden = bloc.dataset.phareCompetences !== choix.value;
      });
      if (duree && !dureeTouchee) duree.value = choix.selectedOptions[0].dataset.duree;
    };
    if (choix && demande) {
      const option = [...choix.options].find((o) => o.value === demande || o.value.endsWith("/" + demande));
      if (option) choix.value = option.value;
    }
    if (choix) {
      choix.addEventListener("change", montrer);
      montrer();
    }
    const bouton = formulaire.querySelector("[data-phare-imprimer]");
    if (bouton) {
      bouton.hidden = false;
      bouton.addEventListener("click", () => window.print());
    }
  }
})();
