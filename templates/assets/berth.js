// berth's page script: small and optional. Without it every page still reads and navigates.
for (const button of document.querySelectorAll('button.copy-button[data-copy]')) {
  button.hidden = false
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy)
      button.textContent = 'Copied'
    } catch {
      button.textContent = 'Press Ctrl+C'
      const range = document.createRange()
      range.selectNodeContents(button.parentElement.querySelector('code'))
      getSelection().removeAllRanges()
      getSelection().addRange(range)
    }
    setTimeout(() => (button.textContent = 'Copy'), 2000)
  })
}
