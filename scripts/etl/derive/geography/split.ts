/**
 * Split one polygon (a sub-ICB) along the inner boundary of a region lying inside it (a local authority), without a
 * general geometry library. Valid for the case the 2024 change needs: the region is a single polygon inside the target
 * polygon whose boundary partly follows the target's outer edge (Swindon inside sub-ICB 92G).
 *
 * Why not intersect the two polygons? The sub-ICB and LAD files are generalised separately, so along their common
 * outer edge the two outlines zig-zag across each other every few hundred metres, and an intersection would leave
 * slivers. Instead the target is cut along the *cut line*: the stretch of the region's boundary that runs through the
 * target's interior (Swindon's border with Wiltshire), trimmed where it first meets the target's outline. Both pieces
 * then keep the target's own outline (so they still share exact edges with neighbouring sub-ICBs) and share the cut
 * line with each other, so merging pieces into alliances dissolves cleanly.
 *
 * Coordinates are lon/lat; distances use a local equirectangular scale (km), adequate at the scale of a county.
 */

export type Pos = [number, number];
/** A closed ring: first position equals the last. */
export type Ring = Pos[];

/** Shoelace area in coordinate units, positive for counter-clockwise rings (y up). */
export function signedArea(ring: Ring): number {
	let a = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const p = ring[i]!;
		const q = ring[(i + 1) % n]!;
		a += p[0] * q[1] - q[0] * p[1];
	}
	return a / 2;
}

/** Reverse if needed so that the ring winds clockwise (y up): GeoJSON from ONS and d3 use clockwise exteriors. */
export function clockwise(ring: Ring): Ring {
	return signedArea(ring) > 0 ? [...ring].reverse() : ring;
}

export function pointInRing(p: Pos, ring: Ring): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const a = ring[i]!;
		const b = ring[j]!;
		if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
	}
	return inside;
}

function open(ring: Ring): Pos[] {
	const f = ring[0];
	const l = ring[ring.length - 1];
	return f && l && f[0] === l[0] && f[1] === l[1] ? ring.slice(0, -1) : ring.slice();
}

function close(points: Pos[]): Ring {
	const out = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
	const f = out[0]!;
	const l = out[out.length - 1]!;
	if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
	return out;
}

/** Intersection of segments p1-p2 and q1-q2 (proper or touching); t along p, u along q, both in [0, 1]. */
function intersect(p1: Pos, p2: Pos, q1: Pos, q2: Pos): { t: number; u: number; point: Pos } | null {
	const rx = p2[0] - p1[0];
	const ry = p2[1] - p1[1];
	const sx = q2[0] - q1[0];
	const sy = q2[1] - q1[1];
	const den = rx * sy - ry * sx;
	if (den === 0) return null; // parallel or collinear: ignored (the outlines come from different generalisations)
	const qpx = q1[0] - p1[0];
	const qpy = q1[1] - p1[1];
	const t = (qpx * sy - qpy * sx) / den;
	const u = (qpx * ry - qpy * rx) / den;
	if (t < 0 || t > 1 || u < 0 || u > 1) return null;
	return { t, u, point: [p1[0] + t * rx, p1[1] + t * ry] };
}

function makeDistance(lat0: number): (p: Pos, a: Pos, b: Pos) => number {
	const kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
	const ky = 110.57;
	return (p, a, b) => {
		const px = p[0] * kx,
			py = p[1] * ky,
			ax = a[0] * kx,
			ay = a[1] * ky,
			bx = b[0] * kx,
			by = b[1] * ky;
		const dx = bx - ax,
			dy = by - ay;
		const len2 = dx * dx + dy * dy;
		const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
		return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
	};
}

export interface SplitResult {
	/** The piece inside the region, clockwise, closed. */
	inside: Ring;
	/** The rest of the target: one piece per cut (the region may cut off more than one piece), clockwise, closed. */
	outside: Ring[];
	/** The cut lines, each from where it leaves the target's outline to where it meets it again. */
	cuts: Pos[][];
	/**
	 * The cut ends were added to the target's outline as new vertices: apply the same insertions, in order, to any
	 * neighbouring ring that has the same segment, so shared edges stay identical.
	 */
	insertions: { a: Pos; b: Pos; points: Pos[] }[];
}

export class SplitError extends Error {}

type Hit = { t: number; u: number; point: Pos; i: number };

/**
 * Cut `target` (the outer ring of one polygon) along the parts of `region`'s boundary that lie deep inside it.
 * `deepKm`: how far inside the target's outline a region vertex must be to count as part of an inner boundary rather
 * than generalisation noise along the shared outer edge (default 1 km; the files are generalised to 200 m).
 * Each separate inner stretch is one cut; after each cut the region's side is cut again by the next stretch.
 */
