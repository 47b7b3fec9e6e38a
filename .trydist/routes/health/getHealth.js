import { readHealth } from "../../services/health/readHealth.js";
/** 200 when the database answers, 503 with the failing part named otherwise. */
export const getHealth = async ({ c, deps }) => {
    const health = await readHealth(deps);
    return c.json(health, health.status === 'unavailable' ? 503 : 200);
};
