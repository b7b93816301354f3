// A correction DWT refused on `submittingOrganisation`: the PUT went with another organisation's apiCode
// than the POST that created the record, and DWT lets only that organisation change it (README, "The live
// service has moved past this spec").
export function OtherOrganisationPanel({ firstApiCode, putApiCode, mayCorrect }: { firstApiCode?: string; putApiCode?: string; mayCorrect: boolean }) {
  const known = firstApiCode && putApiCode && firstApiCode !== putApiCode;
  return (
    <section aria-labelledby="other-organisation-heading" className="mb-6 max-w-3xl border-l-4 border-danger-700 bg-white p-4">
      <h2 id="other-organisation-heading" className="mb-2 text-xl font-bold">
        Correction sent with another organisation’s apiCode
      </h2>
      <p className="mb-2">
        DWT refused this correction because it was sent with a different organisation’s apiCode than the original record. Only the organisation whose apiCode
        first sent a record can correct it in DWT; the record DWT holds is unchanged.
        {known && (
          <>
            {' '}
            First sent with apiCode <span className="font-mono">{firstApiCode}</span>; this correction with <span className="font-mono">{putApiCode}</span>.
          </>
        )}
      </p>
      <p className="font-semibold">What to do</p>
      <ul className="list-disc pl-6">
        <li>
          If the site’s apiCode was changed by mistake, an administrator sets it back to the first one on the site’s page; then
          {mayCorrect ? ' save the correction again.' : ' a manager saves the correction again.'}
        </li>
        <li>
          If the site now belongs to another organisation, the new one cannot correct the old one’s records: ask the organisation that first sent it to correct
          it in DEFRA’s service, and keep this page as the record of what was sent.
        </li>
      </ul>
    </section>
  );
}
