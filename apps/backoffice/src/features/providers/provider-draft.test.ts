import { describe, expect, it } from 'vitest';
import {
  addField,
  basisPointsOf,
  createBody,
  editBody,
  emptyDraft,
  errorsByPointer,
  FIELDS_MAX,
  makeMain,
  minorOf,
  moveField,
  removeField,
  updateField,
} from './provider-draft';

function named(names: string[]) {
  let fields = emptyDraft('mobile').fields;
  for (let index = 1; index < names.length; index += 1) fields = addField(fields);
  return fields.map((field, index) => ({ ...field, name: names[index] ?? '' }));
}

describe('the fields editor', () => {
  it('adds fields up to the server’s limit, the first one main', () => {
    let fields = addField([]);
    expect(fields.map((field) => field.main)).toEqual([true]);
    for (let index = 0; index < FIELDS_MAX + 2; index += 1) fields = addField(fields);
    expect(fields).toHaveLength(FIELDS_MAX);
    expect(fields.filter((field) => field.main)).toHaveLength(1);
    expect(new Set(fields.map((field) => field.key)).size).toBe(FIELDS_MAX);
  });

  it('moves a field up and down, and nothing past either end', () => {
    const fields = named(['phone', 'account', 'iin']);
    expect(moveField(fields, 2, -1).map((field) => field.name)).toEqual(['phone', 'iin', 'account']);
    expect(moveField(fields, 0, 1).map((field) => field.name)).toEqual(['account', 'phone', 'iin']);
    expect(moveField(fields, 0, -1).map((field) => field.name)).toEqual(['phone', 'account', 'iin']);
    expect(moveField(fields, 2, 1).map((field) => field.name)).toEqual(['phone', 'account', 'iin']);
  });

  it('keeps exactly one main field when the main one is removed or another is made main', () => {
    const fields = makeMain(named(['phone', 'account', 'iin']), 1);
    expect(fields.map((field) => field.main)).toEqual([false, true, false]);
    const left = removeField(fields, 1);
    expect(left.map((field) => [field.name, field.main])).toEqual([
      ['phone', true],
      ['iin', false],
    ]);
    expect(removeField(left, 1).map((field) => field.main)).toEqual([true]);
  });

  it('changes one field only', () => {
    const fields = updateField(named(['phone', 'account']), 1, { kind: 'iin', minLength: '12' });
    expect(fields.map((field) => field.kind)).toEqual(['digits', 'iin']);
    expect(fields[1]?.minLength).toBe('12');
  });
});

describe('the body sent', () => {
  it('reads tenge and percent as minor units and basis points, prefixes as a list, an empty hint as none', () => {
    expect(minorOf('1 500,50')).toBe(150_050);
    expect(minorOf('abc')).toBe(-1);
    expect(basisPointsOf('1,5')).toBe(150);
    const draft = {
      ...emptyDraft('mobile'),
      slug: ' kcell-2 ',
      amountMin: '100',
      amountMax: '50000',
      feeCap: '',
      fields: updateField(emptyDraft('mobile').fields, 0, {
        kind: 'phone',
        phonePrefixes: '701, 702 775',
        minLength: '10',
        maxLength: '10',
      }),
    };
    const body = createBody(draft);
    expect(body).toMatchObject({ slug: 'kcell-2', amountRule: { minMinor: 10_000, maxMinor: 5_000_000 }, feeRule: { capMinor: null } });
    expect(body.fields[0]).toMatchObject({
      kind: 'phone',
      phonePrefixes: ['701', '702', '775'],
      hint: null,
      checkDigit: null,
      pattern: null,
    });
  });

  it('sends a new endpoint secret on an edit only when one was typed, and never the settlement details', () => {
    const draft = { ...emptyDraft('mobile'), bin: '980540001236', settlementIban: 'KZ23601KZT0000012345', legalName: 'АО «Кселл»' };
    const kept = editBody(draft, 4);
    expect(kept.version).toBe(4);
    expect('endpointSecret' in kept).toBe(false);
    expect(['bin', 'settlementIban', 'legalName', 'slug'].filter((key) => key in kept)).toEqual([]);
    expect(editBody({ ...draft, endpointSecret: 'psk_new_0123456789' }, 4).endpointSecret).toBe('psk_new_0123456789');
  });
});

describe('the server’s 422', () => {
  it('is read by JSON pointer, so each message goes under its own input', () => {
    const failure = {
      status: 422,
      body: {
        type: 'https://mykassa.kz/problems/provider-invalid',
        title: 'Check',
        status: 422,
        errors: [
          { pointer: '/fields/1/minLength', detail: 'Length' },
          { pointer: '/bin', detail: 'BIN' },
          { pointer: '/bin', detail: 'again' },
        ],
      },
    };
    expect(errorsByPointer(failure)).toEqual({ '/fields/1/minLength': 'Length', '/bin': 'BIN again' });
    expect(errorsByPointer(null)).toEqual({});
    expect(errorsByPointer({ status: null, body: null })).toEqual({});
  });
});
