import type Ajv from 'ajv';
import { isDate } from './dates';

/**
 * What Specwright's schemas may use beyond JSON Schema draft-07, added to
 * every Ajv that compiles one: the built-in schemas' (.ci/genValidators.ts)
 * and each team schema's (extensions.ts), so a team can copy their style.
 */
export function addVocabulary(ajv: Ajv): Ajv {
  // Annotation only: the meaning of each value of `enum`, in the same order.
  ajv.addKeyword({
    keyword: 'enumDescriptions',
    schemaType: 'array',
    metaSchema: { type: 'array', items: { type: 'string' } },
  });
  ajv.addFormat('date', { type: 'string', validate: isDate });
  return ajv;
}
