// The search page: Pagefind's UI over the index `paperboy build` writes into pagefind/ and,
// on a large site, further shards (pagefind-<month>/, listed by pagefind/paperboy-shards.js).
// The query and the filters live in the address (search/?q=words&tag=Distillation&released=models), kept
// up to date while the reader types and ticks, so a search can be bookmarked and shared.
(function () {
  if (typeof PagefindUI === "undefined") {
    // No index: a site without papers yet, or a preview (`make serve`) that never runs Pagefind.
    document.getElementById("pb-search").textContent =
      "Search is not available yet: it appears with the site's first papers. Browse the archive meanwhile.";
    return;
  }
  var shards = window.PAPERBOY_SEARCH_SHARDS || [];
  var ui = new PagefindUI({
    element: "#pb-search",
    showSubResults: false,
    showImages: false,
    // The tag filter starts open beside the results on a wide screen; on a phone, where it sits
    // above them, it starts closed (its summary shows a marker: see paperboy.css).
    openFilters: window.matchMedia("(min-width: 60em)").matches ? ["tag"] : [],
    mergeIndex: shards.map(function (path) { return { bundlePath: path }; }),
    translations: { placeholder: "Title, author, abstract or tag" },
    // Each result: its date, upvotes and tags (page metadata, see paper_page.html.j2); the
    // authors only when the excerpt does not already show them.
    processResult: function (result) {
      var meta = result.meta || {};
      var authors = meta.authors || "";
      var first = authors.split(",")[0].trim();
      if (first && (result.excerpt || "").indexOf(first) !== -1) delete meta.authors;
      var ordered = {};
      ["title", "date", "upvotes", "tags", "authors"].forEach(function (key) { if (meta[key]) ordered[key] = meta[key]; });
      Object.keys(meta).forEach(function (key) { if (!(key in ordered)) ordered[key] = meta[key]; });
      result.meta = ordered;
      return result;
    },
  });
  // The page's visible <label for="pb-search-input"> names Pagefind's input.
  var root = document.getElementById("pb-search");
  var input = root.querySelector("input");
  if (input) input.id = "pb-search-input";
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q");
  // Two filters: the tags, and "released: models" (papers that released a model on the Hub).
  var wanted = {};
  ["tag", "released"].forEach(function (group) {
    var values = params.getAll(group);
    if (values.length) wanted[group] = values;
  });
  if (Object.keys(wanted).length) ui.triggerFilters(wanted);
  if (query) ui.triggerSearch(query);

  function remember() {
    var next = new URLSearchParams();
    var words = input ? input.value.trim() : "";
    if (words) next.set("q", words);
    root.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      var label = root.querySelector("label[for='" + box.id + "']");
      var name = box.value || (label ? label.textContent.replace(/\s*\(\d+\)\s*$/, "").trim() : "");
      if (name) next.append(box.name === "released" ? "released" : "tag", name);
    });
    var search = next.toString();
    var address = window.location.pathname + (search ? "?" + search : "");
    if (address !== window.location.pathname + window.location.search) history.replaceState(null, "", address);
  }
  var timer = null;
  root.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(remember, 300); });
  root.addEventListener("change", function () { setTimeout(remember, 0); });
})();
