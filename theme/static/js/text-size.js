// The text-size control: the <head> script applies the saved size before the
// first paint; this one makes the buttons change, show and save it.
(() => {
  const root = document.documentElement;
  const buttons = [...document.querySelectorAll(".text-size button")];
  const show = (size) => {
    const known = buttons.some((button) => button.value === size);
    const chosen = known ? size : "middle";
    root.setAttribute("data-text-size", chosen);
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(button.value === chosen));
    }
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      show(button.value);
      try {
        localStorage.setItem("text-size", button.value);
      } catch {
        // Storage refused (privacy mode): the size applies to this page only.
      }
    });
  }
  show(root.getAttribute("data-text-size"));
})();
