// The receiving desk's scan box keeps focus, so a keyboard-wedge scanner (digits, then Enter)
// always types into it (kept out of the page: the CSP allows no inline script).
const box = document.querySelector("input[data-scan-box]");
if (box) {
  const refocus = () => {
    box.focus();
    box.select();
  };
  window.addEventListener("pageshow", refocus);
  // Clicking a link or another field moves focus on purpose; losing it to nothing does not.
  box.addEventListener("blur", () => {
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) refocus();
    }, 0);
  });
  box.form.addEventListener("submit", () => {
    box.value = box.value.replace(/\s+/g, "");
  });
}
