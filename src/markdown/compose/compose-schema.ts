import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { ErrorObject, ValidateFunction } from 'ajv'

// Loaded at runtime, not bundled into berth: only a post with a Compose file pays for the validator
// and its 200 ms schema compile, once per thread.
const load = createRequire(import.meta.url)
let validator: ValidateFunction | undefined

/**
 * The Compose Specification's JSON schema, as the dclint package ships and updates it (berth uses
 * only the schema, not its linter), compiled with Ajv on first use. Returns the errors for one
 * parsed Compose file, every one of them (`allErrors`), with the schema that failed (`verbose`).
 */
export function validateCompose(value: unknown): ErrorObject[] {
  validator ??= compile()
  return validator(value) ? [] : [...(validator.errors ?? [])]
}

let topLevel: ReadonlySet<string> | undefined

/** The keys the specification allows at a Compose file's top level (`services`, `volumes`, …; `x-` keys besides), read from the schema. */
export function composeTopLevelKeys(): ReadonlySet<string> {
  return (topLevel ??= new Set(Object.keys((readSchema().properties ?? {}) as Record<string, unknown>)))
}

function compile(): ValidateFunction {
  const { Ajv } = load('ajv') as typeof import('ajv')
  const schema = readSchema()
  // The schema names draft-07 by its https address, which Ajv does not know as its own draft-07.
  delete schema.$schema
  return new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema)
}

function readSchema(): Record<string, unknown> {
  const folder = path.dirname(load.resolve('dclint/package.json'))
  return JSON.parse(readFileSync(path.join(folder, 'schemas', 'compose.schema.json'), 'utf8')) as Record<string, unknown>
}
