/**
 * d3-geo's path strings, made as small as the screen allows: coordinates rounded to whole units of the map's viewBox
 * (a unit is at least one CSS pixel at the size the map is drawn), points that rounding makes equal dropped, and each
 * ring written as relative moves ("M186 216l3 1 1 0…"). Shared borders stay shared: both neighbours round the same
 * points the same way.
 */

/** One ring or line of a path: its points, rounded. */
function rings(d: string): [number, number][][] {
	const out: [number, number][][] = [];
	let current: [number, number][] | null = null;
	// d3-geo writes M/L with absolute "x,y" pairs and Z; nothing else appears for polygons.
	for (const [, command, body] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
		if (command === 'Z') {
			current = null;
			continue;
		}
		const [x, y] = body!.split(',').map((n) => Math.round(Number(n))) as [number, number];
		if (command === 'M' || !current) out.push((current = []));
		const last = current[current.length - 1];
		if (!last || last[0] !== x || last[1] !== y) current.push([x, y]);
	}
	return out;
}

export function compactPath(d: string): string {
	let svg = '';
	for (const ring of rings(d)) {
		if (ring.length < 3) continue; // a ring that rounds to a point or a line draws nothing
		const [[x0, y0]] = ring as [[number, number]];
		svg += `M${x0} ${y0}l`;
		let [px, py] = [x0, y0];
		const steps: string[] = [];
		for (const [x, y] of ring.slice(1)) {
			steps.push(`${x - px} ${y - py}`);
			[px, py] = [x, y];
		}
		// SVG lets a space be dropped before a minus sign, the largest single saving after rounding.
		svg += steps.join(' ').replace(/ -/g, '-') + 'z';
	}
	return svg;
}
