/* The preview only (make serve, NEWSROOM_LIVE_RELOAD): once a second, this
 * page is fetched again from the preview server, and when a rebuild has
 * changed it, the browser shows the new one. The published site never loads
 * this file.
 */
(function () {
  "use strict";
  var seen = null;

  function check() {
    fetch(location.href, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : seen; })
      .then(function (page) {
        if (seen !== null && page !== seen) return location.reload();
        seen = page;
        setTimeout(check, 1000);
      })
      .catch(function () { setTimeout(check, 1000); });
  }

  check();
})();
