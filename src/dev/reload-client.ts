/** The URL of the dev event stream, under the site's base path. */
export const EVENTS_PATH = '__berth/events'

/** The overlay's own look, light or dark with the reader's system, every colour pair at least 7:1. */
const OVERLAY_CSS = `
:host { color-scheme: light dark; }
* { box-sizing: border-box; }
section {
  position: absolute; inset: 0; overflow: auto; padding: 2rem max(1rem, calc((100% - 60rem) / 2));
  background: #ffffff; color: #1b1b1f; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif;
}
h2 { margin: 0 0 1.25rem; font-size: 1.15rem; color: #9b1c1c; }
.error { margin: 0 0 1.5rem; padding: 0 0 0 1rem; border-left: 4px solid #9b1c1c; }
.heading { margin: 0 0 .5rem; font: 600 14px/1.5 ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.frame { margin: 0 0 .5rem; padding: .75rem 1rem; overflow-x: auto; background: #f1f1f4; color: #1b1b1f; border-radius: 6px; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; }
.frame:focus-visible { outline: 2px solid #1b4fd1; outline-offset: 2px; }
.hint { margin: 0; }
@media (prefers-color-scheme: dark) {
  section { background: #16161a; color: #ececf1; }
  h2 { color: #ff9b93; }
  .error { border-left-color: #ff9b93; }
  .frame { background: #24242b; color: #ececf1; }
  .frame:focus-visible { outline-color: #8fb0ff; }
}
`

/**
 * The script the dev server adds to every HTML page it serves (never to built pages): it listens to the
 * event stream, reloads the page when its own output changed (keeping the scroll position), swaps
 * changed stylesheets in place, and shows build errors in an overlay (heading, code frame, hint). Error
 * text is set with textContent, so a file named `<img onerror=…>.md` shows as text.
 */
export function reloadClientScript(eventsUrl: string): string {
  return `<script type="module" data-berth-dev>
const OVERLAY_CSS = ${JSON.stringify(OVERLAY_CSS)}
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
  let host = document.getElementById('berth-error-overlay')
  if (!host) {
    // A shadow root keeps the theme's styles (its pre, its colours) off the overlay, and the overlay's off the page.
    host = document.createElement('div')
    host.id = 'berth-error-overlay'
    host.style.cssText = 'all:initial;position:fixed;inset:0;z-index:2147483647'
    host.attachShadow({ mode: 'open' })
    document.body.append(host)
  }
  const style = document.createElement('style')
  style.textContent = OVERLAY_CSS
  const panel = document.createElement('section')
  panel.setAttribute('role', 'alert')
  panel.setAttribute('aria-labelledby', 'berth-overlay-title')
  const title = document.createElement('h2')
  title.id = 'berth-overlay-title'
  title.textContent = 'berth: the build failed (' + errors.length + (errors.length === 1 ? ' error)' : ' errors)') + ', showing the last good version underneath'
  panel.append(title)
  for (const error of errors) {
    const item = part('div', 'error', part('p', 'heading', error.heading))
    if (error.frame) {
      const frame = part('pre', 'frame', error.frame)
      // A long line scrolls the frame sideways, by keyboard too.
      frame.tabIndex = 0
      item.append(frame)
    }
    if (error.hint) item.append(part('p', 'hint', part('strong', '', 'hint: '), error.hint))
    panel.append(item)
  }
  host.shadowRoot.replaceChildren(style, panel)
}
// An element of the overlay; strings become text nodes, never markup.
function part(tag, className, ...children) {
  const element = document.createElement(tag)
  if (className) element.className = className
  element.append(...children)
  return element
}
</script>`
}

/** Add the client to an HTML page, before `</body>` (or at the end if there is none). */
export function injectReloadClient(html: string, eventsUrl: string): string {
  const script = reloadClientScript(eventsUrl)
  const at = html.lastIndexOf('</body>')
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at)
}
