/**
 * The inventory job dialog's form, built on bulk.createFromInventory's contract: what the user
 * types (text everywhere, a quantity included) and the schema that checks it and turns it into
 * the method's arguments, for react-hook-form's zodResolver.
 */
import { z } from 'zod';
import { bulkMethods } from '../../../../core/bulk/contract';

const args = bulkMethods['bulk.createFromInventory'].args;
const item = args.shape.items.element;
const skuLine = item.shape.skus.element;

/** The most codes one SKU line of an inventory job takes (bulk.createFromInventory's own limit). */
export const MAX_INVENTORY_QUANTITY = 15_000;

export interface InventoryJobValues {
  name: string;
  items: { mac: string; systemName: string; skus: { sku: string; quantity: string }[] }[];
}

export const emptySku = (): InventoryJobValues['items'][number]['skus'][number] => ({ sku: '', quantity: '1' });
export const emptySystem = (): InventoryJobValues['items'][number] => ({ mac: '', systemName: '', skus: [emptySku()] });

/** Text trimmed, and left out when empty (an optional field of the contract). */
const optionalText = <S extends z.ZodType<string | undefined, string | undefined>>(schema: S) =>
  z
    .string()
    .transform((text) => text.trim() || undefined)
    .pipe(schema);

/**
 * Each MAC typed, each SKU chosen, each quantity a whole number of 1 to MAX_INVENTORY_QUANTITY (`messages` are
 * the sentences each field then says); what passes is bulk.createFromInventory's arguments.
 */
export function inventoryJobSchema(messages: { macRequired: string; skuRequired: string; quantityRange: string }) {
  return z.object({
    name: optionalText(args.shape.name),
    items: z.array(
      z.object({
        mac: z.string().trim().min(1, messages.macRequired).pipe(item.shape.mac),
        systemName: optionalText(item.shape.systemName),
        skus: z.array(
          z.object({
            sku: z.string().min(1, messages.skuRequired).pipe(skuLine.shape.sku),
            quantity: z
              .string()
              .trim()
              .regex(/^\d+$/, messages.quantityRange)
              .transform(Number)
              .pipe(z.number().min(1, messages.quantityRange).max(MAX_INVENTORY_QUANTITY, messages.quantityRange))
              .pipe(skuLine.shape.quantity),
          }),
        ),
      }),
    ),
  });
}

/** What the schema turns the form into: bulk.createFromInventory's arguments. */
export type InventoryJobArgs = z.output<ReturnType<typeof inventoryJobSchema>>;
