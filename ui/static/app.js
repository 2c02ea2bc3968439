// Policy Copilot: clicking a citation marker [n] opens and shows the passage it cites;
// the "Settings" button in the header opens the settings drawer.
// One delegated listener (capture phase, so the chat's own link handling never opens a tab).
document.addEventListener(
  "click",
  (event) => {
    if (!event.target.closest) return;
    if (event.target.closest("[data-open-settings]")) {
      const drawer = document.getElementById("pc-settings");
      if (drawer && !drawer.classList.contains("open")) drawer.querySelector(".toggle-button").click();
      return;
    }
    const link = event.target.closest('a[href^="#src-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.classList.add("flash");
    setTimeout(() => target.classList.remove("flash"), 1800);
    const summary = target.querySelector("summary");
    if (summary) summary.focus({ preventScroll: true });
  },
  true,
);
