// Optional: sort any table.sortable by a click on its header, filter table.filterable as you
// type. The page is complete without this script; nothing here fetches anything.
(function () {
  "use strict";
  function text(cell) { return cell ? cell.textContent.trim() : ""; }
  function compare(a, b) {
    var x = Number(a.replace(/,/g, "")), y = Number(b.replace(/,/g, ""));
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
    return a.localeCompare(b);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var order = compare(text(r.cells[column]), text(s.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.querySelectorAll("table.filterable").forEach(function (table) {
    var body = table.tBodies[0];
    var box = document.createElement("p");
    box.className = "controls";
    var label = document.createElement("label");
    label.textContent = "Filter: ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = table.getAttribute("data-filter-placeholder") || "treaty, kind or status";
    label.appendChild(input);
    box.appendChild(label);
    table.parentNode.insertBefore(box, table);
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) === -1;
      });
    });
  });
})();
