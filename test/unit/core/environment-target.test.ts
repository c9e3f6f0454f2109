import { describe, expect, it } from 'vitest';
import type { Target } from '../../../src/core/environment-target.js';
import { buildTargetView, checkServerUrl, describeSource, displayServerUrl, normalizeServerUrl } from '../../../src/core/environment-target.js';

describe('normalizeServerUrl', () => {
  it.each([
    ['http://localhost:8080', 'http://localhost:8080/api'],
    ['http://localhost:8080/', 'http://localhost:8080/api'],
    ['http://localhost:8080/api', 'http://localhost:8080/api'],
    ['http://localhost:8080/api/', 'http://localhost:8080/api'],
    ['https://x.orkesconductor.io', 'https://x.orkesconductor.io/api'],
    ['https://host/conductor', 'https://host/conductor/api'],
    ['  https://host/api  ', 'https://host/api'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each(['localhost:8080', 'ftp://host', 'not a url', ''])('rejects %j', (input) => {
    expect(normalizeServerUrl(input)).toBeUndefined();
  });

  it('refuses credentials in the URL (fetch will not send them; they would be printed), without echoing them', () => {
    for (const input of ['https://me:hunter22@host/api', 'http://token@host']) {
      expect(normalizeServerUrl(input)).toBeUndefined();
      expect(checkServerUrl(input)).toMatch(/^must not contain credentials/);
      expect(checkServerUrl(input)).not.toContain('hunter22');
    }
    expect(checkServerUrl('https://host/api')).toBeUndefined();
  });

  it('refuses a query string or fragment, which may carry a token, without echoing it', () => {
    for (const input of ['https://host/api?access_token=hunter22', 'https://host/api#hunter22']) {
      expect(normalizeServerUrl(input)).toBeUndefined();
      expect(checkServerUrl(input)).toMatch(/^must not contain a query string/);
      expect(checkServerUrl(input)).not.toContain('hunter22');
    }
  });

  it('hides a password in a URL for display', () => {
    expect(displayServerUrl('https://me:hunter22@host/api')).toBe('https://me:****@host/api');
    expect(displayServerUrl('https://host/api')).toBe('https://host/api');
  });
});

describe('buildTargetView', () => {
  const keyTarget: Target = {
    profile: 'staging',
    source: 'environment',
    file: 'environments/staging.yaml',
    serverUrl: 'https://staging.example.com/api',
    serverType: 'Enterprise',
    auth: { kind: 'key', keyId: 'key-id-value', keySecret: 'key-secret-value' },
    sources: {
      server: { kind: 'environment', file: 'environments/staging.yaml' },
      'server-type': { kind: 'flag', flag: '--server-type' },
      'auth-key': { kind: 'environment', file: 'environments/staging.yaml', variable: 'STAGING_KEY_ID' },
      'auth-secret': { kind: 'environment', file: 'environments/staging.yaml', variable: 'STAGING_KEY_SECRET' },
    },
    problems: [],
  };

  it('masks every credential by default and names each source', () => {
    const view = buildTargetView(keyTarget);
    expect(JSON.stringify(view)).not.toMatch(/key-id-value|key-secret-value/);
    expect(view.settings).toEqual([
      { name: 'server', value: 'https://staging.example.com/api', source: 'environments/staging.yaml' },
      { name: 'server-type', value: 'Enterprise', source: 'flag --server-type' },
      { name: 'auth-key', value: '****', source: 'environments/staging.yaml ($STAGING_KEY_ID)' },
      { name: 'auth-secret', value: '****', source: 'environments/staging.yaml ($STAGING_KEY_SECRET)' },
      { name: 'auth-token' },
    ]);
  });

  it('shows secrets only when asked', () => {
    const view = buildTargetView(keyTarget, { showSecrets: true });
    expect(view.settings.find((s) => s.name === 'auth-secret')?.value).toBe('key-secret-value');
  });

  it('marks a credential whose variable is unset', () => {
    const view = buildTargetView({
      ...keyTarget,
      auth: { kind: 'none' },
      sources: { ...keyTarget.sources },
      problems: [{ code: 'AUTH_ENV_MISSING', message: 'x', variables: ['STAGING_KEY_ID'] }],
    });
    expect(view.settings.find((s) => s.name === 'auth-key')).toEqual({
      name: 'auth-key',
      source: 'environments/staging.yaml ($STAGING_KEY_ID)',
      missingVariable: 'STAGING_KEY_ID',
    });
    expect(view.settings.find((s) => s.name === 'auth-secret')).toEqual({
      name: 'auth-secret',
      source: 'environments/staging.yaml ($STAGING_KEY_SECRET)',
    });
    expect(view.auth).toBe('none');
  });

  it('describes every kind of source', () => {
    expect(describeSource({ kind: 'env', variable: 'CONDUCTOR_SERVER_URL' })).toBe('env CONDUCTOR_SERVER_URL');
    expect(describeSource({ kind: 'profile-file', file: '/h/.conductor-cli/config-p.yaml' })).toBe('/h/.conductor-cli/config-p.yaml');
    expect(describeSource({ kind: 'default-file', file: '/h/.conductor-cli/config.yaml' })).toBe('/h/.conductor-cli/config.yaml');
    expect(describeSource({ kind: 'default' })).toBe('default');
  });
});
