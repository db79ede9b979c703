// Print, and read aloud with the browser's own voices (a local one first):
// each shown only where it works.
(() => {
  const printer = document.querySelector(".print-button");
  printer.addEventListener("click", () => window.print());
  const tools = document.querySelector(".read-aloud");
  const speech = window.speechSynthesis;
  if (!speech) return;
  const lang = document.documentElement.lang;
  const base = (tag) => tag.split(/[-_]/)[0].toLowerCase();
  const state = tools.querySelector("[role=status]");
  let current = null;
  const voice = () => {
    const own = speech.getVoices().filter((v) => base(v.lang) === base(lang));
    return own.find((v) => v.localService) || own[0];
  };
  const announce = (name) => {
    tools.dataset.state = name;
    state.textContent = tools.dataset[name];
  };
  const speak = () => {
    const parts = document.querySelectorAll(".article__title, .article__body");
    const text = [...parts].map((part) => part.innerText).join("\n");
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.voice = voice();
    // A cancelled utterance ends too: only the current one's end counts.
    utterance.addEventListener("end", () => {
      if (current === utterance) announce("stopped");
    });
    current = utterance;
    speech.speak(utterance);
  };
  const actions = {
    play() {
      if (speech.paused && current) speech.resume();
      else if (!speech.speaking) speak();
      announce("playing");
    },
    pause() {
      if (!current) return;
      speech.pause();
      announce("paused");
    },
    stop() {
      current = null;
      speech.cancel();
      announce("stopped");
    },
  };
  for (const button of tools.querySelectorAll("button")) {
    button.addEventListener("click", () => actions[button.value]());
  }
  const offer = () => {
    tools.hidden = !voice();
  };
  speech.addEventListener("voiceschanged", offer);
  offer();
  window.addEventListener("pagehide", () => speech.cancel());
})();
