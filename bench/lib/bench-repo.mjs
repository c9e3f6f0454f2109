// The benchmark repo shared by bench/plan-apply.mjs and bench/server-bulk-write.mjs: `count`
// task defs and `count` workflows (a SIMPLE task, a SWITCH with a case and a default, inputs
// and outputs with ${...} expressions), one YAML file each, as people write them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeRepo(dir, count) {
  mkdirSync(join(dir, 'definitions/tasks'), { recursive: true });
  mkdirSync(join(dir, 'definitions/workflows'), { recursive: true });
  mkdirSync(join(dir, '.home'), { recursive: true });
  const pad = (i) => String(i).padStart(4, '0');
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `definitions/tasks/task_${pad(i)}.yaml`),
      `name: task_${pad(i)}\ndescription: benchmark task ${i}\nretryCount: ${i % 5}\nresponseTimeoutSeconds: 120\ntimeoutSeconds: 600\ninputKeys: [orderId]\n`);
    const t = (k) => `task_${pad((i + k) % count)}`;
    writeFileSync(join(dir, `definitions/workflows/flow_${pad(i)}.yaml`), [
      `name: flow_${pad(i)}`, 'version: 1', `description: benchmark workflow ${i}`, 'tasks:',
      `  - name: ${t(0)}`, '    taskReferenceName: first', '    inputParameters:', '      orderId: ${workflow.input.orderId}',
      '  - name: route', '    taskReferenceName: route', '    type: SWITCH', '    evaluatorType: value-param', '    expression: kind',
      '    inputParameters:', '      kind: ${first.output.kind}', '    decisionCases:', '      express:',
      `        - name: ${t(1)}`, '          taskReferenceName: express', '    defaultCase:',
      `      - name: ${t(2)}`, '        taskReferenceName: standard', 'outputParameters:', '  result: ${first.output.result}', '',
    ].join('\n'));
  }
  return dir;
}
