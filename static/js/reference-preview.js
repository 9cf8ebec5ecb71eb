// A preview of a reference beside its marker ([1]) on hover or keyboard focus, so a reader
// sees the source without leaving the sentence. Without this script the marker is still a
// link to the reference list. No inline script: the CSP allows this site's files only.
(() => {
  const markers = document.querySelectorAll('sup.reference a[href^="#cite-note-"]');
  if (!markers.length) return;

  const preview = document.createElement("div");
  preview.id = "reference-preview";
  preview.className = "reference-preview";
  preview.setAttribute("role", "tooltip");
  preview.hidden = true;
  document.body.append(preview);

  let shownFor = null;
  let hideTimer = null;

  function entryOf(link) {
    return document.getElementById(link.hash.slice(1));
  }

  function show(link) {
    const entry = entryOf(link);
    const citation = entry?.querySelector(".source-citation");
    if (!citation) return;
    clearTimeout(hideTimer);
    if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
    const content = citation.cloneNode(true);
    content.querySelectorAll(".source-page-link").forEach((node) => node.remove());
    const number = document.createElement("span");
    number.className = "reference-preview-number";
    number.textContent = link.textContent;
    preview.replaceChildren(number, " ", content);
    preview.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", preview.id);
    shownFor = link;
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(preview.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    preview.style.left = `${left + window.scrollX}px`;
    preview.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hide() {
    preview.hidden = true;
    shownFor?.removeAttribute("aria-describedby");
    shownFor = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  markers.forEach((link) => {
    link.addEventListener("mouseenter", () => show(link));
    link.addEventListener("focus", () => show(link));
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("blur", hideSoon);
    link.addEventListener("click", hide);
  });
  // The reader may move the pointer onto the preview to follow its link.
  preview.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  preview.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !preview.hidden) hide();
  });
})();
