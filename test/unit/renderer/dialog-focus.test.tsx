// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { Dialog } from '../../../renderer/src/components/Dialog';

/** A page with its heading, a button that opens a dialog, and a choice whether the dialog's action removes that button. */
function PageWithDialog({ removesOpener }: { removesOpener: boolean }) {
  const [open, setOpen] = useState(false);
  const [openerShown, setOpenerShown] = useState(true);
  return (
    <main>
      <h1 tabIndex={-1} data-page-heading>
        Servers
      </h1>
      <button type="button">Something else</button>
      {openerShown && (
        <button type="button" onClick={() => setOpen(true)}>
          Delete row
        </button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} aria-label="Confirm">
        <button
          type="button"
          onClick={() => {
            if (removesOpener) setOpenerShown(false);
            setOpen(false);
          }}
        >
          Confirm
        </button>
      </Dialog>
    </main>
  );
}

async function openAndConfirm() {
  const opener = screen.getByRole('button', { name: 'Delete row' });
  act(() => opener.focus());
  fireEvent.click(opener);
  const confirm = await screen.findByRole('button', { name: 'Confirm' });
  await waitFor(() => expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true));
  fireEvent.click(confirm);
  return opener;
}

describe('Dialog: the focus after it closes', () => {
  it('goes back to what opened it (MUI restores it)', async () => {
    render(<PageWithDialog removesOpener={false} />);
    const opener = await openAndConfirm();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('goes to the page heading when what opened it is gone, not to <body>', async () => {
    render(<PageWithDialog removesOpener />);
    await openAndConfirm();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Servers' })));
  });
});
