/* sphinxcontrib-atlas: search tuning, loaded on the search page before Sphinx's searchtools.js.
   - splitQuery keeps hyphenated names whole ("sIL-6R", "IL-6Rα"), as the index stores them
     (site/search.py indexes each hyphenated word whole and in parts);
   - Scorer ranks page titles and entity names that match the query above body-text hits;
   - each result's snippet is the page's own summary (from atlas-search-data.js), so no result
     page is downloaded to make a snippet and no diagram, box or reference list shows in one. */
var ATLAS_SEARCH = window.ATLAS_SEARCH || { summaries: {}, names: {}, labels: {} };

var splitQuery = function (query) {
  return query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}-]+/gu)
    .map(function (term) { return term.replace(/^-+|-+$/g, ""); })
    .filter(function (term) { return term; });
};

var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  score: function (result) {
    var docname = result[0], title = (result[1] || "").toLowerCase(), score = result[4];
    var query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim();
    if (result[6] === "object" && ATLAS_SEARCH.labels && ATLAS_SEARCH.labels[result[1]]) {
      result[1] = ATLAS_SEARCH.labels[result[1]];  /* an entity by its label, not its id */
      title = result[1].toLowerCase();
    }
    if (!result[3]) {  /* a description means Sphinx shows it instead of fetching the page */
      result[3] = ATLAS_SEARCH.summaries[docname] || result[1] || docname;
    }
    if (!query) { return score; }
    var names = (ATLAS_SEARCH.names[docname] || []).map(function (n) { return n.toLowerCase(); });
    if (names.indexOf(query) !== -1) { return score + 1000; }  /* an entity's own name */
    var words = splitQuery(query);
    var inTitle = function (w) { return new RegExp("(^|[^\\p{L}\\p{N}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") +
                                                   "($|[^\\p{L}\\p{N}])", "u").test(title); };
    if (words.length && words.every(inTitle)) { return score + 500; }  /* every word in the title */
    if (names.some(function (n) { return n.indexOf(query) !== -1; })) { return score + 200; }
    return score;
  }
};
