// Settings → API tokens: the Copy button next to a new token.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  const done = () => {
    const label = button.textContent;
    button.textContent = button.dataset.copied
      || (window.copilotText ? window.copilotText("copied", "Copied") : "Copied");
    setTimeout(() => { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, () => {});
  }
});
