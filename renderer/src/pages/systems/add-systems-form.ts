/**
 * Add Systems' form schemas, built on the systems contract's own: what each way of adding holds
 * (one system, a range, a file) and what stops it from being sent, for react-hook-form's zodResolver.
 */
import type { CoreMessage } from '../../i18n/messages';
import { z } from 'zod';
import { parseMac } from '../../../../core/domain/mac';
import { systemsMethods } from '../../../../core/systems/contract';
import { previewRange, type FilePreview } from './add-systems-rules';

const addArgs = systemsMethods['systems.add'].args;
/** One system as systems.add takes it: a MAC (any format) and a name (trimmed; may be empty). */
const systemRow = addArgs.shape.systems.element;
/** What becomes of a known system given another name. */
const renames = addArgs.shape.renames.unwrap();

/**
 * One system: the contract's row, whose MAC must parse (the MAC rule's message on the field, said
 * in the user's language by `say`).
 */
export function oneSystemSchema(say: (message: CoreMessage) => string) {
  return systemRow.superRefine((value, ctx) => {
    const parsed = parseMac(value.mac);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['mac'], message: say(parsed) });
  });
}
export type OneSystemValues = z.input<ReturnType<typeof oneSystemSchema>>;

/**
 * A range: From and To are the contract's MACs; its name leaves room for the place each system
 * gets in the range (`Depot 12`). Sent only when the range parses (its preview says why not).
 */
export function rangeSchema(incomplete: string) {
  return z
    .object({
      from: systemRow.shape.mac,
      to: systemRow.shape.mac,
      name: z.string().max(190),
      renames,
    })
    .superRefine((value, ctx) => {
      const preview = previewRange(value.from, value.to);
      if (preview.state === 'incomplete') ctx.addIssue({ code: 'custom', path: ['range'], message: incomplete });
      if (preview.state === 'invalid') ctx.addIssue({ code: 'custom', path: ['range'], message: preview.message });
    });
}
export type RangeValues = z.input<ReturnType<typeof rangeSchema>>;

/** A file: its preview (null until one is read), which must be there to be sent. */
export function fileSchema(none: string) {
  return z.object({
    preview: z.custom<FilePreview | null>().refine((preview) => preview !== null, none),
    renames,
  });
}
export type FileValues = z.input<ReturnType<typeof fileSchema>>;
