/**
 * A small strict JSON syntax checker that reports *where* a file is broken. Node 20's
 * JSON.parse messages often carry no position ("Unexpected token '}', ... is not valid JSON"),
 * and the yaml parser accepts things JSON does not (`{"a":}`), so .json files are checked
 * here first; values and positions then come from the yaml AST (parse-file.ts).
 */

export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  offset: number;
  message: string;
}

class JsonSyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** What one pass over a JSON text finds: its first error, or where its values start. */
export interface JsonScan {
  error?: JsonSyntaxError;
  /** 0-based offset of the document's value. */
  root: number;
  /** Offsets of the elements when the document is an array. */
  elements: number[];
  /** Offset of the first key repeated in its object (JSON.parse would keep the last silently). */
  duplicateKey?: number;
}

export function scanJson(text: string): JsonScan {
  const scanner = new JsonScanner(text);
  try {
    scanner.skipWhitespace();
    const root = scanner.offset;
    scanner.value(0);
    scanner.skipWhitespace();
    if (!scanner.atEnd()) scanner.fail('unexpected text after the end of the JSON document');
    return { root, elements: scanner.rootElements, ...(scanner.duplicateKey !== undefined ? { duplicateKey: scanner.duplicateKey } : {}) };
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return { error: { offset: error.offset, message: error.message }, root: 0, elements: [] };
    throw error;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 512;

class JsonScanner {
  private pos = 0;
  readonly rootElements: number[] = [];
  duplicateKey: number | undefined;
  constructor(private readonly text: string) {}

  get offset(): number {
    return this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxFailure(Math.min(offset, this.text.length), message);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  private describeHere(): string {
    if (this.atEnd()) return 'the end of the file (is it truncated?)';
    return `'${this.text[this.pos]}'`;
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.fail(`expected a value, found ${this.describeHere()}`);
  }

  private object(depth: number): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.describeHere()}`);
      const keyStart = this.pos;
      this.string();
      const raw = this.text.slice(keyStart + 1, this.pos - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(keyStart, this.pos)) as string) : raw;
      if (keys.has(key)) this.duplicateKey ??= keyStart;
      keys.add(key);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after the property name, found ${this.describeHere()}`);
      this.pos++;
      this.skipWhitespace();
      this.value(depth + 1);
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail(`expected ',' or '}' after a property value, found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === '}') this.fail("trailing ',' before '}' is not allowed in JSON", comma);
    }
  }

  private array(depth: number): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      if (depth === 0) this.rootElements.push(this.pos);
      this.value(depth + 1);
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail(`expected ',' or ']' after an array element, found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail("trailing ',' before ']' is not allowed in JSON", comma);
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string (is the file truncated?)', start);
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) {
        this.pos++;
        return;
      }
      if (code < 0x20) this.fail(code === 0x0a ? 'unterminated string: line break inside a string' : 'control character inside a string');
      if (code === 0x5c) {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape in a string');
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('invalid escape in a string');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
  }
}
