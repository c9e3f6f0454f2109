import { it } from 'vitest';
import { validate } from '../../../src/app/validate.js';
it('defs', async () => {
  const r = await validate({ cwd: '/work/main', paths: ['definitions'] });
  console.log(r.files, r.definitions, JSON.stringify(r.diagnostics, null, 1));
});
