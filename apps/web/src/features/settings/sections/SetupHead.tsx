import type { ReactNode } from 'react';

/** The head of a device set-up block (PIN, fingerprint): its icon, title and one line on what it does. */
export function SetupHead({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return (
    <div className="setup__head">
      <span className="card__icon">{icon}</span>
      <div>
        <h3 className="setup__title">{title}</h3>
        <p className="muted small">{text}</p>
      </div>
    </div>
  );
}
