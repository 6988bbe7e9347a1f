// Its one job: the rows of the Codes table for a filter (`codes.list`, keyset pages as the user
// scrolls), read again when the filter changes or the core says the inventory changed
// (`codes.changed`, through INVALIDATED_BY). The first page's note (a core message) is said in the
// user's language.
import { useRef } from 'react';
import type { CodeFilter, CodeRow } from '../../../../core/codes/contract';
import { useKeysetPages, type FetchPage } from '../../components/data-table/use-keyset-pages';
import { type CoreMessage, useSay } from '../../i18n/messages';

export function useCodePages(filter: CodeFilter) {
  const say = useSay();
  // The shared list state holds a note as text: it carries the message's code, said on each render.
  const notes = useRef(new Map<string, CoreMessage>());
  const fetchPage: FetchPage<CodeFilter, CodeRow> = async (api, pageFilter, after, limit) => {
    const page = await api.invoke('codes.list', { filter: pageFilter, after, limit });
    if (page.note) notes.current.set(page.note.code, page.note);
    // The inventory is this computer's own: there is no portal sync time to show.
    return { ...page, note: page.note?.code ?? null, lastSyncedAt: null };
  };
  const pages = useKeysetPages('codes.list', filter, fetchPage);
  const note = pages.note === null ? null : say(notes.current.get(pages.note) ?? { code: pages.note, message: pages.note });
  return { ...pages, note };
}
