// The site's colours follow the system's light or dark setting (Bootstrap 5.3's
// data-bs-theme). Loaded in <head> without defer, so the page never flashes the other scheme;
// without JavaScript the page stays light. No inline script: the CSP allows this site's files.
(() => {
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    document.documentElement.dataset.bsTheme = dark.matches ? "dark" : "light";
  };
  apply();
  dark.addEventListener("change", apply);
})();
