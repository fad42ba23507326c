import { expect, test } from 'vitest'
import { allowedHostnames, isAllowedHost, isAllowedOrigin } from '../../src/dev/host-guard.ts'

const local = allowedHostnames('127.0.0.1')

test.for([
  ['localhost:4000', true],
  ['127.0.0.1:4000', true],
  ['[::1]:4000', true],
  ['LOCALHOST', true],
  ['localhost:4001', false],
  ['evil.example:4000', false],
  ['127.0.0.1.evil.example:4000', false],
  ['', false],
] as const)('Host %s allowed: %s', ([host, allowed]) => {
  expect(isAllowedHost(host, local, 4000)).toBe(allowed)
})

test('--host adds its own name', () => {
  expect(isAllowedHost('devbox.lan:4000', allowedHostnames('devbox.lan'), 4000)).toBe(true)
  expect(isAllowedHost('devbox.lan:4000', local, 4000)).toBe(false)
})

test.for([
  [undefined, true],
  ['http://localhost:4000', true],
  ['http://evil.example', false],
  ['http://localhost:4001', false],
  ['https://localhost:4000', false],
  ['null', false],
] as const)('Origin %s allowed: %s', ([origin, allowed]) => {
  expect(isAllowedOrigin(origin, local, 4000)).toBe(allowed)
})
