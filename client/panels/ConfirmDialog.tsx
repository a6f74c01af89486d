import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  /** Focus starts on "no" (a grave action is not one Enter away). */
  focusNo?: boolean;
}

/** A modal question over the console (Esc or the backdrop answers no). */
export function ConfirmDialog({ title, body, yes, no, onYes, onNo, focusNo = false }: ConfirmDialogProps) {
  const yesRef = useRef<HTMLButtonElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    (focusNo ? noRef : yesRef).current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onNo();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onNo, focusNo]);
  // portalled to <body>: a panel's backdrop-filter would otherwise become the fixed backdrop's box
  return createPortal(
    <div className="confirm-backdrop" onClick={onNo}>
      <div
        className="panel confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="panel-head">
          <h2 id="confirm-title">{title}</h2>
        </header>
        <div className="panel-body">
          <p>{body}</p>
          <div className="alarm-actions">
            <button ref={yesRef} type="button" className="primary" data-testid="confirm-yes" onClick={onYes}>
              {yes}
            </button>
            <button ref={noRef} type="button" data-testid="confirm-no" onClick={onNo}>
              {no}
            </button>
          </div>
        </div>
      </div>
    </div>,
    document.body,
  );
}
