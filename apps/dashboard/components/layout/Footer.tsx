export function Footer() {
  return (
    <footer>
      <div className="nhsuk-footer">
        <div className="nhsuk-width-container-fluid app-footer__container">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            Switchboard — live operations for NHS 111. All times are UK time (Europe/London). Measures follow
            the NHS Integrated Urgent Care Aggregate Data Collection; a gap in a chart means no data arrived.
          </p>
        </div>
      </div>
    </footer>
  );
}
