// Small enhancements; every page works without them. No inline script anywhere: the site's
// Content-Security-Policy allows scripts from this site's files only.

// An error summary takes the focus, so that keyboard and screen reader users start from it.
document.querySelector("[data-focus-on-load]")?.focus();

// "Copy" buttons: <button data-copy="ID" hidden> copies the value of the element with that id.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
    } catch {
      source.select();
      document.execCommand("copy");
    }
    button.textContent = button.dataset.copied || "Copied";
  });
});

// A link to a closed <details> (the "Cite" tab to "Cite this page") opens it.
function openTargetedDetails() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target instanceof HTMLDetailsElement) target.open = true;
}
window.addEventListener("hashchange", openTargetedDetails);
openTargetedDetails();
