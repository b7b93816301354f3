// DWT's own errors and warnings, as DWT wrote them, with the field each refers to in words.
import type { DwtValidationError } from '@/lib/dwt/errors';
import { fieldLabel } from './field-labels';
import { FORM_ERROR_KEY } from '@/lib/errors';

export function DwtMessageList({ messages }: { messages: readonly DwtValidationError[] }) {
  return (
    <ul className="list-disc pl-6">
      {messages.map((m, i) => (
        <li key={`${m.key}-${i}`}>
          {m.key && m.key !== FORM_ERROR_KEY && <span className="font-semibold">{fieldLabel(m.key)}: </span>}
          {m.message}
        </li>
      ))}
    </ul>
  );
}

export function DwtMessages({ errors, warnings }: { errors: readonly DwtValidationError[]; warnings: readonly DwtValidationError[] }) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <section aria-labelledby="dwt-messages-heading" className="mb-6 max-w-3xl border-l-4 border-danger-700 bg-white p-4">
      <h2 id="dwt-messages-heading" className="mb-2 text-xl font-bold">
        What DWT said
      </h2>
      {errors.length > 0 && (
        <>
          <h3 className="font-semibold">Errors (DWT did not take this version)</h3>
          <DwtMessageList messages={errors} />
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h3 className="mt-2 font-semibold">Warnings (DWT took it, but asks for a look)</h3>
          <DwtMessageList messages={warnings} />
        </>
      )}
    </section>
  );
}
