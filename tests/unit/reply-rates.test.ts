/**
 * Reply rates against a worked example computed by hand (arithmetic in the comments), and the hold-back at 9 vs 10
 * counted answers; the home map's replies layer built from it.
 */
import { describe, expect, it } from 'vitest';
import { describeReplyFigure, replyFigure } from '../../src/lib/replies/map';
import { isStoreLayer } from '../../src/lib/url-state';
import {
	NO_ANSWERS,
	REPLY_RATE_MIN_ANSWERS,
	replyRate,
	shareInWords,
	withheldBelow
} from '../../src/lib/replies/rates';

/** The worked example: 40 letters delivered, 22 answers. */
const EXAMPLE = () =>
	replyRate(40, { replied_and_wrote: 4, replied_not_wrote: 8, acknowledgement: 3, no_reply: 5, not_expected: 2 });

describe('replyRate: worked example', () => {
	// 40 letters delivered; 22 answers: 4 replied and wrote, 8 replied but not wrote, 3 acknowledgement only,
	// 5 no reply, 2 did not expect a reply. Counted (the denominator) = 22 - 2 = 20.
	// z = 1.959964, z² = 3.841459, z²/n = 0.192073, 1 + z²/n = 1.192073, z/(1 + z²/n) = 1.644169, z²/(4n²) = 0.002401.
	const rate = EXAMPLE();

	it('counts delivered, answers and the denominator', () => {
		expect(rate.delivered).toBe(40);
		expect(rate.answers).toBe(22);
		expect(rate.counted).toBe(20);
		expect(rate.heldBack).toBeNull();
	});

	it('gives the share reporting a reply with its Wilson interval', () => {
		// replied = 4 + 8 = 12, p = 12/20 = 0.6
		// centre = (0.6 + 0.096036) / 1.192073 = 0.583890
		// half = 1.644169 * sqrt(0.6 * 0.4 / 20 + 0.002401) = 1.644169 * sqrt(0.014401) = 1.644169 * 0.120004 = 0.197307
		// interval = 0.3866 to 0.7812
		expect(rate.replied).toEqual({ share: 0.6, lower: 0.3866, upper: 0.7812, count: 12 });
	});

	it('gives the share reporting the MP wrote to the Alliance', () => {
		// wrote = 4, p = 0.2; centre = (0.2 + 0.096036) / 1.192073 = 0.248337
		// half = 1.644169 * sqrt(0.16 / 20 + 0.002401) = 1.644169 * 0.101985 = 0.167681 -> 0.0807 to 0.4160
		expect(rate.wrote).toEqual({ share: 0.2, lower: 0.0807, upper: 0.416, count: 4 });
	});

	it('shows an acknowledgement alone as its own share, not as a reply', () => {
		// acknowledged = 3, p = 0.15; centre = (0.15 + 0.096036) / 1.192073 = 0.206394
		// half = 1.644169 * sqrt(0.1275 / 20 + 0.002401) = 1.644169 * 0.093680 = 0.154026 -> 0.0524 to 0.3604
		expect(rate.acknowledged).toEqual({ share: 0.15, lower: 0.0524, upper: 0.3604, count: 3 });
	});

	it('says a share in words with its interval', () => {
		expect(shareInWords(rate.replied, rate.heldBack)).toBe('60% (95% interval 39% to 78%)');
	});
});

describe('replyRate: held back below 10 counted answers', () => {
	it('holds back every share at 9 counted answers (10 answers, one did not expect a reply)', () => {
		const rate = replyRate(30, { ...NO_ANSWERS, replied_not_wrote: 5, no_reply: 4, not_expected: 1 });
		expect(REPLY_RATE_MIN_ANSWERS).toBe(10);
		expect(rate).toEqual({
			delivered: 30,
			answers: 10,
			counted: null,
			replied: null,
			wrote: null,
			acknowledged: null,
			heldBack: 'fewer than 10 answers'
		});
		expect(shareInWords(rate.replied, rate.heldBack)).toBe('fewer than 10 answers');
	});

	it('shows the shares at 10 counted answers', () => {
		// 5 of 10 replied: centre = 0.5 exactly; z²/n = 0.384146, z/(1 + z²/n) = 1.959964 / 1.384146 = 1.416008
		// half = 1.416008 * sqrt(0.25 / 10 + 3.841459 / 400) = 1.416008 * sqrt(0.034604) = 1.416008 * 0.186020 = 0.263406
		// interval = 0.2366 to 0.7634; wrote 0 of 10: lower exactly 0, upper = 2 * 0.192073 / 1.384146 = 0.2775
		const rate = replyRate(10, { ...NO_ANSWERS, replied_not_wrote: 5, no_reply: 5 });
		expect(rate.counted).toBe(10);
		expect(rate.replied).toEqual({ share: 0.5, lower: 0.2366, upper: 0.7634, count: 5 });
		expect(rate.wrote).toEqual({ share: 0, lower: 0, upper: 0.2775, count: 0 });
		expect(rate.heldBack).toBeNull();
	});

	it('withholds delivered and answer counts of 1-9 but shows 0 and 10', () => {
		expect(replyRate(9, { ...NO_ANSWERS, no_reply: 9 })).toMatchObject({ delivered: null, answers: null });
		expect(replyRate(12, NO_ANSWERS)).toMatchObject({ delivered: 12, answers: 0, heldBack: 'fewer than 10 answers' });
		expect([withheldBelow(0), withheldBelow(1), withheldBelow(9), withheldBelow(10)]).toEqual([0, null, null, 10]);
	});

	it('refuses more answers than delivered letters', () => {
		expect(() => replyRate(3, { ...NO_ANSWERS, no_reply: 4 })).toThrow(RangeError);
	});
});

describe('the home map replies layer', () => {
	// The worked example above: 12 of 20 replied, 95% interval 0.3866 to 0.7812.
	const rate = EXAMPLE();
	const england = (replied: number, counted: number) =>
		replyRate(counted, { ...NO_ANSWERS, replied_not_wrote: replied, no_reply: counted - replied });

	it('is the share in percent with its interval, compared with England only outside the interval', () => {
		// England 30 of 100 = 0.30, below the area's lower end 0.3866: the area is higher.
		expect(replyFigure(rate, england(30, 100))).toEqual({
			value: 60,
			lower95: 38.7,
			upper95: 78.1,
			numerator: 12,
			denominator: 20,
			comparison: 'higher',
			suppressed: false,
			release: 'final'
		});
		expect(replyFigure(rate, england(60, 100)).comparison).toBe('similar');
		expect(replyFigure(rate, england(80, 100)).comparison).toBe('lower');
		expect(replyFigure(rate, null).comparison).toBe('not compared');
		expect(describeReplyFigure(replyFigure(rate, england(30, 100)))).toBe(
			"60% of supporters who answered reported a reply: higher than England's answers"
		);
	});

	it('withholds an area held back under 10 answers', () => {
		const fig = replyFigure(replyRate(9, { ...NO_ANSWERS, no_reply: 9 }), england(60, 100));
		expect(fig).toMatchObject({ value: null, lower95: null, suppressed: true, comparison: 'not compared' });
		expect(describeReplyFigure(fig)).toBe('Fewer than 10 answers about replies');
		expect(describeReplyFigure(null)).toMatch(/counted by the 20 current alliances/);
	});

	it('is a home-page colouring in the URL, and never in embeds or cards', () => {
		expect(isStoreLayer('replies')).toBe(true);
		expect(isStoreLayer('quintile')).toBe(false);
	});
});
