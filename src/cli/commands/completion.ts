/** `conductor completion bash|zsh|fish`: a completion script generated from the command tree. */
import { Argument, type Command } from 'commander';
import type { CompletionNode } from '../../render/runtime-completion.js';
import type { CommandContext } from '../context.js';

export function registerCompletion(program: Command, ctx: CommandContext): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(conductor completion bash)"')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { renderCompletion } = await import('../../render/runtime-completion.js');
      ctx.io.out(renderCompletion(shell, toNode(program)));
    });
}

function toNode(command: Command): CompletionNode {
  const first = command.registeredArguments[0];
  return {
    name: command.name(),
    description: command.description(),
    flags: command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))),
    ...(first?.argChoices ? { choices: first.argChoices } : {}),
    children: command.commands.flatMap((c) => [toNode(c), ...c.aliases().map((a) => ({ ...toNode(c), name: a }))]),
  };
}
