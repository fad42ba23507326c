/** The URL of the dev event stream, under the site's base path. */
export const EVENTS_PATH = '__berth/events'

/**
 * The script the dev server adds to every HTML page it serves (never to built pages): it listens to the
 * event stream, reloads the page when its own output changed (keeping the scroll position), swaps
 * changed stylesheets in place, and shows build errors in an overlay. Error text is set with
 * textContent, so a file named `<img onerror=…>.md` shows as text.
 */
export function reloadClientScript(eventsUrl: string): string {
  return `<script type="module" data-berth-dev>
const scrollKey = 'berth:scroll:' + location.pathname
const saved = sessionStorage.getItem(scrollKey)
if (saved !== null) {
  sessionStorage.removeItem(scrollKey)
  const y = Number(saved)
  const restore = () => window.scrollTo(0, y)
  restore()
  addEventListener('load', restore, { once: true })
}
const here = [location.pathname, location.pathname.replace(/index\\.html$/, '')]
// A changed image or script this page loads counts as a change to the page.
const loads = (path) => [...document.querySelectorAll('[src], link[href]')].some((el) => new URL(el.getAttribute('src') ?? el.getAttribute('href'), location.href).pathname === path)
const source = new EventSource(${JSON.stringify(eventsUrl)})
source.addEventListener('open', () => { document.documentElement.dataset.berthLive = 'connected' })
source.addEventListener('reload', (event) => {
  const { paths } = JSON.parse(event.data)
  if (!paths.some((p) => here.includes(p) || loads(p))) return
  sessionStorage.setItem(scrollKey, String(window.scrollY))
  location.reload()
})
source.addEventListener('css', (event) => {
  const { paths } = JSON.parse(event.data)
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const url = new URL(link.href)
    if (!paths.includes(url.pathname)) continue
    url.searchParams.set('t', String(Date.now()))
    link.href = url.href
  }
})
source.addEventListener('errors', (event) => showErrors(JSON.parse(event.data).errors))
source.addEventListener('ok', () => document.getElementById('berth-error-overlay')?.remove())
function showErrors(errors) {
  let overlay = document.getElementById('berth-error-overlay')
  if (!overlay) {
    overlay = document.createElement('div')
    overlay.id = 'berth-error-overlay'
    overlay.setAttribute('role', 'alert')
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(20,20,24,.94);color:#fafafa;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace'
    document.body.append(overlay)
  }
  overlay.replaceChildren()
  const title = document.createElement('h2')
  title.style.cssText = 'margin:0 0 1rem;color:#ff8a80;font:bold 18px system-ui,sans-serif'
  title.textContent = 'berth: the build failed (' + errors.length + (errors.length === 1 ? ' error)' : ' errors)') + ', showing the last good version underneath'
  const list = document.createElement('pre')
  list.style.cssText = 'margin:0;white-space:pre-wrap'
  list.textContent = errors.join('\\n')
  overlay.append(title, list)
}
</script>`
}

/** Add the client to an HTML page, before `</body>` (or at the end if there is none). */
export function injectReloadClient(html: string, eventsUrl: string): string {
  const script = reloadClientScript(eventsUrl)
  const at = html.lastIndexOf('</body>')
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at)
}
