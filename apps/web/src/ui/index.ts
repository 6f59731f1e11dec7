// The web app's door to the design system (@kassa/ui, packages/ui): screens import the kit from
// here, so the kit's place stays one line to change.
export * from '@kassa/ui';
