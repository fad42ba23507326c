// The search page: Pagefind's interface over the index berth built, searching for ?q= at once.
const element = document.getElementById('search')
if (element && window.PagefindUI) {
  const ui = new window.PagefindUI({ element: '#search', bundlePath: element.dataset.bundle, showSubResults: true, showImages: false, resetStyles: false })
  const query = new URLSearchParams(location.search).get('q')
  if (query) ui.triggerSearch(query)
}
