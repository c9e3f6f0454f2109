export * from './client.js';
export * from './http.js';
export * from './metadata-api.js';
export * from './executions-api.js';
export * from './remote-state.js';
export { normalizeBaseUrl, displayUrl } from './url.js';
