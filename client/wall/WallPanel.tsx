import type { ReactNode } from 'react';

export interface WallPanelProps {
  title: string;
  testId?: string;
  className?: string;
  /** Small text at the right of the title. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A framed block of the wall display with a title bar. */
export function WallPanel({ title, testId, className, aside, children }: WallPanelProps) {
  return (
    <section className={`wall-panel ${className ?? ''}`} data-testid={testId}>
      <header className="wall-panel-head">
        <h2>{title}</h2>
        {aside && <span className="wall-panel-aside">{aside}</span>}
      </header>
      <div className="wall-panel-body">{children}</div>
    </section>
  );
}
