import type { PageServerLoad } from './$types';
import summary from '../../static/data/summary.json';
import type { Summary } from '$lib/data/summary';

export const prerender = true;

export const load: PageServerLoad = () => ({ summary: summary as unknown as Summary });
