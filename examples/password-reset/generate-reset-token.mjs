// Worker for `generate_reset_token`: the token it returns is recorded in the execution and
// reaches every attempt of step 3 unchanged, retries included.
import { randomUUID } from 'node:crypto';
const task = JSON.parse(await new Response(process.stdin).text());
const ttl = Number(task.inputData.ttlMinutes ?? 30);
console.log(JSON.stringify({ status: 'COMPLETED', output: { token: randomUUID(), expiresAt: Date.now() + ttl * 60_000 } }));
