/** What the answer page suggests after each answer: the next useful thing the supporter can do. */
import type { ReplyAnswer } from './answers';

export const NEXT_STEPS: Record<ReplyAnswer, { heading: string; steps: string[] }> = {
	replied_and_wrote: {
		heading: 'Thank you: your MP did what the letter asked',
		steps: [
			'Ask your MP to send you the Cancer Alliance’s answer when it comes: that is where plans change.',
			'If you can, paste the key sentences of your MP’s reply below. Once we have checked them, they help others see what MPs say.'
		]
	},
	replied_not_wrote: {
		heading: 'Thank you: a reply is a start',
		steps: [
			'Reply to your MP and ask, politely, whether they will write to the Cancer Alliance, as your first email asked.',
			'If you can, paste the key sentences of their reply below, so we can see what MPs say.'
		]
	},
	acknowledgement: {
		heading: 'Thank you: an acknowledgement is not yet an answer',
		steps: [
			'MPs’ offices often acknowledge first and answer later. Give it a couple of weeks.',
			'If no answer follows, reply to the acknowledgement and ask whether your MP will write to the Cancer Alliance.'
		]
	},
	no_reply: {
		heading: 'Thank you: many MPs take a few weeks',
		steps: [
			'Three weeks after your email, you can send your MP a short, polite follow-up from this page: MPs’ offices do answer reminders.',
			'If you hear later, come back to this page and change your answer.'
		]
	},
	not_expected: {
		heading: 'Thank you for telling us',
		steps: [
			'Your letter still counts: MPs’ offices count the letters they receive on each subject.',
			'If your MP does reply, come back to this page and change your answer.'
		]
	}
};
