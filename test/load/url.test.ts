import { expect, test } from 'vitest'
import { normalizePageUrl, outputPathForUrl, titleFromUrl, urlFromContentPath } from '../../src/load/url.ts'

test.for([
  ['ml-skills/docker/introduction', 'ml-skills/docker/introduction/'],
  ['/ml-skills/docker/introduction', 'ml-skills/docker/introduction/'],
  ['/ml-skills/docker/introduction/', 'ml-skills/docker/introduction/'],
  ['/', ''],
  ['a//b', 'a/b/'],
] as const)('normalizes %s to %s', ([raw, url]) => {
  expect(normalizePageUrl(raw)).toEqual({ url })
})

test.for(['../escape', 'a/../../b', '%2e%2e/x', 'a/%2E%2E/%2e%2e/b', 'a\\..\\b', 'a%5c..%5cb', 'https://evil.example/x', '//host/x', 'a?x=1', 'a%00b', '%zz'])(
  'refuses %s',
  (raw) => {
    expect(normalizePageUrl(raw)).toHaveProperty('problem')
  },
)

test.for([
  ['ml-skills/docker/introduction.md', 'ml-skills/docker/introduction/'],
  ['ml-skills/docker/index.md', 'ml-skills/docker/'],
  ['index.md', ''],
  ['Guide.MD', 'Guide/'],
] as const)('a file at %s gets the url %s', ([file, url]) => {
  expect(urlFromContentPath(file)).toBe(url)
})

test('pretty urls are written as folder/index.html', () => {
  expect(outputPathForUrl('ml-skills/docker/introduction/')).toBe('ml-skills/docker/introduction/index.html')
  expect(outputPathForUrl('')).toBe('index.html')
})

test('titles made from urls', () => {
  expect(titleFromUrl('ml-skills/docker/introduction/')).toBe('Introduction')
  expect(titleFromUrl('docker_volumes-and-binds/')).toBe('Docker Volumes And Binds')
})
