import { Fragment } from 'preact';
import type { CallDetail } from '../../api/types.js';
import { Badge, SentimentBadge } from '../../components/badges.js';
import { humanize } from '../../format/labels.js';
import { readAnalysis } from './read-analysis.js';

function fieldValue(value: unknown): string {
  if (value === null || value === undefined) return 'not mentioned';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const statusText = {
  none: 'This call has not been analysed.',
  pending: 'The analysis is running. Reload the page in a moment to see it.',
  failed: 'The analysis failed.',
  done: '',
} as const;

/** The post-call analysis: summary, sentiment, success, custom fields and derived facts. */
export function AnalysisSection(props: { call: CallDetail }) {
  const { call } = props;
  const analysis = call.analysis === null ? null : readAnalysis(call.analysis);
  return (
    <section class="card" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">Analysis</h2>
      {analysis === null ? (
        <p class="muted">{statusText[call.analysisStatus] || statusText.none}</p>
      ) : (
        <div class="stack">
          {call.analysisStatus === 'pending' && <p class="muted">{statusText.pending}</p>}
          {analysis.summary !== null && <p class="analysis-summary">{analysis.summary}</p>}
          <dl class="facts">
            <dt>Sentiment</dt>
            <dd>
              <SentimentBadge sentiment={analysis.sentiment} />
            </dd>
            <dt>Success</dt>
            <dd>
              {analysis.success === null ? (
                <span class="muted">–</span>
              ) : (
                <>
                  <Badge tone={analysis.success.achieved ? 'ok' : 'danger'}>
                    {analysis.success.achieved ? 'Achieved' : 'Not achieved'}
                  </Badge>{' '}
                  {analysis.success.reason}
                </>
              )}
            </dd>
            {analysis.voicemail !== null && (
              <>
                <dt>Voicemail</dt>
                <dd>{analysis.voicemail ? 'Yes' : 'No'}</dd>
              </>
            )}
            {analysis.fields.map(([name, value]) => (
              <Fragment key={`field-${name}`}>
                <dt>{humanize(name)}</dt>
                <dd>{fieldValue(value)}</dd>
              </Fragment>
            ))}
            {analysis.facts.map(([name, value]) => (
              <Fragment key={`fact-${name}`}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
          {analysis.unavailableReason !== null && (
            <p class="muted">Some parts are missing: {analysis.unavailableReason}.</p>
          )}
        </div>
      )}
    </section>
  );
}
