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

// "Copy page as markdown": the post's markdown twin, for pasting into a chat or a note. The clipboard
// gets the fetch's promise, so the copy stays inside the click as Safari requires.
const copyPage = document.querySelector('button.copy-page[data-markdown]')
if (copyPage) {
  copyPage.hidden = false
  const label = copyPage.textContent
  copyPage.addEventListener('click', async () => {
    const text = fetch(copyPage.dataset.markdown).then((response) => {
      if (!response.ok) throw new Error(String(response.status))
      return response.text()
    })
    try {
      if (typeof ClipboardItem === 'function') await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })) })])
      else await navigator.clipboard.writeText(await text)
      copyPage.textContent = 'Copied'
    } catch {
      // No clipboard here (an insecure origin, a denied permission): show the markdown instead.
      location.href = copyPage.dataset.markdown
    }
    setTimeout(() => (copyPage.textContent = label), 2000)
  })
}

// The sidebar table of contents marks the section being read.
const sidebarLinks = new Map([...document.querySelectorAll('.sidebar-toc a[href^="#"]')].map((a) => [decodeURIComponent(a.hash.slice(1)), a]))
if (sidebarLinks.size > 0 && 'IntersectionObserver' in window) {
  const visible = new Set()
  const mark = () => {
    const current = [...sidebarLinks.keys()].find((id) => visible.has(id))
    for (const [id, link] of sidebarLinks) link.toggleAttribute('aria-current', id === current)
    if (current) sidebarLinks.get(current).setAttribute('aria-current', 'true')
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) entry.isIntersecting ? visible.add(entry.target.id) : visible.delete(entry.target.id)
    mark()
  }, { rootMargin: '0px 0px -70% 0px' })
  for (const id of sidebarLinks.keys()) {
    const heading = document.getElementById(id)
    if (heading) observer.observe(heading)
  }
}
