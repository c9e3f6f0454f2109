/**
 * THE list of route modules. A module is `{ name, create(deps) → Route[] }` (see
 * http/types.ts for the contract); add yours with one import and one entry below. Order
 * does not matter for matching (the most specific pattern wins), only for start-up.
 */
import type { RouteModule } from '../http/types.js';
import { metadataTaskDefRoutes } from './metadata-taskdefs.js';
import { metadataWorkflowRoutes } from './metadata-workflow.js';
// Part 2 (issue 5): executions, tasks, search and the sweeper.
import { executionRoutes } from './executions.js';
import { systemRoutes } from './system.js';
import { tokenRoutes } from './token.js';

export const routeModules: RouteModule[] = [systemRoutes, tokenRoutes, metadataTaskDefRoutes, metadataWorkflowRoutes, executionRoutes];
