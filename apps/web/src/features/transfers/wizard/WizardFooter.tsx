import type { ReactNode } from 'react';

/**
 * A step's actions: the primary one first. Below 768 px the footer sticks to the bottom of the
 * screen, above the tab bar, so the action is in thumb reach however long the step (transfers.css).
 */
export function WizardFooter({ children }: { children: ReactNode }) {
  return <div className="wizard-footer">{children}</div>;
}
