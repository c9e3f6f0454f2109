/** The other runtime renderers: recovery results, definition lists, completion scripts. */
import { describe, expect, it } from 'vitest';
import { renderRecoveryResults } from '../../../src/render/runtime-recovery.js';
import { renderTaskDefCsv, renderWorkflowDefTable } from '../../../src/render/runtime-definitions.js';
import { renderCompletion, type CompletionNode } from '../../../src/render/runtime-completion.js';

describe('renderRecoveryResults', () => {
  it('prints one line per id and a summary', () => {
    expect(renderRecoveryResults('retry', [{ workflowId: 'a', ok: true }, { workflowId: 'b', ok: false, error: 'not failed' }], { color: false })).toBe(
      'a  retried\nb  FAILED: not failed\n1 of 2 retried, 1 failed\n',
    );
  });
});

describe('definition lists', () => {
  it('renders workflow defs within the width', () => {
    const text = renderWorkflowDefTable([{ name: 'password_reset', version: 2, tasks: [{}, {}], description: 'x'.repeat(200) }], { width: 60, color: false });
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(text).toContain('password_reset');
  });
  it("renders task defs as CSV with the official CLI's header", () => {
    expect(renderTaskDefCsv([{ name: 't', retryCount: 3, timeoutSeconds: 60 }]).split('\n')[0]).toBe(
      'NAME,EXECUTABLE,DESCRIPTION,OWNER,TIMEOUT POLICY,TIMEOUT (s),RETRY COUNT,RESPONSE TIMEOUT (s)',
    );
  });
});

describe('renderCompletion', () => {
  const tree: CompletionNode = {
    name: 'conductor',
    description: '',
    flags: ['--profile'],
    children: [
      { name: 'workflow', description: 'workflows', flags: [], children: [{ name: 'start', description: 'start one', flags: ['--workflow', '-w'], children: [] }] },
      { name: 'completion', description: 'scripts', flags: [], choices: ['bash', 'zsh', 'fish'], children: [] },
    ],
  };
  it('bash: words per command path, global flags included', () => {
    const text = renderCompletion('bash', tree);
    expect(text).toContain("'workflow start') echo '--workflow -w --profile' ;;");
    expect(text).toContain("'completion') echo 'bash zsh fish --profile' ;;");
    expect(text).toContain('complete -F _conductor conductor');
  });
  it('zsh wraps the bash script with bashcompinit', () => {
    expect(renderCompletion('zsh', tree)).toMatch(/^#compdef conductor\n[\s\S]*bashcompinit[\s\S]*complete -F _conductor conductor/);
  });
  it('fish: one complete line per subcommand and flag, conditioned on the path', () => {
    const text = renderCompletion('fish', tree);
    expect(text).toContain("complete -c conductor -n '__conductor_at '\\''workflow'\\''' -a 'start' -d 'start one'");
    expect(text).toContain("complete -c conductor -n '__conductor_at '\\''workflow start'\\''' -s 'w'");
  });
});
