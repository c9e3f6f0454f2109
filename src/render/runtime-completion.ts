/**
 * Shell completion scripts for bash, zsh and fish, generated from a plain command tree
 * (the cli converts commander's). Completes subcommand names at every level and the flags
 * of the current command, global flags included. Pure.
 */

export interface CompletionNode {
  name: string;
  description: string;
  /** Flags such as `--json`, `-w`. */
  flags: string[];
  /** Fixed values of the first positional argument (`completion bash|zsh|fish`). */
  choices?: string[];
  children: CompletionNode[];
}

export type Shell = 'bash' | 'zsh' | 'fish';

interface PathEntry {
  path: string;
  node: CompletionNode;
}

function flatten(root: CompletionNode): PathEntry[] {
  const out: PathEntry[] = [];
  const walk = (node: CompletionNode, path: string) => {
    out.push({ path, node });
    for (const child of node.children) walk(child, path === '' ? child.name : `${path} ${child.name}`);
  };
  walk(root, '');
  return out;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

export function renderCompletion(shell: Shell, root: CompletionNode): string {
  if (shell === 'fish') return renderFish(root);
  const bash = renderBash(root);
  if (shell === 'bash') return bash;
  return `#compdef ${root.name}\n# zsh: uses zsh's bash-completion layer.\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}

function renderBash(root: CompletionNode): string {
  const fn = `_${root.name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  const entries = flatten(root);
  const words = entries
    .map(({ path, node }) => `    ${quote(path)}) echo ${quote([...node.children.map((c) => c.name), ...(node.choices ?? []), ...node.flags, ...(path === '' ? [] : root.flags)].join(' '))} ;;`)
    .join('\n');
  const paths = entries.filter((e) => e.path !== '').map((e) => quote(e.path)).join(' ');
  return `# ${root.name} completion for bash: eval "$(${root.name} completion bash)"
${fn}_words() {
  case "$1" in
${words}
  esac
}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i w candidate p
  local -a paths=(${paths})
  for ((i=1; i<COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    candidate="\${path:+$path }$w"
    for p in "\${paths[@]}"; do
      if [[ "$p" == "$candidate" ]]; then path="$candidate"; break; fi
    done
  done
  COMPREPLY=( $(compgen -W "$(${fn}_words "$path")" -- "$cur") )
}
complete -F ${fn} ${root.name}
`;
}

function renderFish(root: CompletionNode): string {
  const cmd = root.name;
  const fn = `__${cmd.replace(/[^a-zA-Z0-9_]/g, '_')}_at`;
  const entries = flatten(root);
  const paths = entries.filter((e) => e.path !== '').map((e) => quote(e.path)).join(' ');
  const lines = [
    `# ${cmd} completion for fish: ${cmd} completion fish > ~/.config/fish/completions/${cmd}.fish`,
    `function ${fn}`,
    `  set -l known ${paths}`,
    `  set -l path ''`,
    `  for w in (commandline -opc)[2..-1]`,
    `    string match -q -- '-*' $w; and continue`,
    `    set -l candidate (string trim -- "$path $w")`,
    `    contains -- $candidate $known; and set path $candidate`,
    `  end`,
    `  test "$path" = "$argv[1]"`,
    `end`,
    `complete -c ${cmd} -f`,
  ];
  for (const { path, node } of entries) {
    const cond = `-n ${quote(`${fn} ${quote(path)}`)}`;
    for (const child of node.children) lines.push(`complete -c ${cmd} ${cond} -a ${quote(child.name)} -d ${quote(child.description)}`);
    for (const choice of node.choices ?? []) lines.push(`complete -c ${cmd} ${cond} -a ${quote(choice)}`);
    for (const flag of node.flags) {
      lines.push(flag.startsWith('--') ? `complete -c ${cmd} ${cond} -l ${quote(flag.slice(2))}` : `complete -c ${cmd} ${cond} -s ${quote(flag.slice(1))}`);
    }
  }
  for (const flag of root.flags) {
    if (flag.startsWith('--')) lines.push(`complete -c ${cmd} -l ${quote(flag.slice(2))}`);
  }
  return `${lines.join('\n')}\n`;
}
