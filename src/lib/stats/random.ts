/** Seeded pseudo-random numbers, so that simulations (rank intervals) are reproducible in Node and the browser. */

/** mulberry32 (Tommy Ettinger, public domain): a fast 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal draws by the Box-Muller transform from a uniform generator (both variates of each pair used). */
export function normalSampler(uniform: () => number): () => number {
	let spare: number | null = null;
	return () => {
		if (spare !== null) {
			const s = spare;
			spare = null;
			return s;
		}
		const u1 = 1 - uniform(); // in (0, 1], so the log is finite
		const u2 = uniform();
		const r = Math.sqrt(-2 * Math.log(u1));
		spare = r * Math.sin(2 * Math.PI * u2);
		return r * Math.cos(2 * Math.PI * u2);
	};
}
