import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { validate } from '../../../src/app/validate.js';
it('corpus scan', async () => {
  const root = process.env.SCAN_ROOT ?? '/work/shared/corpus';
  const idx = JSON.parse(readFileSync(root + '/index.json', 'utf8')) as { path: string }[];
  const t0 = Date.now();
  const out: string[] = [];
  const codes: Record<string, number> = {};
  let defs = 0;
  for (const e of idx) {
    const r = await validate({ cwd: root, paths: [e.path] });
    defs += r.definitions;
    for (const d of r.diagnostics) {
      codes[d.severity + ' ' + d.code] = (codes[d.severity + ' ' + d.code] ?? 0) + 1;
      out.push(`${d.severity} ${d.code} ${d.file}:${d.line}:${d.column} ${d.pointer} ${d.message}`);
    }
  }
  console.log('ms', Date.now() - t0, 'defs', defs, codes);
  writeFileSync('/tmp/an/corpus-out.txt', out.join('\n'));
}, 120000);
