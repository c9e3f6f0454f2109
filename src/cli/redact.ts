/**
 * Last line of defence for secrets: every string written by the CLI passes through a
 * redactor that replaces known secret values (credentials resolved from flags, environment
 * files or the environment) with ****. Secrets shorter than 4 characters are not
 * registered, to avoid masking ordinary text.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(value: string | undefined): void {
    if (value !== undefined && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join('****');
    }
    return result;
  }
}

/** Secrets from the process environment that must never be printed. */
export const SECRET_ENV_VARS = ['CONDUCTOR_AUTH_SECRET', 'CONDUCTOR_AUTH_TOKEN', 'CONDUCTOR_AUTH_KEY'] as const;
