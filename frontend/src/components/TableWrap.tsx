import type { ReactNode } from "react";

/**
 * The horizontal scroll container of a wide table. It is focusable and named, so keyboard
 * users can scroll it on narrow screens (WCAG 2.1.1) and screen readers announce it.
 */
export function TableWrap({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`krds-table-wrap${className ? ` ${className}` : ""}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
