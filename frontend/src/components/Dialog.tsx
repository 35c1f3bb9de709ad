import { useEffect, useId, useRef, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons at the bottom; the first one gets focus when the dialog opens. */
  actions: ReactNode;
  /** While true, Escape does not close (e.g. during a request). */
  busy?: boolean;
}

/**
 * A modal confirmation built on the native <dialog>: showModal() gives the focus trap,
 * the inert page behind and Escape (as "cancel"). Focus returns to the opener on close.
 */
export function Dialog({ open, title, onClose, children, actions, busy = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      const first = dialog.querySelector<HTMLElement>(".dialog-actions button, .dialog-actions a");
      first?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      opener.current?.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="app-dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open ? (
        <div className="dialog-in">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-actions">{actions}</div>
        </div>
      ) : null}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** The act being confirmed, e.g. 초대 취소. */
  confirmLabel: string;
  /** What leaves without acting, e.g. 취소 or 닫기. */
  dismissLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
  busy?: boolean;
}

/** A Dialog asking to confirm one act: the act's button first, so it gets focus, then the way out. */
export function ConfirmDialog({ open, title, confirmLabel, dismissLabel, onConfirm, onClose, children, busy = false }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      busy={busy}
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="krds-btn primary medium" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onClose}>
            {dismissLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
