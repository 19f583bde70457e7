import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readYaml } from './yaml-files.ts';
import type { z as Zod } from 'zod';
import type { Lang, Priority } from './types.ts';

/**
 * The problems the bot handles: the ten of the classify contract, plus `security_report`
 * (phishing, impersonation, leaked secrets, account takeover), which outside evaluations that know
 * only the ten count as `unknown_transaction`.
 */
export const PROBLEM_INTENTS = [
  'payment_failed',
  'withdrawal_pending',
  'account_locked',
  'refund',
  'transfer_delayed',
  'unknown_transaction',
  'login_problem',
  'verification_problem',
  'contact_human',
  'complaint',
  'security_report',
] as const;
export type ProblemIntent = (typeof PROBLEM_INTENTS)[number];
/** The ten problems of the classify contract (outside evaluations know only these). */
export const CONTRACT_INTENTS: readonly string[] = PROBLEM_INTENTS.filter(
  (i) => i !== 'security_report',
);
/** An intent as the classify contract names it: `security_report` counts as `unknown_transaction`. */
export const toContractIntent = (intent: string): string =>
  intent === 'security_report' ? 'unknown_transaction' : intent;
export const OUT_OF_SCOPE = 'out_of_scope';

/**
 * The schemas of intents/ files, built with zod on the first validation: a start that reads the
 * catalog validated last time (nlu/index.ts, cacheDir) never loads zod (~6 MB of RSS).
 */
function schemas(z: typeof Zod) {
  const bilingual = <T extends Zod.ZodType>(item: T) => z.object({ en: item, zh: item }).strict();
  const nonEmpty = z.string().trim().min(1);

  const slotSchema = z
    .object({
      slot: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case slot name'),
      type: z.enum(['transaction_id', 'amount', 'date', 'text', 'images']),
      optional: z.boolean().optional(),
      max: z.number().int().min(1).max(10).optional(),
      prompt: bilingual(nonEmpty).optional(),
      /** A text question the user's first words answer when they tell the story (12+ words). */
      story: z.boolean().optional(),
      /**
       * A text question asking why ("What is the refund for?"): a bare date or amount is not its
       * answer — noted, and the question asked once more.
       */
      why: z.boolean().optional(),
      /**
       * Words that answer this text question when the first words hold them ("退货了 店家说已经
       * 退款": the refund's reason is a return): the clause with one is the answer, not asked for.
       */
      answered_by: bilingual(z.array(nonEmpty)).optional(),
      /**
       * Asked only when the user's words say one of these (the network and deposit address of a
       * crypto transfer, not of a bank one); left out of the summary and the edit menu otherwise.
       */
      when: bilingual(z.array(nonEmpty).min(1)).optional(),
    })
    .strict()
    .refine((s) => s.type !== 'text' || s.prompt !== undefined, {
      message: 'a text slot needs a prompt in en and zh',
      path: ['prompt'],
    });

  const problemSchema = z
    .object({
      id: z.enum(PROBLEM_INTENTS),
      kind: z.literal('problem'),
      priority: z.enum(['urgent', 'high', 'normal', 'low']),
      /** Place in the menu of problems (1 first): the commonest problems first. */
      menu: z.number().int().positive().optional(),
      label: bilingual(nonEmpty),
      examples: bilingual(z.array(nonEmpty).min(40, 'at least 40 examples')),
      self_help: bilingual(z.array(nonEmpty)),
      /**
       * Steps left out when the user's first words already say they do not apply (`step`: its
       * number in self_help, 1 first; `when`: words of the first words, folded): "the shop already
       * refunded me" is not told to contact the shop first.
       */
      self_help_skip: z
        .array(
          z
            .object({
              step: z.number().int().positive(),
              when: bilingual(z.array(nonEmpty).min(1)),
              /** …unless these words are there too (a code given away, but also the phrase). */
              unless: bilingual(z.array(nonEmpty)).optional(),
            })
            .strict(),
        )
        .optional(),
      /**
       * A self-help problem started the protective way when the user's words say one of these
       * ("payments I didn't make", "someone is using my card"): steps, then the case at once —
       * no "did this solve it?" that a fraud report can answer "yes" to and end with no case.
       */
      protective_when: bilingual(z.array(nonEmpty).min(1)).optional(),
      /**
       * The question after the steps and its two buttons where "did this solve it?" does not fit
       * (a charge not recognised: "is it yours after all?"), and what is said when the answer is
       * no, before the case's questions ("Sorry it's not solved" did not fit either).
       */
      self_help_ask: z
        .object({
          question: bilingual(nonEmpty),
          yes: bilingual(nonEmpty),
          no: bilingual(nonEmpty),
          then: bilingual(nonEmpty),
        })
        .strict()
        .optional(),
      /** Steps shown only when the user's words say one of these ("approved a contract"). */
      self_help_only: z
        .array(
          z
            .object({
              step: z.number().int().positive(),
              when: bilingual(z.array(nonEmpty).min(1)),
            })
            .strict(),
        )
        .optional(),
      /**
       * How the conversation opens: `self_help` (steps, then "did this solve it?"), `protective`
       * (steps first, then straight to collecting — security), `complaint` (no steps: apologise once,
       * collect, offer a senior agent), `direct` (straight to collecting — a wish for a human).
       */
      flow: z.enum(['self_help', 'protective', 'complaint', 'direct']).default('self_help'),
      /**
       * Problems of one family read as one problem told twice ("the shop refunded me" + "I never
       * got it" is a refund, not also a transfer): a second problem in a message must be of
       * another family.
       */
      family: z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/)
        .optional(),
      /** Answers to questions users ask about the advice ("how long do I wait?"), matched by words. */
      faq: z
        .array(
          z
            .object({
              match: bilingual(z.array(nonEmpty).min(1)),
              answer: bilingual(nonEmpty),
              /** Also answered in every other problem's flow ("was that you?" about a scammer). */
              everywhere: z.boolean().optional(),
              /**
               * First aid: answered when the first words match, question or not ("my card was
               * stolen": freeze it now), before the problem's own steps.
               */
              first_aid: z.boolean().optional(),
              /**
               * A loss said with nothing else (a card or phone lost or stolen, no money gone, no
               * payment named): this answer is the whole reply, then say.afterLoss — not the
               * problem's steps for a charge nobody has mentioned, nor "did this solve it?".
               */
              alone: z.boolean().optional(),
              /**
               * Only an agent can do it (a deposit without its memo is recovered by hand): after
               * this answer to the first words come the case's questions — no steps to try, no
               * "did this solve it?" — and its words start its problem when the model is unsure.
               */
              to_agent: z.boolean().optional(),
            })
            .strict(),
        )
        .default([]),
      collect: z.array(slotSchema).min(1),
    })
    .strict();

  const smalltalkSchema = z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9_]*$/),
      kind: z.literal('smalltalk'),
      label: bilingual(nonEmpty),
      examples: bilingual(z.array(nonEmpty).min(10, 'at least 10 examples')),
      reply: bilingual(nonEmpty),
    })
    .strict();

  const outOfScopeSchema = z
    .object({
      id: z.literal(OUT_OF_SCOPE),
      kind: z.literal('out_of_scope'),
      examples: bilingual(z.array(nonEmpty).min(40, 'at least 40 examples')),
    })
    .strict();

  const intentSchema = z.discriminatedUnion('kind', [
    problemSchema,
    smalltalkSchema,
    outOfScopeSchema,
  ]);
  return { slotSchema, problemSchema, smalltalkSchema, intentSchema };
}

