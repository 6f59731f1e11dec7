import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators. Bodies are JSON and validated strictly: no type coercion (the string "100" is
 * not an amount) and unknown properties are rejected, never silently dropped (ASVS 5.1, no mass
 * assignment). Query strings, params and headers are text by nature and are coerced.
 */
const common: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...common, ...options });
  addFormats.default(ajv);
  return ajv;
}

const strictAjv = createAjv({ coerceTypes: false });
const textAjv = createAjv({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
