// Worker for `send_reset_email`. Set SMTP_DOWN=1 to make it fail (a non-zero exit becomes a
// FAILED task with stderr in the task logs, retried per the task definition).
const task = JSON.parse(await new Response(process.stdin).text());
if (process.env.SMTP_DOWN === '1') {
  console.error('smtp relay down');
  process.exit(1);
}
console.log(JSON.stringify({
  status: 'COMPLETED',
  output: { messageId: `msg-${task.taskId.slice(0, 8)}` },
  logs: [`sent reset link to ${task.inputData.email}`],
}));
