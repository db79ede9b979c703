// The preference buttons: the <head> script applies the saved ones before the
// first paint; this one makes the buttons change, show and save them. Buttons
// sharing a data-pref are one choice (text size); a lone one toggles.
(() => {
  const root = document.documentElement;
  const buttons = [...document.querySelectorAll("[data-pref]")];
  const current = (name) => root.getAttribute(`data-${name}`);
  const show = () => {
    for (const button of buttons) {
      const pressed = current(button.dataset.pref) === button.value;
      button.setAttribute("aria-pressed", String(pressed));
    }
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const name = button.dataset.pref;
      const lone = buttons.filter((b) => b.dataset.pref === name).length === 1;
      const value = lone && current(name) === button.value ? "" : button.value;
      if (value) root.setAttribute(`data-${name}`, value);
      else root.removeAttribute(`data-${name}`);
      try {
        if (value) localStorage.setItem(name, value);
        else localStorage.removeItem(name);
      } catch {
        // Storage refused (privacy mode): the choice applies to this page only.
      }
      show();
    });
  }
  show();
})();
