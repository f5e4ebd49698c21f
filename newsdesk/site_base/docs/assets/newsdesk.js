// Sort and filter the actors table. Self-hosted, no dependencies.
document.addEventListener("DOMContentLoaded", function () {
  var table = document.getElementById("nd-actors");
  if (!table) return;
  var body = table.tBodies[0];
  var filter = document.getElementById("nd-filter");
  var type = document.getElementById("nd-type");
  function apply() {
    var q = filter.value.toLowerCase(), t = type.value;
    Array.prototype.forEach.call(body.rows, function (row) {
      var show = row.cells[0].textContent.toLowerCase().indexOf(q) >= 0 && (!t || row.dataset.type === t);
      row.style.display = show ? "" : "none";
    });
  }
  filter.addEventListener("input", apply);
  type.addEventListener("change", apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var numeric = th.hasAttribute("data-num");
      var rows = Array.prototype.slice.call(body.rows);
      var desc = th.dataset.sorted !== "desc";
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return desc ? -c : c;
      });
      th.dataset.sorted = desc ? "desc" : "asc";
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
