// The shapes of action blocks and front matter. Polymorphic fields (expect: Code | {...},
// cleanup: false | [...], error: Code | [Code]) are dispatched by hand in action.ts so each
// form gets its own message instead of zod's generic "invalid union".
import { z } from 'zod';

const mapping = z.record(z.string(), z.unknown());

export const actionSchema = z.strictObject({
  as: z.string().min(1),
  call: z.string().min(1),
  run: z.string().min(1),
  with: mapping,
  save: z.record(z.string(), z.string().min(1)),
  expect: z.unknown(),
  cleanup: z.unknown(),
  hint: z.string().trim().min(1),
}).partial();
export type RawAction = z.infer<typeof actionSchema>;

export const expectSchema = z.strictObject({
  error: z.unknown(),
  message: z.string().min(1),
  output: mapping,
  exitCode: z.number().int().min(0).max(255),
  stdout: z.string(),
  stderr: z.string(),
}).partial();
export type RawExpect = z.infer<typeof expectSchema>;

export const cleanupCallSchema = z.strictObject({
  call: z.string().min(1),
  with: mapping.optional(),
});

// A ```yaml quiz block. `answer` is the 1-based number of the right choice or its exact text;
// quiz.ts checks it against the choices, so the message can name them.
export const quizSchema = z.strictObject({
  question: z.string().trim().min(1),
  // How many (2 to 9) is checked in quiz.ts, with a message that says so.
  choices: z.array(z.string().trim().min(1)),
  // Checked in quiz.ts, where the message can name the choices.
  answer: z.unknown(),
  explain: z.string().trim().min(1),
});
export type RawQuiz = z.infer<typeof quizSchema>;

const oneOrMany = (item: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1));

// Front matter is validated leniently: unknown keys pass unless they look like a typo of a
// known one (see front-matter.ts), so later versions can add keys without breaking old tools.
export const frontMatterSchema = z.object({
  title: z.string().trim().min(1),
  summary: z.string().optional(),
  accounts: oneOrMany(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
      error: 'must be a name of letters, digits, - and _ (it is used as ${accounts.NAME.id})',
    }),
  ).optional(),
  duration: z
    .union([z.string().min(1), z.number().positive()], { error: 'must be a duration like 10m or 1h30m' })
    .optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language code like en, ko or pt-BR' })
    .optional(),
  requires: oneOrMany(z.string().min(1)).optional(),
});

export const ACTION_KEYS = Object.keys(actionSchema.shape);
export const EXPECT_KEYS = Object.keys(expectSchema.shape);
export const QUIZ_KEYS = Object.keys(quizSchema.shape);
export const CLEANUP_KEYS = Object.keys(cleanupCallSchema.shape);
export const FRONT_MATTER_KEYS = Object.keys(frontMatterSchema.shape);
