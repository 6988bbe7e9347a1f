import { z } from 'zod';
import { say } from '../messages/say';
import { refusedAs } from '../rpc/define';

export const UNSEARCHABLE_TEXT_MESSAGE = say('searchText.unsearchable').message;

/**
 * Whether every character of `text` can be searched for as typed: no control character (C0 but
 * tab, line feed and carriage return, which a pasted cell may carry; DEL; C1) and no unpaired
 * UTF-16 surrogate. Neither can be matched literally: SQLite reads text only up to a NUL (FTS5 then
 * reports an unterminated string), and a lone surrogate reaches SQLite as U+FFFD.
 */
export function isSearchableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20) {
      if (unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return false;
    } else if (unit >= 0x7f && unit <= 0x9f) {
      return false;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++; // The pair's second half.
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Text typed into a search box, at most `max` characters: refused as VALIDATION, under its field, when it cannot be searched for. */
export function searchText(max: number) {
  return z.string().max(max).refine(isSearchableText, refusedAs('searchText.unsearchable'));
}
