// "Select all" on the sending desk (kept out of the page: the CSP allows no inline script).
document.querySelectorAll("input[data-select-all]").forEach((all) => {
  all.addEventListener("change", () => {
    const name = all.dataset.selectAll;
    document.querySelectorAll(`input[name="${name}"]`).forEach((box) => {
      box.checked = all.checked;
    });
  });
});
