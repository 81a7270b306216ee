/* Phare — the theme's « Haut de page » button (#pst-back-to-top), without Bootstrap's script.
 *
 * pydata-sphinx-theme shows it in bootstrap.js, which no page of Phare needs otherwise (no tooltip,
 * dropdown or Bootstrap dialog): the same behaviour, in a few lines. It appears when the reader
 * scrolls back up below the header, and takes them to the top of the page.
 */
(function () {
  "use strict";
  var bouton = document.getElementById("pst-back-to-top");
  var entete = document.querySelector(".bd-header");
  if (!bouton) return;
  var bas = entete ? entete.getBoundingClientRect().bottom : 0;
  var avant = window.scrollY;
  bouton.addEventListener("click", function () {
    document.body.scrollTop = 0;
    document.documentElement.scrollTop = 0;
  });
  window.addEventListener("scroll", function () {
    bouton.style.display = avant > window.scrollY && window.scrollY > bas ? "block" : "none";
    avant = window.scrollY;
  }, { passive: true });
})();
