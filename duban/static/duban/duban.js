// Small behaviours of the base layout. No inline scripts: the CSP allows only 'self'.
document.addEventListener("change", (e) => {
  if (e.target.matches("[data-autosubmit]")) e.target.form.requestSubmit();
});
document.addEventListener("submit", (e) => {
  // One click, one submission: disable the buttons of a form being sent.
  const form = e.target;
  if (form.dataset.submitting) { e.preventDefault(); return; }
  form.dataset.submitting = "1";
  setTimeout(() => form.querySelectorAll("button[type=submit],button:not([type])")
    .forEach((b) => { b.disabled = true; }), 0);
});
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-submitting]").forEach((f) => {
    delete f.dataset.submitting;
    f.querySelectorAll("button").forEach((b) => { b.disabled = false; });
  });
});
// Charts: <div class="chart" data-chart='{"echarts option": ...}'>
function drawCharts(root) {
  if (!window.echarts) return;
  root.querySelectorAll("[data-chart]").forEach((el) => {
    if (el.dataset.drawn) return;
    el.dataset.drawn = "1";
    echarts.init(el).setOption(JSON.parse(el.dataset.chart));
  });
}
document.addEventListener("DOMContentLoaded", () => drawCharts(document));
document.addEventListener("htmx:afterSettle", (e) => drawCharts(e.target));
