import { expect, test } from 'vitest'
import { resolveRequestPath } from '../../src/dev/request-path.ts'

test.for([
  ['/', '/', { key: '', directory: true }],
  ['/docker/intro/', '/', { key: 'docker/intro', directory: true }],
  ['/docker/intro', '/', { key: 'docker/intro', directory: false }],
  ['/assets/a%20b.png?v=1#x', '/', { key: 'assets/a b.png', directory: false }],
  ['/docs/a/', '/docs/', { key: 'a', directory: true }],
  ['/%C3%BCberblick/', '/', { key: 'überblick', directory: true }],
] as const)('%s under %s', ([url, base, expected]) => {
  expect(resolveRequestPath(url, base)).toMatchObject({ kind: 'path', ...expected })
})

test.for([
  ['/../etc/passwd', 404],
  ['/a/../../etc', 404],
  ['/%2e%2e/etc', 404],
  ['/a%2f..%2f..%2fb', 404],
  ['/a%5c..%5cb', 404],
  ['/a\\b', 404],
  ['/a%00', 400],
  ['/%E0%A4%A', 400],
  ['http://evil.example/', 400],
  ['*', 400],
  [`/${'x'.repeat(3000)}`, 400],
  ['/other/', 404],
] as const)('%s is refused with %i', ([url, status]) => {
  expect(resolveRequestPath(url, url === '/other/' ? '/docs/' : '/')).toMatchObject({ kind: 'refused', status })
})
