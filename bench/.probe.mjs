import Database from 'better-sqlite3';
import fs from 'node:fs';
fs.rmSync('/tmp/probe', { recursive: true, force: true }); fs.mkdirSync('/tmp/probe');
const db = new Database('/tmp/probe/x.db'); db.pragma('journal_mode=WAL'); db.pragma('synchronous=FULL');
db.exec('create table t(id integer primary key, v text)');
const ins = db.prepare('insert into t(v) values (?)');
for (const rows of [1, 4, 16, 64]) {
  const tx = db.transaction(() => { for (let i = 0; i < rows; i++) ins.run('x'.repeat(1500)); });
  const t0 = performance.now(); let n = 0;
  while (performance.now() - t0 < 1500) { tx(); n++; }
  const ms = (performance.now() - t0) / n;
  console.log(`rows/commit ${rows}: ${ms.toFixed(2)} ms/commit, ${(rows * 1.5 / ms).toFixed(0)} KB/ms`);
}
