/**
 * Versions the dev server reports. It emulates the Conductor OSS REST API of
 * `CONDUCTOR_API_VERSION` (conductor-oss/conductor b54f0d4, v3.32.x), so `/api/version`
 * answers that version with our own as semver build metadata: version-sniffing clients
 * see the API level they get, and a human sees which server this is.
 */
import pkg from '../../package.json' with { type: 'json' };

export const DEVSERVER_VERSION: string = pkg.version;
export const CONDUCTOR_API_VERSION = '3.32.1';
export const REPORTED_VERSION = `${CONDUCTOR_API_VERSION}+conductor-gitops.${DEVSERVER_VERSION}`;
