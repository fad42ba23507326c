import { describe, expect, test } from 'vitest'
import { renderSnippet } from '../helpers/markdown.ts'

const found = (markdown: string) => renderSnippet(markdown).diagnostics.map((d) => [d.ruleId, d.line, d.column, d.severity])

describe('Dockerfile fences are checked where they are written', () => {
  test('a correct Dockerfile passes', () => {
    expect(found('# A\n\n```dockerfile\nFROM node:20-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCMD ["npm", "start"]\n```\n')).toEqual([])
  })

  test('each finding is a warning at its line and column in the post, with a permanent rule id and a hint', () => {
    const markdown = ['# A', '', 'Text.', '', '```dockerfile', 'FROM node:20', 'RUNN npm ci', 'MAINTAINER me', 'COPY --chmode=644 a b', 'EXPOSE 80/tcpx', 'WORKDIR app', '```', ''].join('\n')
    expect(found(markdown)).toEqual([
      ['dockerfile/unknown-instruction', 7, 1, 'warning'],
      ['dockerfile/deprecated-maintainer', 8, 1, 'warning'],
      ['dockerfile/unknown-copy-flag', 9, 6, 'warning'],
      ['dockerfile/invalid-proto', 10, 11, 'warning'],
      ['dockerfile/workdir-is-not-absolute', 11, 9, 'warning'],
    ])
    const [unknown, maintainer] = renderSnippet(markdown).diagnostics
    expect(unknown!.message).toBe('Dockerfile: Unknown instruction: RUNN')
    expect(maintainer!.hint).toMatch(/LABEL org\.opencontainers\.image\.authors/)
  })

  test('a missing FROM is found; inside a list item the column counts the indent', () => {
    expect(found('# A\n\n1. Write it:\n\n   ```Dockerfile\n   RUN echo hi\n   ```\n')).toEqual([['dockerfile/no-source-image', 6, 4, 'warning']])
  })

  test('a fence titled Dockerfile is checked whatever its language; a fragment is not', () => {
    expect(found('```text title="Dockerfile.dev"\nRUNN x\n```\n').map((f) => f[0])).toEqual(['dockerfile/no-source-image', 'dockerfile/unknown-instruction'])
    expect(found('```dockerfile fragment\nRUN apt-get install -y curl\n```\n')).toEqual([])
    expect(found('```dockerfile title="Dockerfile" fragment\nRUNN x\n```\n')).toEqual([])
  })
})

describe('console sessions need a prompt', () => {
  test('a console block with no prompt is a warning at its fence; with one, or in a root block with #, it is not', () => {
    expect(found('# A\n\n```console\ndocker ps\nCONTAINER ID   IMAGE\n```\n')).toEqual([['code/console-without-prompt', 3, 1, 'warning']])
    expect(found('```console\n$ docker ps\nCONTAINER ID   IMAGE\n```\n')).toEqual([])
    expect(found('```console root\n# apt-get update\n```\n')).toEqual([])
    expect(found('```shell-session\n# apt-get update\n```\n').map((f) => f[0])).toEqual(['code/console-without-prompt'])
    // `shell` is how many authors mark a script: no prompt expected.
    expect(found('```shell\ndocker ps\n```\n')).toEqual([])
  })
})

