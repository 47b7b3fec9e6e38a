import { registerRootRoutes } from "./root/index.js";
import { registerHealthRoutes } from "./health/index.js";
import { registerEventRoutes } from "./events/index.js";
import { registerContractRoutes } from "./contracts/index.js";
import { registerConfigRoutes } from "./config/index.js";
import { registerModeRoutes } from "./mode/index.js";
import { registerCompatibilityRoutes } from "./compatibility/index.js";
import { registerSubjectRoutes } from "./subjects/index.js";
import { registerSchemaRoutes } from "./schemas/index.js";
/** The route table: each resource lists its operations in its own index.ts. */
export function registerRoutes(router) {
    registerRootRoutes(router);
    registerHealthRoutes(router);
    registerEventRoutes(router);
    registerContractRoutes(router);
    registerConfigRoutes(router);
    registerModeRoutes(router);
    registerCompatibilityRoutes(router);
    registerSubjectRoutes(router);
    registerSchemaRoutes(router);
}
