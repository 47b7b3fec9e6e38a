import { getContracts } from "./getContracts.js";
export function registerContractRoutes(router) {
    router.handle('getContracts', getContracts);
}
