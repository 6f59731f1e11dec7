import type { HTMLAttributes, ReactNode } from 'react';

interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  /** Heading level of the title, to keep the page outline right. */
  titleLevel?: 2 | 3;
  icon?: ReactNode;
  as?: 'section' | 'article' | 'div' | 'li';
}

export function Card({ title, titleLevel = 2, icon, as: Element = 'section', className, children, ...rest }: CardProps) {
  const Heading = titleLevel === 2 ? 'h2' : 'h3';
  return (
    <Element className={['card', className].filter(Boolean).join(' ')} {...rest}>
      {title ? (
        <Heading className="card__title">
          {icon ? <span className="card__icon">{icon}</span> : null}
          <span>{title}</span>
        </Heading>
      ) : null}
      {children}
    </Element>
  );
}
