/* Site search, loaded by the search page only.
 *
 * Pagefind's index holds every run of Chinese characters as overlapping pairs
 * (plugins/newsroom/index/cjk.py), so the query is cut the same way and Pagefind
 * returns every article that contains all its pairs and words: a superset.
 * Each candidate's real text (title and body, kept with the record) is then
 * checked for the exact query, so only articles containing it are shown.
 * Every word shown comes from the page's data- attributes (the catalog).
 */
(function () {
  "use strict";
  var root = document.getElementById("search");
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var words = root.dataset;
  var cjkRun = new RegExp("[" + words.cjk + "]+", "g");
  var cjkChar = new RegExp("[" + words.cjk + "]");
  var letterOrDigit = /[\p{L}\p{N}]/u;
  var plural = new Intl.PluralRules(document.documentElement.lang);
  var BATCH = 10;
  var pagefind = null;
  var search = { id: 0, needle: "", candidates: [], next: 0, shown: 0 };

  function collapse(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // "石景山区 park" -> "石景 景山 山区 park": the pairs the index holds.
  function indexTerms(query) {
    return collapse(query.replace(cjkRun, function (run) {
      var pairs = [];
      for (var i = 0; i + 1 < run.length; i++) pairs.push(run.slice(i, i + 2));
      return " " + (pairs.length ? pairs.join(" ") : run) + " ";
    }));
  }

  // A Latin letter or digit, but not a Chinese character (Chinese has no word
  // boundaries to respect).
  function isWordCharacter(character) {
    return !!character && letterOrDigit.test(character) && !cjkChar.test(character);
  }

  // Where the needle occurs in text; a needle starting with a letter must
  // start a word there ("park" is not found in "Sparkle"), as Pagefind would.
  function occurrences(text, needle) {
    var found = [], low = text.toLowerCase();
    var wordStart = isWordCharacter(needle[0]);
    for (var at = low.indexOf(needle); at >= 0; at = low.indexOf(needle, at + 1)) {
      if (!(wordStart && isWordCharacter(low[at - 1]))) found.push(at);
    }
    return found;
  }

  function highlighted(text, needle) {
    var fragment = document.createDocumentFragment(), from = 0;
    occurrences(text, needle).forEach(function (at) {
      if (at < from) return;
      fragment.append(text.slice(from, at));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(at, at + needle.length);
      fragment.append(mark);
      from = at + needle.length;
    });
    fragment.append(text.slice(from));
    return fragment;
  }

  function excerpt(text, needle) {
    var at = occurrences(text, needle)[0] || 0;
    var start = Math.max(0, at - 50), end = Math.min(text.length, at + needle.length + 120);
    var paragraph = document.createElement("p");
    paragraph.append(start > 0 ? "…" : "");
    paragraph.append(highlighted(text.slice(start, end), needle));
    paragraph.append(end < text.length ? "…" : "");
    return paragraph;
  }

  function resultItem(data, title, text, needle) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.append(highlighted(title, needle));
    heading.append(link);
    var date = document.createElement("time");
    date.dateTime = data.meta.datetime || "";
    date.textContent = data.meta.date || "";
    item.append(heading, date, excerpt(text, needle));
    return item;
  }

  // An article's body text. A record carries it as meta.text when its indexed
  // content is character pairs; otherwise that content is the text itself:
  // the title, then the body, whitespace collapsed (as Pagefind stores it).
  function bodyText(data, title) {
    if ("text" in data.meta) return collapse(data.meta.text);
    var content = collapse(data.content);
    return content.startsWith(title) ? content.slice(title.length).trim() : content;
  }

  // The list item of a candidate, or null when it does not contain the query.
  async function checked(candidate, needle) {
    var data = await candidate.data();
    var title = collapse(data.meta.title), text = bodyText(data, title);
    var contains = occurrences(title, needle).length || occurrences(text, needle).length;
    return contains ? resultItem(data, title, text, needle) : null;
  }

  function say(template, values) {
    status.textContent = template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function reportCount() {
    var count = search.shown, unchecked = search.next < search.candidates.length;
    if (!count) return say(words.noResults, { query: search.query });
    if (unchecked) return say(words.resultMore, { count: count });
    say(plural.select(count) === "one" ? words.resultOne : words.resultOther, { count: count });
  }

  // Shows the next BATCH results, checking candidates a batch at a time.
  async function showMore() {
    var id = search.id, added = 0;
    moreButton.hidden = true;
    list.setAttribute("aria-busy", "true");
    while (added < BATCH && search.next < search.candidates.length) {
      var batch = search.candidates.slice(search.next, search.next + BATCH);
      search.next += batch.length;
      var items = await Promise.all(batch.map(function (candidate) {
        return checked(candidate, search.needle);
      }));
      if (id !== search.id) return;
      items.forEach(function (item) {
        if (item) { list.append(item); added++; search.shown++; }
      });
    }
    moreButton.hidden = search.next >= search.candidates.length;
    list.dataset.query = search.query;
    list.removeAttribute("aria-busy");
    reportCount();
  }

  // Pagefind drops a term that is in no article and matches the others, so
  // "山区防汛" would list every article with 山区: a term found nowhere ends
  // the search before any article is fetched.
  async function candidatesFor(terms) {
    var searchable = terms.split(" ").filter(function (term) { return letterOrDigit.test(term); });
    var alone = await Promise.all(searchable.map(function (term) { return pagefind.search(term); }));
    if (alone.some(function (response) { return !response.results.length; })) return [];
    return (await pagefind.search(terms, { sort: { date: "desc" } })).results;
  }

  async function run(query) {
    query = collapse(query);
    var id = ++search.id;
    search = { id: id, query: query, needle: query.toLowerCase(), candidates: [], next: 0, shown: 0 };
    list.replaceChildren();
    moreButton.hidden = true;
    if (!query) { status.textContent = ""; return; }
    status.textContent = words.searching;
    list.setAttribute("aria-busy", "true");
    try {
      if (!pagefind) {
        pagefind = await import(words.bundle + "pagefind.js");
        // Record URLs are root-relative; by default Pagefind would prefix them
        // with the bundle's folder (/en/ for the English bundle).
        await pagefind.options({ baseUrl: "/" });
      }
      var candidates = await candidatesFor(indexTerms(query));
    } catch (error) {
      status.textContent = words.failed;
      list.removeAttribute("aria-busy");
      throw error;
    }
    if (id !== search.id) return;
    search.candidates = candidates;
    await showMore();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  moreButton.addEventListener("click", showMore);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
