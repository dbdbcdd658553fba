/** A done message in an inset, read out when it appears. */
export function StatusNote({ text, testId }: { text: string | null; testId?: string }) {
  return text ? (
    <div className="nhsuk-inset-text" role="status" data-testid={testId}>
      <p>{text}</p>
    </div>
  ) : null;
}
