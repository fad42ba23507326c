import { HtmlValidate } from 'html-validate'

// The validator's recommended rules: what a demanding reviewer of berth's HTML would ask for, with two
// style preferences relaxed to what HTML itself requires: `<br />` (authors write it in table cells and
// berth keeps it) is valid, and ids follow GitHub (`## ??? docker` → `-docker`), which HTML allows.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'valid-id': ['error', { relaxed: true }] },
})

/** Every problem html-validate finds in a document, as `line:column rule: message`. */
export async function validateHtml(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name)
  return report.results.flatMap((result) => result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`))
}
