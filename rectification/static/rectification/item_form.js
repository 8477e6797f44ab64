// The item form shows only the fields of the chosen list (no inline scripts: CSP 'self').
(() => {
  const ONLY = {
    person: ["personal"],
    lead_unit: ["leadership", "department"], co_units: ["leadership", "department"],
    owner: ["leadership", "department"],
    risk_point: ["department"], risk_level: ["department"], prevention: ["department"],
    is_public: ["leadership", "department"], public_summary: ["leadership", "department"],
  };
  function apply(select) {
    const list = select.value;
    document.querySelectorAll("[data-field]").forEach((row) => {
      const lists = ONLY[row.dataset.field];
      row.hidden = Boolean(lists) && !lists.includes(list);
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    const select = document.querySelector("#item-form select[name=list_type]");
    if (!select) return;
    apply(select);
    select.addEventListener("change", () => apply(select));
  });
})();
