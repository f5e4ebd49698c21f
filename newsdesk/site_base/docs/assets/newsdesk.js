// Sort any table.nd-sortable by a click on a column heading (again: the other way); filter the
// actors table by name and type. Self-hosted, no dependencies.
document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("table.nd-sortable"), function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.addEventListener("click", function () {
        var numeric = th.hasAttribute("data-num");
        var rows = Array.prototype.slice.call(body.rows);
        var desc = th.dataset.sorted !== "desc";
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          if (!x !== !y) return x ? -1 : 1;  // empty cells (an undated article) last either way
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return desc ? -c : c;
        });
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { delete other.dataset.sorted; });
        th.dataset.sorted = desc ? "desc" : "asc";
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var actors = document.getElementById("nd-actors");
  if (!actors) return;
  var filter = document.getElementById("nd-filter");
  var type = document.getElementById("nd-type");
  function apply() {
    var q = filter.value.toLowerCase(), t = type.value;
    Array.prototype.forEach.call(actors.tBodies[0].rows, function (row) {
      var show = row.cells[0].textContent.toLowerCase().indexOf(q) >= 0 && (!t || row.dataset.type === t);
      row.style.display = show ? "" : "none";
    });
  }
  filter.addEventListener("input", apply);
  type.addEventListener("change", apply);
});

// Filter the quotes (quotes/index.html) through their own Pagefind bundle: the words are searched,
// speaker, speaker type and kind are Pagefind filters, and only the index fragments a query needs
// are loaded, 20 results at a time. Everything shown is set as text, never as markup.
document.addEventListener("DOMContentLoaded", async function () {
  var form = document.getElementById("nd-quote-search");
  if (!form) return;
  var FILTERS = ["speaker", "speaker type", "kind"], PAGE = 20;
  var root = new URL("../", location.href).pathname;  // the site's root, wherever it is served from
  var pagefind, known;
  try {
    pagefind = await import(new URL(form.dataset.bundle + "pagefind.js", location.href).href);
    // a large site's quotes are in several bundles (search-bundles.json): merged into this one
    var bundles = await fetch(new URL("search-bundles.json", new URL("../", location.href)).href)
      .then(function (r) { return r.ok ? r.json() : { quotes: [] }; }, function () { return { quotes: [] }; });
    for (var i = 0; i < bundles.quotes.length; i++) {
      await pagefind.mergeIndex(new URL("../" + bundles.quotes[i], location.href).href);
    }
    known = await pagefind.filters();
  } catch (e) {
    return;  // a site built with --no-search has no bundle: the form stays hidden, the list stays
  }
  function byCount(values) {
    return Object.keys(values || {}).sort(function (a, b) { return values[b] - values[a] || a.localeCompare(b); });
  }
  byCount(known.speaker).forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    document.getElementById("nd-speakers").appendChild(option);
  });
  ["speaker type", "kind"].forEach(function (name) {
    byCount(known[name]).forEach(function (value) {
      form.elements.namedItem(name).add(new Option(value + " (" + known[name][value] + ")", value));
    });
  });
  var results = document.getElementById("nd-quote-results"), list = document.getElementById("nd-quote-list");
  var found = [], shown = 0, ol = null;
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  async function more() {
    var batch = await Promise.all(found.slice(shown, shown + PAGE).map(function (r) { return r.data(); }));
    shown += batch.length;
    batch.forEach(function (d) {
      var li = el("li", "", { class: "nd-quote-item" }), meta = el("span", "", { class: "nd-meta" });
      li.appendChild(el("blockquote", "“" + d.content + "”"));
      meta.appendChild(d.meta.actor ? el("a", d.meta.title, { href: root + "actors/" + d.meta.actor + ".html" })
                                    : el("em", d.meta.title));
      meta.append(" · " + d.meta.kind + " · ");
      meta.appendChild(el("a", d.meta.article, { href: root + d.meta.href }));
      if (d.meta.date) meta.append(" · " + d.meta.date);
      li.appendChild(meta);
      ol.appendChild(li);
    });
    var button = results.querySelector("button");
    if (button) button.remove();
    if (shown < found.length) {
      button = el("button", "Show " + Math.min(PAGE, found.length - shown) + " more", { type: "button", class: "md-button" });
      button.addEventListener("click", more);
      results.appendChild(button);
    }
  }
  async function run() {
    var words = form.elements.namedItem("words").value.trim(), chosen = {};
    FILTERS.forEach(function (name) {
      var value = form.elements.namedItem(name).value.trim();
      // a name typed in another case is still that speaker ("mark rutte")
      var exact = Object.keys(known[name] || {}).filter(function (v) { return v.toLowerCase() === value.toLowerCase(); });
      if (value) chosen[name] = exact.length ? exact[0] : value;
    });
    if (!words && !Object.keys(chosen).length) {
      results.replaceChildren();
      list.hidden = false;
      return;
    }
    var search = await pagefind.debouncedSearch(words || null, { filters: chosen }, 150);
    if (search === null) return;  // a newer query superseded this one
    found = search.results;
    shown = 0;
    ol = el("ol", "", { class: "nd-quotes" });
    results.replaceChildren(el("p", found.length + (found.length === 1 ? " quote" : " quotes"), { class: "nd-found" }), ol);
    list.hidden = true;
    await more();
  }
  form.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  var params = new URLSearchParams(location.search);  // e.g. ?speaker=Mark+Rutte from an actor's page
  ["words"].concat(FILTERS).forEach(function (name) {
    if (params.get(name)) form.elements.namedItem(name).value = params.get(name);
  });
  form.hidden = false;
  run();
});