type Schemas = ReturnType<typeof schemas>;
const require = createRequire(import.meta.url);
let built: Schemas | undefined;
const intentSchema = () =>
  (built ??= schemas((require('zod') as { z: typeof Zod }).z)).intentSchema;

export type SlotSpec = Zod.infer<Schemas['slotSchema']>;
export type ProblemIntentSpec = Zod.infer<Schemas['problemSchema']>;
export type SmalltalkSpec = Zod.infer<Schemas['smalltalkSchema']>;
export type IntentSpec = Zod.infer<Schemas['intentSchema']>;

export class IntentCatalog {
  readonly problems: ReadonlyMap<string, ProblemIntentSpec>;
  readonly smalltalk: ReadonlyMap<string, SmalltalkSpec>;

  /** FAQ entries answered whatever the problem (`everywhere: true`). */
  readonly sharedFaq: ProblemIntentSpec['faq'];

  constructor(readonly all: readonly IntentSpec[]) {
    this.problems = new Map(all.flatMap((i) => (i.kind === 'problem' ? [[i.id, i] as const] : [])));
    this.sharedFaq = [...this.problems.values()].flatMap((p) => p.faq.filter((f) => f.everywhere));
    this.smalltalk = new Map(
      all.flatMap((i) => (i.kind === 'smalltalk' ? [[i.id, i] as const] : [])),
    );
  }

  problem(id: string): ProblemIntentSpec | undefined {
    return this.problems.get(id);
  }

  /** Training documents: every example with its intent id as the label. */
  trainingSet(): Array<{ text: string; label: string; lang: Lang }> {
    return this.all.flatMap((i) =>
      (['en', 'zh'] as const).flatMap((lang) =>
        i.examples[lang].map((text) => ({ text, label: i.id, lang })),
      ),
    );
  }

  priorityOf(id: string): Priority {
    return this.problems.get(id)?.priority ?? 'normal';
  }
}

export class IntentFileError extends Error {
  override readonly name = 'IntentFileError';
}

/** Validates one parsed YAML document; the error names the file and the field. */
export function parseIntent(file: string, data: unknown): IntentSpec {
  const result = intentSchema().safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${file}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new IntentFileError(problems.join('\n'));
  }
  const spec = result.data;
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  if (spec.id !== expected) {
    throw new IntentFileError(
      `${file}: id: "${spec.id}" does not match the file name "${expected}"`,
    );
  }
  if (spec.kind === 'problem') {
    for (const lang of ['en', 'zh'] as const) {
      if (spec.id !== 'contact_human' && spec.self_help[lang].length === 0)
        throw new IntentFileError(`${file}: self_help.${lang}: needs at least one step`);
      for (const skip of [...(spec.self_help_skip ?? []), ...(spec.self_help_only ?? [])])
        if (skip.step > spec.self_help[lang].length)
          throw new IntentFileError(
            `${file}: self_help_skip: step ${skip.step} is not among the ${spec.self_help[lang].length} steps of self_help.${lang}`,
          );
    }
  }
  return spec;
}

/** Loads and validates every intent file in `dir`; all ten problem intents must be present. */
export function loadIntents(dir: string): IntentCatalog {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const specs: IntentSpec[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    try {
      specs.push(parseIntent(path, readYaml(path)));
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  const ids = new Set(specs.map((s) => s.id));
  for (const id of [...PROBLEM_INTENTS, OUT_OF_SCOPE]) {
    if (!ids.has(id))
      errors.push(`${join(dir, id + '.yaml')}: missing (intent "${id}" is required)`);
  }
  if (errors.length) throw new IntentFileError(`Invalid intents in ${dir}:\n${errors.join('\n')}`);
  return new IntentCatalog(specs);
}
