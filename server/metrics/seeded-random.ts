// The metrics draw from the client's mulberry32 (client/src/graph/seeded-random.ts), one generator
// for the whole project: Louvain and the betweenness pivots, seeded, so the same graph gives the
// same communities and the same estimate on every run.
export { seededRandom } from '../../client/src/graph/seeded-random.ts';

/** The seed every metric uses: fixed, so results depend on the graph alone. */
export const METRICS_SEED = 0x5eed;
