// The case form's province → city → county selects: choosing one lists what lies inside it,
// from GET /divisions/<code>. Without this script the form's "列出…" button does the same.
const places = document.querySelector("[data-divisions]");
if (places) {
  const base = places.dataset.divisions;
  const select = (level) => places.querySelector(`select[data-division="${level}"]`);
  const [province, city, county] = ["province", "city", "county"].map(select);
  const refresh = places.querySelector("[data-division-refresh]");
  if (refresh) refresh.remove();

  const fill = (target, divisions) => {
    target.length = 1; // keep "请选择"
    for (const { code, name } of divisions) target.add(new Option(name, code));
    // a city that is its own county (仙桃市, 东莞市) has nothing else to choose
    if (divisions.length === 1) target.value = divisions[0].code;
  };

  const list = async (parent, target, below) => {
    fill(target, []);
    if (below) fill(below, []);
    if (!parent.value) return;
    const response = await fetch(`${base}/${encodeURIComponent(parent.value)}`);
    if (!response.ok) return;
    fill(target, await response.json());
    if (below && target.value) await list(target, below, null);
  };

  province.addEventListener("change", () => list(province, city, county));
  city.addEventListener("change", () => list(city, county, null));
}
