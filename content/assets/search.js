// The search page: Pagefind's UI over the index `paperboy build` writes into pagefind/ and,
// on a large site, further shards (pagefind-<month>/, listed by pagefind/paperboy-shards.js).
// A query in the address (search/?q=words) is searched at once, so searches can be linked.
(function () {
  if (typeof PagefindUI === "undefined") {
    // No index: a site without papers yet, or a preview (`make serve`) that never runs Pagefind.
    document.getElementById("pb-search").textContent =
      "Search is not available here: its index is made by `paperboy build` once the site has papers.";
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
  });
  // The page's visible <label for="pb-search-input"> names Pagefind's input.
  var input = document.querySelector("#pb-search input");
  if (input) input.id = "pb-search-input";
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
