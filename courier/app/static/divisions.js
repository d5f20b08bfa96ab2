// The case form's province → city → county selects: choosing one lists what lies inside it,
// from GET /divisions/<code>. Without this script the form's "列出城市和区县" button does that.
const places = document.querySelector("[data-divisions]");
if (places) {
  const base = places.dataset.divisions;
  const select = (level) => places.querySelector(`select[data-division="${level}"]`);
  const [province, city, county] = ["province", "city", "county"].map(select);
  const refresh = document.querySelector("[data-division-refresh]");
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
    const asked = parent.value;
    if (!asked) return;
    const response = await fetch(`${base}/${encodeURIComponent(asked)}`);
    if (!response.ok) return;
    const divisions = await response.json();
    if (parent.value !== asked) return; // chosen again meanwhile: that answer fills it
    fill(target, divisions);
    if (below && target.value) await list(target, below, null);
  };

  province.addEventListener("change", () => list(province, city, county));
  city.addEventListener("change", () => list(city, county, null));
}
