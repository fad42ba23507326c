// The search page: Pagefind's interface over the index berth built, searching for ?q= at once.
// A large site's index comes in shards; the first bundle lists the others, which are merged into it.
const element = document.getElementById('search')
if (element && window.PagefindUI) startSearch(element)

async function startSearch(element) {
  const bundle = element.dataset.bundle
  const shards = await fetch(`${bundle}berth-shards.json`)
    .then((response) => (response.ok ? response.json() : []))
    .catch(() => [])
  const ui = new window.PagefindUI({
    element: '#search',
    bundlePath: bundle,
    mergeIndex: shards.map((shard) => ({ bundlePath: bundle + shard })),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  })
  // Pagefind's box has a placeholder and a title, which are no label for every screen reader.
  element.querySelector('input[type="text"], input[type="search"]')?.setAttribute('aria-label', 'Search posts')
  const query = new URLSearchParams(location.search).get('q')
  if (query) ui.triggerSearch(query)
}
