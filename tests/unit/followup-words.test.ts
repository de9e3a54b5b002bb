/**
 * The follow-up's words and guards, without a server: the survey email (every answer's link, the deletion link, the
 * reminder's own wording), the chase letter built from an alliance's real published figures, the next steps for every
 * answer, and the rule that keeps the test clock out of a real deployment.
 */
import { describe, expect, it } from 'vitest';
import { REPLY_ANSWERS, REPLY_ANSWER_LABELS } from '../../src/lib/replies/answers';
import { NEXT_STEPS } from '../../src/lib/replies/next-steps';
import { composeChase } from '../../src/lib/mp/chase';
import { allianceFacts } from '../../src/lib/server/area';
import { areaByCode } from '../../src/lib/server/data';
import { clockProblem } from '../../src/lib/server/clock';
import { surveyText } from '../../src/lib/server/followup-mail';

const TOKEN = 'A'.repeat(43);
const DELETE = 'B'.repeat(43);
const survey = (step: 'survey' | 'reminder') =>
	surveyText({
		step,
		supporter: { name: 'Jane Example', email: 'jane@example.org' },
		mpName: 'Alex Baker',
		constituencyName: 'Aldershot',
		deliveredAt: Date.UTC(2026, 2, 2, 12),
		origin: 'https://example.org',
		answerToken: TOKEN,
		deletionToken: DELETE,
		campaignName: 'Breast cancer care where you live',
		from: 'campaign@example.org'
	});

describe('the survey email', () => {
	it('has one link per answer, the deletion link and the privacy page; the reminder says it is the last', () => {
		const text = survey('survey');
		for (const answer of REPLY_ANSWERS)
			expect(text).toContain(`${REPLY_ANSWER_LABELS[answer]}:\nhttps://example.org/replied/${TOKEN}?a=${answer}`);
		expect(text).toContain(`https://example.org/privacy/delete/${DELETE}`);
		expect(text).toContain('https://example.org/privacy\n');
		expect(text).toContain('On 2 March 2026 you wrote to Alex Baker, MP for Aldershot');
		expect(text).toContain('one reminder in a week');
		const reminder = survey('reminder');
		expect(reminder).toContain(
			'A week ago we asked whether Alex Baker has replied to the email you sent on 2 March 2026.'
		);
		expect(reminder).not.toContain('one reminder in a week');
	});
});

describe('the chase letter', () => {
	it('restates the ask with the alliance’s real headline, one figure and its source, and the supporter’s words', () => {
		const code = 'E56000012'; // Surrey and Sussex, Aldershot's alliance
		const facts = allianceFacts(code)!;
		expect(facts.length).toBeGreaterThan(0);
		const letter = composeChase({
			mpName: 'Alex Baker',
			constituencyName: 'Aldershot',
			constituencyCode: 'E14001063',
			alliances: [{ code, name: areaByCode.get(code)!.name, facts }],
			sentAt: Date.UTC(2026, 2, 2, 12),
			supporter: { name: 'Jane Example', address: '1 Example Road', postcode: 'GU11 1AA' },
			own: 'My sister waited eight weeks.',
			siteUrl: 'https://example.org/'
		});
		expect(letter.subject).toBe('Following up: breast cancer care in Aldershot');
		expect(letter.body).toMatch(
			/^Dear Alex Baker,\n\nI wrote to you on 2 March 2026 as your constituent in Aldershot \(1 Example Road, GU11 1AA\), asking you to write to Surrey and Sussex Cancer Alliance/
		);
		expect(letter.body).toContain('My sister waited eight weeks.');
		expect(letter.body).toMatch(/Surrey and Sussex is .+ than England on \d+ of the \d+ measures/);
		expect(letter.body.match(/^- /gm)).toHaveLength(2); // one figure, one source line
		expect(letter.body).toContain('(every figure, with its margin of error: https://example.org/area/E56000012)');
		expect(letter.body.trimEnd().endsWith('Yours sincerely,\n\nJane Example')).toBe(true);
	});
});

describe('next steps', () => {
	it('say something for every answer', () => {
		for (const answer of REPLY_ANSWERS) expect(NEXT_STEPS[answer].steps.length).toBeGreaterThan(0);
	});
});

describe('the test clock', () => {
	it('is allowed only where it can email nothing but a relay on this machine, and never in production', () => {
		expect(clockProblem({})).toBeNull();
		expect(clockProblem({ TEST_CLOCK_FILE: '/tmp/clock' })).toBeNull();
		expect(clockProblem({ TEST_CLOCK_FILE: '/tmp/clock', SMTP_HOST: '127.0.0.1' })).toBeNull();
		expect(clockProblem({ TEST_CLOCK_FILE: '/tmp/clock', SMTP_HOST: 'localhost' })).toBeNull();
		expect(clockProblem({ TEST_CLOCK_FILE: '/tmp/clock', SMTP_HOST: 'smtp.example.org' })).toMatch(/Refusing to start/);
		expect(clockProblem({ TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'production' })).toMatch(/Refusing to start/);
		expect(clockProblem({ TEST_CLOCK_FILE: ' ', SMTP_HOST: 'smtp.example.org', NODE_ENV: 'production' })).toBeNull();
	});
});
