import type { PageServerLoad } from './$types';
import { summary } from '$lib/server/data';

export const prerender = true;

export const load: PageServerLoad = () => ({ summary });
