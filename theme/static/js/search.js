/* Site search, loaded by the search page only. The index (built by
 * plugins/newsroom/index/) names, for every term, the articles holding it:
 * each Chinese character and pair of characters, each word. The query is cut
 * the same way; the articles holding all its terms are the candidates, and
 * each one's title and text are checked for the exact query. Every word
 * shown comes from the page's data- attributes (the catalog).
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
  var wordPattern = new RegExp("(?:(?![" + words.cjk + "])[\\p{L}\\p{N}])+", "gu");
  var pairSeparator = Number(words.pairSeparator);
  var plural = new Intl.PluralRules(document.documentElement.lang);
  var BATCH = 10;
  var index = null;
  var fetched = new Map();
  var search = { id: 0, needle: "", candidates: [], next: 0, shown: 0 };

  function collapse(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // "石景山区 park ser" -> exact: 石景 景山 山区 park; prefixes: ser, "park ser"
  // (the query may stop inside a word). A lone Chinese character is looked
  // up as itself; two words with a short separator as a pair (index/terms.py).
  function queryTerms(needle) {
    var exact = [], prefixes = [], previous = null, word;
    (needle.match(cjkRun) || []).forEach(function (run) {
      if (run.length === 1) exact.push(run);
      for (var i = 0; i + 1 < run.length; i++) exact.push(run.slice(i, i + 2));
    });
    for (wordPattern.lastIndex = 0; (word = wordPattern.exec(needle));) {
      var end = word.index + word[0].length;
      var terms = end === needle.length ? prefixes : exact;
      terms.push(word[0]);
      if (previous) {
        var separator = needle.slice(previous.end, word.index);
        if (separator.length <= pairSeparator && !cjkChar.test(separator)) {
          terms.push(needle.slice(previous.start, end));
        }
      }
      previous = { start: word.index, end: end };
    }
    return { exact: exact, prefixes: prefixes };
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
    date.dateTime = data.datetime;
    date.textContent = data.date;
    item.append(heading, date, excerpt(text, needle));
    return item;
  }

  // The list item of a candidate, or null when it does not contain the query.
  async function checked(number, needle) {
    var data = await json("p/" + number + ".json");
    var title = collapse(data.title), text = collapse(data.text);
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

  // A file of the index, fetched once per page.
  function json(path) {
    if (!fetched.has(path)) {
      fetched.set(path, fetch(words.bundle + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      }));
    }
    return fetched.get(path);
  }

  // The chunks that may hold the term (index.json: each chunk's first and
  // last term, in the order strings compare in here), and for a prefix the
  // ones after that start with it.
  function chunksOf(term, isPrefix) {
    var chunks = index.chunks, low = 0, high = chunks.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (chunks[middle][0] <= term) low = middle + 1; else high = middle;
    }
    var picked = [], at = low - 1;
    if (at >= 0 && chunks[at][1] >= term) picked.push(chunks[at][2]);
    for (at = low; isPrefix && at < chunks.length && chunks[at][0].startsWith(term); at++) {
      picked.push(chunks[at][2]);
    }
    return picked;
  }

  function numbers(gaps) {
    var total = 0;
    return gaps.map(function (gap) { return (total += gap); });
  }

  // The articles holding the term (or, for a prefix, a word starting with it).
  async function articlesWith(term, isPrefix) {
    var found = new Set();
    var chunks = await Promise.all(chunksOf(term, isPrefix).map(function (name) {
      return json("c/" + name);
    }));
    chunks.forEach(function (chunk) {
      Object.keys(chunk).forEach(function (key) {
        if (key === term || (isPrefix && key.startsWith(term))) {
          numbers(chunk[key]).forEach(function (number) { found.add(number); });
        }
      });
    });
    return found;
  }

  // The articles holding every term of the query, newest (highest) first.
  async function candidatesFor(needle) {
    var terms = queryTerms(needle);
    var lookups = terms.exact.map(function (term) { return articlesWith(term, false); });
    terms.prefixes.forEach(function (term) { lookups.push(articlesWith(term, true)); });
    if (!lookups.length) return [];
    var sets = await Promise.all(lookups);
    sets.sort(function (a, b) { return a.size - b.size; });
    return Array.from(sets[0]).filter(function (number) {
      return sets.every(function (set) { return set.has(number); });
    }).sort(function (a, b) { return b - a; });
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
      if (!index) index = await json("index.json");
      var candidates = await candidatesFor(search.needle);
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
