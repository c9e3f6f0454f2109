/**
 * The dev server's public surface: what the CLI (and tests) may use. Everything else in
 * src/devserver is internal.
 */
export { startDevServer, PortInUseError } from './server.js';
export type { StartDevServerOptions, DevServer } from './server.js';
export { DataDirInUseError } from './store/database.js';
export { readServerFile, isProcessAlive, SERVER_FILE } from './server-file.js';
export type { ServerFileContent } from './server-file.js';
export { createLineLogger, silentLogger } from './logger.js';
export type { Logger } from './logger.js';
export type { AuthConfig } from './auth/token-authority.js';
export { REPORTED_VERSION } from './version.js';
export { startInBackground, ServerControlError, LOG_FILE } from './control/background.js';
export type { BackgroundStartOptions, BackgroundStartResult } from './control/background.js';
export { stopServer } from './control/stop.js';
export type { StopResult } from './control/stop.js';
export { readServerStatus } from './control/status.js';
export type { ServerStatus } from './control/status.js';
export { readLogTail, followLog, fileSize } from './control/logs.js';