export function splitByRegion(target: Ring, region: Ring, deepKm = 1): SplitResult {
	const R0 = open(target);
	const S = open(region);
	const m = S.length;
	if (R0.length < 3 || m < 3) throw new SplitError('a ring has fewer than 3 positions');
	const lat0 = R0.reduce((s, p) => s + p[1], 0) / R0.length;
	const dist = makeDistance(lat0);
	const distTo = (p: Pos, R: Pos[]) => {
		let d = Infinity;
		for (let i = 0; i < R.length; i++) d = Math.min(d, dist(p, R[i]!, R[(i + 1) % R.length]!));
		return d;
	};
	const closedR0 = close(R0);
	const deep = S.map((p) => pointInRing(p, closedR0) && distTo(p, R0) > deepKm);
	if (deep.every(Boolean)) throw new SplitError('the region lies wholly inside the target (a hole); not supported');
	// Cyclic stretches of deep vertices: each is an inner boundary, i.e. one cut.
	const stretches: [number, number][] = [];
	for (let k = 0; k < m; k++) {
		if (deep[k] && !deep[(k - 1 + m) % m]) {
			let e = k;
			while (deep[(e + 1) % m]) e = (e + 1) % m;
			stretches.push([k, e]);
		}
	}
	if (stretches.length === 0)
		throw new SplitError(`the region's boundary never runs more than ${deepKm} km inside the target`);
	const ccw = signedArea(close(S)) > 0; // the cut runs in the region's own direction: its interior is on the left if CCW

	let R = R0;
	const outside: Ring[] = [];
	const cuts: Pos[][] = [];
	const insertions: SplitResult['insertions'] = [];
	for (const [s, e] of stretches) {
		const n = R.length;
		const firstHit = (p1: Pos, p2: Pos): Hit | null => {
			let best: Hit | null = null;
			for (let i = 0; i < n; i++) {
				const hit = intersect(p1, p2, R[i]!, R[(i + 1) % n]!);
				if (hit && (!best || hit.t < best.t)) best = { ...hit, i };
			}
			return best;
		};
		// Walk outwards from both ends of the stretch to the first crossing of the current outline.
		let kA = s;
		let A: Hit | null = null;
		for (let step = 0; step < m && !A; step++) {
			A = firstHit(S[kA]!, S[(kA - 1 + m) % m]!);
			if (!A) kA = (kA - 1 + m) % m;
		}
		let kB = e;
		let B: Hit | null = null;
		for (let step = 0; step < m && !B; step++) {
			B = firstHit(S[kB]!, S[(kB + 1) % m]!);
			if (!B) kB = (kB + 1) % m;
		}
		if (!A || !B) throw new SplitError('the region boundary never meets the target outline');
		const interior: Pos[] = [];
		for (let k = kA; ; k = (k + 1) % m) {
			interior.push(S[k]!);
			if (k === kB) break;
			if (interior.length > m) throw new SplitError('a cut line wraps around the region');
		}
		for (let j = 0; j + 1 < interior.length; j++) {
			if (firstHit(interior[j]!, interior[j + 1]!))
				throw new SplitError('a cut line crosses the target outline between its ends');
		}
		const cut: Pos[] = [A.point, ...interior, B.point];

		// Walk the outline from one cut end to the other.
		const walk = (from: Hit, to: Hit) => {
			const out: Pos[] = [from.point];
			if (from.i === to.i && from.u < to.u) {
				out.push(to.point);
				return out;
			}
			let i = (from.i + 1) % n;
			for (let c = 0; c < n; c++) {
				out.push(R[i]!);
				if (i === to.i) break;
				i = (i + 1) % n;
			}
			out.push(to.point);
			return out;
		};
		const ring1 = close([...walk(A, B), ...[...interior].reverse()]);
		const ring2 = close([...walk(B, A), ...interior]);

		// Which piece is the region's side: a point just off the middle of the cut, on the region's interior side.
		const mid = Math.floor((cut.length - 1) / 2);
		const p = cut[mid]!;
		const q = cut[mid + 1]!;
		const dx = q[0] - p[0];
		const dy = q[1] - p[1];
		const len = Math.hypot(dx, dy);
		const eps = 1e-6;
		const probe: Pos = [
			(p[0] + q[0]) / 2 + ((ccw ? -dy : dy) / len) * eps,
			(p[1] + q[1]) / 2 + ((ccw ? dx : -dx) / len) * eps
		];
		const in1 = pointInRing(probe, ring1);
		if (in1 === pointInRing(probe, ring2)) throw new SplitError('cannot tell which piece lies inside the region');

		if (A.i === B.i) {
			insertions.push({
				a: R[A.i]!,
				b: R[(A.i + 1) % n]!,
				points: A.u < B.u ? [A.point, B.point] : [B.point, A.point]
			});
		} else {
			insertions.push({ a: R[A.i]!, b: R[(A.i + 1) % n]!, points: [A.point] });
			insertions.push({ a: R[B.i]!, b: R[(B.i + 1) % n]!, points: [B.point] });
		}
		cuts.push(cut);
		outside.push(clockwise(in1 ? ring2 : ring1));
		R = open(in1 ? ring1 : ring2);
	}
	return { inside: clockwise(close(R)), outside, cuts, insertions };
}

/** Insert cut ends into a ring wherever it has the segment a-b (either direction), keeping shared edges identical. */
export function applyInsertions(ring: Ring, insertions: SplitResult['insertions']): Ring {
	const eq = (p: Pos, q: Pos) => p[0] === q[0] && p[1] === q[1];
	let out = ring;
	for (const ins of insertions) {
		const next: Pos[] = [];
		for (let i = 0; i < out.length; i++) {
			const p = out[i]!;
			next.push(p);
			const q = out[i + 1];
			if (!q) continue;
			if (eq(p, ins.a) && eq(q, ins.b)) next.push(...ins.points);
			else if (eq(p, ins.b) && eq(q, ins.a)) next.push(...[...ins.points].reverse());
		}
		out = next;
	}
	return out;
}