describe('Compose files are validated against the Compose Specification', () => {
  const compose = (lines: string[], fence = '```yaml title="compose.yaml"') => ['# A', '', fence, ...lines, '```', ''].join('\n')

  test('a correct Compose file passes, with the keys of recent Compose releases and ${VARIABLES}', () => {
    const file = compose([
      'services:',
      '  web:',
      '    build: .',
      '    ports:',
      '      - "8080:80"',
      '    environment:',
      '      - NODE_ENV=production',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '    develop:',
      '      watch:',
      '        - action: sync',
      '          path: ./src',
      '          target: /app/src',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          cpus: ${CPUS:-0.5}',
      '  db:',
      '    image: postgres:16',
      '    healthcheck:',
      '      test: ["CMD", "pg_isready"]',
      '      interval: 5s',
      '    volumes:',
      '      - db-data:/var/lib/postgresql/data',
      'volumes:',
      '  db-data:',
      'x-common: &common',
      '  restart: unless-stopped',
    ])
    expect(found(file)).toEqual([])
  })

  test('each mistake is one warning at the key it is about, with the key path and a fix', () => {
    const file = compose([
      'version: "3.8"',
      'services:',
      '  web:',
      '    imagee: nginx',
      '    build:',
      '      contxt: .',
      '    ports: 8080:80',
      '    environment: FOO=bar',
      '  my db:',
      '    image: postgres',
      '  cache:',
    ])
    expect(found(file)).toEqual([
      ['compose/obsolete-version', 4, 1, 'warning'],
      ['compose/unknown-key', 7, 5, 'warning'],
      ['compose/unknown-key', 9, 7, 'warning'],
      ['compose/wrong-type', 10, 12, 'warning'],
      ['compose/wrong-type', 11, 18, 'warning'],
      ['compose/unknown-key', 12, 3, 'warning'],
      ['compose/wrong-type', 14, 3, 'warning'],
    ])
    const byLine = new Map(renderSnippet(file).diagnostics.map((d) => [d.line, d]))
    expect(byLine.get(7)!.message).toBe('Compose: services.web has no key "imagee"')
    expect(byLine.get(7)!.hint).toMatch(/did you mean "image"\?/)
    expect(byLine.get(9)!.hint).toMatch(/did you mean "context"\?/)
    // `build` is a string or a mapping: the mapping's unknown key is the one finding, not the string's type too.
    expect(renderSnippet(file).diagnostics.filter((d) => d.line === 8)).toEqual([])
    expect(byLine.get(11)!.message).toBe('Compose: services.web.environment must be a mapping (key: value) or a list (- item)')
    expect(byLine.get(12)!.hint).toMatch(/letters, digits/)
  })

  test('a value outside its list names the allowed ones; a missing key is found at the mapping that lacks it', () => {
    const file = compose(['services:', '  web:', '    image: nginx', '    depends_on:', '      db:', '        condition: service_ready', '      cache:', '        restart: true'])
    expect(found(file)).toEqual([
      ['compose/invalid-value', 9, 20, 'warning'],
      ['compose/missing-key', 10, 7, 'warning'],
    ])
    const [invalid, missing] = renderSnippet(file).diagnostics
    expect(invalid!.message).toBe('Compose: services.web.depends_on.db.condition must be equal to one of the allowed values: service_started, service_healthy, service_completed_successfully')
    expect(missing!.message).toBe('Compose: services.web.depends_on.cache needs a "condition" key')
  })

  test('a compose fence, docker-compose.yml and an override file are Compose files; a fragment is not', () => {
    expect(found(compose(['services:', '  web:', '    imag: nginx'], '```compose')).map((f) => f[0])).toEqual(['compose/unknown-key'])
    expect(found(compose(['services:', '  web:', '    imag: nginx'], '```yaml title="docker-compose.prod.yml"')).map((f) => f[0])).toEqual(['compose/unknown-key'])
    expect(found(compose(['services:', '  web:', '    imag: nginx'], '```yaml title="compose.yaml" fragment'))).toEqual([])
    expect(found(compose(['services:', '  web:', '    imag: nginx'], '```yaml fragment'))).toEqual([])
  })

  test('a plain yaml fence that is a whole Compose file is checked as one, at the key each mistake is about', () => {
    expect(found(compose(['services:', '  web:', '    imag: nginx'], '```yaml'))).toEqual([['compose/unknown-key', 6, 5, 'warning']])
    expect(found(compose(['version: "3.8"', 'services:', '  web:', '    image: nginx', 'volumes:', '  data: {}', 'x-common: &common', '  restart: always'], '```yml'))).toEqual([['compose/obsolete-version', 4, 1, 'warning']])
    expect(found(compose(['services:', '  web:', '    image: nginx', '    ports: 8080:80'], '```yaml')).map((f) => f[0])).toEqual(['compose/wrong-type'])
  })

  test('other tools\' YAML with a services key is not taken for Compose', () => {
    // GitLab CI and Travis list their services; Woodpecker's sit beside steps; GitHub Actions' are a job's.
    expect(found(compose(['image: docker:27', 'services:', '  - docker:27-dind', 'build:', '  script:', '    - docker build -t app .'], '```yaml'))).toEqual([])
    expect(found(compose(['services:', '  - docker', 'script:', '  - docker build .'], '```yaml'))).toEqual([])
    expect(found(compose(['services:', '  database:', '    image: mysql', 'steps:', '  test:', '    image: node:20'], '```yaml'))).toEqual([])
    expect(found(compose(['jobs:', '  test:', '    services:', '      redis:', '        image: redis'], '```yaml'))).toEqual([])
    // A services mapping whose entries are not mappings is no Compose file either.
    expect(found(compose(['services:', '  web: nginx'], '```yaml'))).toEqual([])
  })

  test('inside a list item, the column counts the indent; CRLF files count lines the same', () => {
    expect(found('# A\n\n1. Write it:\n\n   ```compose\n   services:\n     web:\n       imag: nginx\n   ```\n')).toEqual([['compose/unknown-key', 8, 8, 'warning']])
    expect(found('# A\r\n\r\n```compose\r\nservices:\r\n  web:\r\n    imag: nginx\r\n```\r\n')).toEqual([['compose/unknown-key', 6, 5, 'warning']])
  })
})

describe('YAML and JSON fences must parse', () => {
  test('the first syntax error is a warning at its line and column', () => {
    expect(found('# A\n\n```yaml\na: 1\nb: [1,\n c: d\n```\n')).toEqual([['code/yaml-syntax', 6, 6, 'warning']])
    expect(found('# A\n\n```yaml\nkey: 1\nkey: 2\n```\n')).toEqual([['code/yaml-syntax', 5, 1, 'warning']])
    expect(found('# A\n\n```json\n{ "a": 1, }\n```\n')).toEqual([['code/json-syntax', 4, 11, 'warning']])
    expect(found('# A\n\n```json\n{ "a": 1\n  "b": 2 }\n```\n')).toEqual([['code/json-syntax', 5, 3, 'warning']])
  })

  test('what parses passes: several YAML documents, JSON with comments, templated YAML, fragments', () => {
    expect(found('```yaml\napiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Service\n```\n')).toEqual([])
    expect(found('```json\n{\n  // the registry mirror\n  "registry-mirrors": ["https://mirror.example"]\n}\n```\n')).toEqual([])
    expect(found('```yaml\nimage: {{ .Values.image }}\n```\n')).toEqual([])
    expect(found('```yaml\nsteps:\n  - run: echo ${{ github.sha }}\n```\n')).toEqual([])
    expect(found('```json fragment\n"a": 1,\n```\n')).toEqual([])
  })
})
