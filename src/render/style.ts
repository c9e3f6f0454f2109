/** Colour functions. When colour is off every function is the identity, so output stays plain. */

export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const identity = (text: string) => text;

export function createStyle(color: boolean): Style {
  if (!color) return { red: identity, green: identity, yellow: identity, cyan: identity, bold: identity, dim: identity };
  return {
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
